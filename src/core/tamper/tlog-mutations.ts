// Tampering with the transparency log entry: every field is covered by the signed entry
// timestamp, the inclusion proof or the checkpoint signature, so each must fail in the TLOG_ stage.
// The log id is the exception: an unknown id means "our trust material does not know this log".
import { changeChar, flipBase64Bit, fromBase64, spread } from './bits';
import { claimsNewerThanSnapshot, invalid, unavailable, type UnitMutation } from './expectation';
import type { Json, SignedUnit } from './signed-units';

type Entry = Json & {
  inclusionPromise?: { signedEntryTimestamp: string } | null;
  inclusionProof?: { hashes: string[]; rootHash: string; logIndex: string; treeSize: string; checkpoint: { envelope: string } } | null;
  logId: { keyId: string };
};

const first = (unit: SignedUnit): Entry | undefined => unit.entries.get()[0] as Entry | undefined;
const hasProof = (unit: SignedUnit) => Boolean(first(unit)?.inclusionProof);
const hasPromise = (unit: SignedUnit) => Boolean(first(unit)?.inclusionPromise);
const LOG = (what: string) => invalid(`${what} is covered by the log's signatures`, 'TLOG_');

function onEntry(name: string, when: (u: SignedUnit) => boolean, edit: (e: Entry, u: SignedUnit) => void, why = LOG(name), smoke = false): UnitMutation {
  return {
    name,
    smoke,
    applies: (unit) => first(unit) !== undefined && when(unit),
    apply: (unit) => edit(first(unit) as Entry, unit),
    expect: () => why,
  };
}

const bump = (value: unknown): string => (BigInt(String(value)) + 1n).toString();

function checkpointLine(line: number, name: string): UnitMutation {
  return onEntry(`checkpoint ${name} changed`, hasProof, (e) => {
    const proof = e.inclusionProof;
    if (!proof) return;
    const lines = proof.checkpoint.envelope.split('\n');
    const text = lines[line] ?? '';
    lines[line] = changeChar(text, Math.floor(text.length / 2));
    proof.checkpoint.envelope = lines.join('\n');
  });
}

export const tlogMutations: UnitMutation[] = [
  onEntry('log index + 1', () => true, (e) => void (e.logIndex = bump(e.logIndex)), LOG('log index'), true),
  onEntry('integrated time + 1 s', () => true, (e) => void (e.integratedTime = bump(e.integratedTime))),
  {
    name: 'integrated time - 1 day',
    applies: (unit) => first(unit) !== undefined,
    apply: (unit) => {
      const entry = first(unit);
      if (entry) entry.integratedTime = String(BigInt(String(entry.integratedTime)) - 86_400n);
    },
    // A day earlier the short-lived certificate did not exist yet; @sigstore/verify judges the
    // certificate at the claimed time before it checks the log's signature over that time.
    expect: (unit) =>
      unit.certificate
        ? invalid('the certificate was not valid a day before it was logged', 'CERT_', 'TLOG_')
        : LOG('integrated time'),
  },
  ...spread(0, 70, 2).map(({ index, bit }, i) =>
    onEntry(`signed entry timestamp bit flip ${i + 1}/2`, hasPromise, (e) => {
      if (e.inclusionPromise) e.inclusionPromise.signedEntryTimestamp = flipBase64Bit(e.inclusionPromise.signedEntryTimestamp, index, bit);
    }, LOG('signed entry timestamp'), i === 0),
  ),
  onEntry('canonicalized body bit flip (start)', () => true, (e) => void (e.canonicalizedBody = flipBase64Bit(String(e.canonicalizedBody), 2, 1))),
  onEntry('canonicalized body bit flip (middle)', () => true, (e) => {
    const body = String(e.canonicalizedBody);
    e.canonicalizedBody = flipBase64Bit(body, Math.floor(fromBase64(body).length / 2), 4);
  }),
  onEntry('kind version changed', () => true, (e) => void ((e.kindVersion as Json).version = '9.9.9'), invalid('kind/version is part of the logged body', 'TLOG_', 'PARSE_')),
  ...[0, 1].map((n) =>
    onEntry(`inclusion proof hash ${n} bit flip`, (u) => (first(u)?.inclusionProof?.hashes.length ?? 0) > n, (e) => {
      const hashes = e.inclusionProof?.hashes ?? [];
      hashes[n] = flipBase64Bit(hashes[n] ?? '', (n * 7) % 32, n % 8);
    }, LOG('an inclusion proof hash'), n === 0),
  ),
  onEntry('inclusion proof last hash bit flip', hasProof, (e) => {
    const hashes = e.inclusionProof?.hashes ?? [];
    hashes[hashes.length - 1] = flipBase64Bit(hashes.at(-1) ?? '', 31, 7);
  }),
  onEntry('inclusion proof hash dropped', (u) => (first(u)?.inclusionProof?.hashes.length ?? 0) > 0, (e) => void e.inclusionProof?.hashes.pop()),
  // @sigstore/verify 4.1.3 proves inclusion against the checkpoint's size and root only and never
  // compares them with inclusionProof.rootHash/treeSize (its own comment promises that step).
  // The Sigstore client spec, sigstore-python and sigstore-go require the match, so a bundle
  // whose proof disagrees with its checkpoint must not verify: the check belongs in src/core.
  onEntry('root hash bit flip', hasProof, (e) => {
    if (e.inclusionProof) e.inclusionProof.rootHash = flipBase64Bit(e.inclusionProof.rootHash, 5, 2);
  }, invalid('the inclusion proof root hash must equal the signed checkpoint root', 'TLOG_INCLUSION_PROOF')),
  onEntry('proof log index + 1', hasProof, (e) => {
    if (e.inclusionProof) e.inclusionProof.logIndex = bump(e.inclusionProof.logIndex);
  }),
  onEntry('proof tree size + 1', hasProof, (e) => {
    if (e.inclusionProof) e.inclusionProof.treeSize = bump(e.inclusionProof.treeSize);
  }, invalid('the inclusion proof tree size must equal the signed checkpoint size', 'TLOG_INCLUSION_PROOF')),
  checkpointLine(1, 'tree size'),
  checkpointLine(2, 'root hash'),
  checkpointLine(4, 'signature'),
  {
    name: 'log id bit flip',
    smoke: true,
    applies: (unit) => first(unit) !== undefined,
    apply: (unit) => {
      const entry = first(unit);
      if (entry) entry.logId.keyId = flipBase64Bit(entry.logId.keyId, 9, 3);
    },
    expect: (unit, env) =>
      claimsNewerThanSnapshot(unit, env)
        ? unavailable('an unknown log, for an entry newer than the trust snapshot', 'TRUST_UNKNOWN_LOG')
        : invalid('an unknown log, for an entry the trust snapshot covers', 'TLOG_ENTRY'),
  },
  {
    name: 'log entry duplicated',
    smoke: true,
    applies: (unit) => unit.entries.get().length === 1,
    apply: (unit) => unit.entries.set([...unit.entries.get(), structuredClone(unit.entries.get()[0] as Json)]),
    expect: () => invalid('one log entry cannot count twice towards the threshold', 'TLOG_'),
  },
  {
    name: 'log entries dropped',
    applies: () => true,
    apply: (unit) => unit.entries.set([]),
    expect: () => invalid('nothing proves the signature was logged', 'TLOG_'),
  },
  onEntry('inclusion proof removed', hasProof, (e) => void delete e.inclusionProof,
    invalid('v0.2+ bundles need an inclusion proof', 'PARSE_BUNDLE', 'TLOG_')),
];

// The fuzz oracle: what a document says in signed bytes ("units", one per attestation or bundle,
// as the Sigstore libraries parse them) apart from what it merely claims (publisher, predicate
// type listing, media type, envelope key ids). Written from the formats, not from src/core, so a
// core that ignored a signed field would disagree with it instead of agreeing by construction.
import { bundleFromJSON, bundleToJSON } from '@sigstore/bundle';
import { TransparencyLogEntry } from '@sigstore/protobuf-specs';
import { canonicalJson, isObject } from './json-tree';

export interface SignedView {
  /** One canonical string per signed unit, in document order. */
  units: string[];
  /** Canonical JSON of everything unsigned the verdict may depend on. */
  claims: string;
}

/** The document is not of the format at all: no verdict on it may be `verified`. */
export class Malformed extends Error {}

function record(value: unknown, what: string): Record<string, unknown> {
  if (!isObject(value)) throw new Malformed(`${what} is not an object`);
  return value;
}

function text(value: unknown, what: string): string {
  if (typeof value !== 'string') throw new Malformed(`${what} is not a string`);
  return value;
}

function nonEmptyList(value: unknown, what: string): unknown[] {
  if (!Array.isArray(value) || value.length === 0) throw new Malformed(`${what} is not a non-empty list`);
  return value;
}

// Decoded the way the protobuf readers decode bytes fields, so equal here means equal there.
const bytesHex = (b64: string) => Buffer.from(b64, 'base64').toString('hex');

// A checkpoint is a signed note: the log signs the note text (up to the blank line); the lines
// after it carry signatures, found the way signed-note readers find them. The signer names
// there are lookup hints, not signed, so they count as claims.
const SIGNATURE_LINE = /\u2014 (\S+) (\S+)\n/g;

function checkpointParts(envelope: string): { signed: unknown; names: string[] } {
  const split = envelope.indexOf('\n\n');
  if (split < 0) return { signed: { unparsed: envelope }, names: [] };
  const lines = [...envelope.slice(split + 2).matchAll(SIGNATURE_LINE)];
  return {
    signed: { note: envelope.slice(0, split + 1), signatures: lines.map((m) => bytesHex(m[2] ?? '')) },
    names: lines.map((m) => m[1] ?? ''),
  };
}

// int64 fields arrive as strings; readers take them with Number()/BigInt(), which agree on
// spellings like " 3" or "\r3", so such a spelling is the same number, not new signed content.
function normaliseInt64(obj: Record<string, unknown>, keys: string[]): void {
  for (const key of keys) {
    const raw = obj[key];
    if (typeof raw !== 'string') continue;
    try {
      const big = BigInt(raw);
      if (Number(raw) === Number(big)) obj[key] = big.toString();
    } catch {
      // Not a number at all: keep the spelling, it is what the readers will choke on.
    }
  }
}

/**
 * A log entry's content as the protobuf reader sees it, checkpoint split into signed and hint
 * parts. Without an inclusion promise (Rekor v2) nothing signs the entry's global log index or
 * integrated time, so those are claims too.
 */
function tlogEntry(value: unknown, names: unknown[]): unknown {
  let json: { inclusionProof?: { checkpoint?: { envelope?: unknown } }; inclusionPromise?: unknown; logIndex?: unknown; integratedTime?: unknown };
  try {
    json = TransparencyLogEntry.toJSON(TransparencyLogEntry.fromJSON(record(value, 'transparency entry'))) as typeof json;
  } catch (error) {
    throw new Malformed(`transparency entry: ${String(error)}`);
  }
  normaliseInt64(json as Record<string, unknown>, ['logIndex', 'integratedTime']);
  if (json.inclusionProof) normaliseInt64(json.inclusionProof as Record<string, unknown>, ['logIndex', 'treeSize']);
  if (json.inclusionPromise === undefined) {
    names.push({ logIndex: json.logIndex, integratedTime: json.integratedTime });
    delete json.logIndex;
    delete json.integratedTime;
  }
  const checkpoint = json.inclusionProof?.checkpoint;
  if (checkpoint && typeof checkpoint.envelope === 'string') {
    const parts = checkpointParts(checkpoint.envelope);
    checkpoint.envelope = parts.signed;
    names.push(...parts.names);
  }
  return json;
}

/** A PEP 740 attestation object's signed content. */
export function attestationUnit(value: unknown): { unit: string; claims: unknown } {
  const att = record(value, 'attestation');
  if (att.version !== 1) throw new Malformed('attestation version is not 1');
  const vm = record(att.verification_material, 'verification_material');
  const entries = vm.transparency_entries;
  if (!Array.isArray(entries)) throw new Malformed('transparency_entries is not a list');
  const envelope = record(att.envelope, 'envelope');
  const names: unknown[] = [];
  const unit = canonicalJson({
    certificate: bytesHex(text(vm.certificate, 'certificate')),
    statement: bytesHex(text(envelope.statement, 'statement')),
    signature: bytesHex(text(envelope.signature, 'signature')),
    entries: entries.map((e) => tlogEntry(e, names)),
  });
  return { unit, claims: { logHints: names } };
}

/**
 * A Sigstore bundle's signed content, without its media type and envelope key ids. Each RFC 3161
 * timestamp is a unit of its own: independent evidence that may be dropped when another
 * source of time (a log's inclusion promise) suffices.
 */
export function bundleUnit(value: unknown): { units: string[]; claims: unknown } {
  let json: Record<string, unknown>;
  try {
    json = bundleToJSON(bundleFromJSON(record(value, 'bundle'))) as unknown as Record<string, unknown>;
  } catch (error) {
    throw new Malformed(`bundle: ${String(error)}`);
  }
  const { mediaType, ...signed } = json;
  const names: unknown[] = [];
  type Vm = {
    publicKey?: { hint?: string };
    tlogEntries?: unknown[];
    timestampVerificationData?: { rfc3161Timestamps?: unknown[] };
    x509CertificateChain?: { certificates?: unknown[] };
  };
  const vm = signed.verificationMaterial as Vm | undefined;
  if (vm?.tlogEntries) vm.tlogEntries = vm.tlogEntries.map((e) => tlogEntry(e, names));
  const timestamps = (vm?.timestampVerificationData?.rfc3161Timestamps ?? []).map((t) => `timestamp ${canonicalJson(t)}`);
  if (vm) delete vm.timestampVerificationData;
  // Only the leaf of a chain is evidence; verifiers take the CA chain from the trusted root.
  const chain = vm?.x509CertificateChain?.certificates;
  const extraCerts = chain ? chain.splice(1) : [];
  // A key hint only selects a key; a wrong one cannot make the signature verify.
  const hint = vm?.publicKey?.hint;
  if (vm?.publicKey) delete vm.publicKey.hint;
  const envelope = signed.dsseEnvelope as { signatures?: { keyid?: string }[] } | undefined;
  const keyids = envelope?.signatures?.map((s) => s.keyid ?? '') ?? [];
  for (const s of envelope?.signatures ?? []) delete s.keyid;
  return { units: [canonicalJson(signed), ...timestamps], claims: { mediaType, keyids, hint, logHints: names, extraCerts } };
}

/** PEP 740 provenance object, bare attestation, or a Sigstore bundle holding one. */
export function pypiView(doc: unknown): SignedView {
  const root = record(doc, 'document');
  if (typeof root.mediaType === 'string') {
    const { units, claims } = bundleUnit(root);
    return { units, claims: canonicalJson({ bundle: claims }) };
  }
  if (root.version !== 1) throw new Malformed('version is not 1');
  if ('verification_material' in root || 'envelope' in root) {
    const { unit, claims } = attestationUnit(root);
    return { units: [unit], claims: canonicalJson({ attestation: claims }) };
  }
  const groups = nonEmptyList(root.attestation_bundles, 'attestation_bundles').map((g, i) => record(g, `group ${i}`));
  const units: string[] = [];
  const claims = groups.map((group, i) => {
    const attestations = nonEmptyList(group.attestations, `group ${i} attestations`);
    const parts = attestations.map(attestationUnit);
    units.push(...parts.map((p) => p.unit));
    return { publisher: record(group.publisher, `group ${i} publisher`), attestations: parts.map((p) => p.claims) };
  });
  return { units, claims: canonicalJson(claims) };
}

/** npm attestations response, or one bundle from it. */
export function npmView(doc: unknown): SignedView {
  const root = record(doc, 'document');
  if (typeof root.mediaType === 'string') {
    const { units, claims } = bundleUnit(root);
    return { units, claims: canonicalJson({ bundle: claims }) };
  }
  const entries = nonEmptyList(root.attestations, 'attestations').map((e, i) => record(e, `attestation ${i}`));
  const units: string[] = [];
  const claims = entries.map((entry) => {
    const { units: bundleUnits, claims: bundleClaims } = bundleUnit(entry.bundle);
    units.push(...bundleUnits);
    return { predicateType: typeof entry.predicateType === 'string' ? entry.predicateType : null, bundle: bundleClaims };
  });
  return { units, claims: canonicalJson(claims) };
}

/** A plain bundle for `verify bundle`. */
export function bundleView(doc: unknown): SignedView {
  const { units, claims } = bundleUnit(doc);
  return { units, claims: canonicalJson(claims) };
}

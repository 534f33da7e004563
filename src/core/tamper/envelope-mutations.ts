// Tampering with what the signer signed (the DSSE payload) or with the signature itself. The log
// entry records hashes of both, so either the log-body comparison or the signature check fails.
import { fromBase64, flipBase64Bit, spread, toBase64 } from './bits';
import { invalid, type UnitMutation } from './expectation';

const SIGNED_CONTENT = (what: string) =>
  invalid(`${what}: the Rekor body no longer matches the envelope, or the DSSE signature fails`, 'SIGNATURE_', 'TLOG_');

function payloadJson(text: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(text, 'base64').toString('utf8')) as Record<string, unknown>;
}

function reencoded(name: string, edit: (statement: Record<string, unknown>) => void, indent = 0, smoke = false): UnitMutation {
  return {
    name,
    smoke,
    applies: () => true,
    apply: (unit) => {
      const statement = payloadJson(unit.payload.get());
      edit(statement);
      unit.payload.set(Buffer.from(JSON.stringify(statement, null, indent)).toString('base64'));
    },
    expect: () => SIGNED_CONTENT(name),
  };
}

function bitFlips(part: 'signature' | 'payload', count: number): UnitMutation[] {
  return Array.from({ length: count }, (_, i): UnitMutation => {
    const pick = (text: string) => spread(0, fromBase64(text).length, count)[i];
    return {
      name: `${part} bit flip ${i + 1}/${count}`,
      smoke: i === 0,
      applies: (unit) => pick(unit[part].get()) !== undefined,
      apply: (unit) => {
        const at = pick(unit[part].get());
        if (at) unit[part].set(flipBase64Bit(unit[part].get(), at.index, at.bit));
      },
      expect: () => SIGNED_CONTENT(`${part} bit flip`),
    };
  });
}

export const envelopeMutations: UnitMutation[] = [
  ...bitFlips('signature', 3),
  ...bitFlips('payload', 3),
  reencoded('unknown predicate type (statement re-encoded)', (s) => {
    s.predicateType = 'https://example.com/unknown-predicate/v1';
  }, 0, true),
  reencoded('subject digest replaced (statement re-encoded)', (s) => {
    const subject = (s.subject as { digest: Record<string, string> }[])[0];
    if (subject) for (const alg of Object.keys(subject.digest)) subject.digest[alg] = '00'.repeat(alg === 'sha512' ? 64 : 32);
  }),
  // Indented, so the bytes differ from the compact original while the meaning is the same.
  reencoded('statement re-serialized (same meaning, other bytes)', () => {}, 2),
  {
    name: 'signature emptied',
    applies: () => true,
    apply: (unit) => unit.signature.set(''),
    expect: () => invalid('no signature bytes', 'SIGNATURE_', 'TLOG_', 'PARSE_'),
  },
  {
    name: 'payload truncated by one byte',
    applies: () => true,
    apply: (unit) => unit.payload.set(toBase64(fromBase64(unit.payload.get()).slice(0, -1))),
    expect: () => SIGNED_CONTENT('payload truncated'),
  },
];

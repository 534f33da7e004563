// Asks native node crypto and the adapter the same verify question and reports both answers.
// "Accepted" means the key decoded and the signature verified; a throw anywhere is a reject,
// because @sigstore/core turns a throwing verify into false and a throwing key into an error.
import * as nodeCrypto from 'node:crypto';
import * as adapter from '../node-crypto';

export interface VerifyQuestion {
  algorithm: string | null | undefined;
  data: Uint8Array;
  /** DER public key and how it is encoded. */
  key: Uint8Array;
  keyType: 'spki' | 'pkcs1';
  signature: Uint8Array;
}

export function nativeAccepts(q: VerifyQuestion): boolean {
  try {
    const key = nodeCrypto.createPublicKey({ key: Buffer.from(q.key), format: 'der', type: q.keyType });
    return nodeCrypto.verify(q.algorithm, q.data, key, q.signature);
  } catch {
    return false;
  }
}

export function adapterAccepts(q: VerifyQuestion): boolean {
  try {
    const key = adapter.createPublicKey({ key: q.key, format: 'der', type: q.keyType });
    return adapter.verify(q.algorithm, q.data, key, q.signature);
  } catch {
    return false;
  }
}

/** Copy of `bytes` with bit `bit` of byte `index` flipped. */
export function flipBit(bytes: Uint8Array, index: number, bit = 0): Uint8Array {
  const out = new Uint8Array(bytes);
  out[index] = (out[index] as number) ^ (1 << bit);
  return out;
}

/** Deterministic spread of byte positions to mutate (first, last and some in between). */
export function positions(length: number, count: number): number[] {
  if (length === 0) return [];
  const step = Math.max(1, Math.floor(length / count));
  const out = new Set<number>([0, length - 1]);
  for (let i = step >> 1; i < length && out.size < count + 2; i += step) out.add(i);
  return [...out];
}

/** The mutated variants of a question that must all be rejected by both implementations. */
export function mutations(q: VerifyQuestion, perField = 6): { label: string; question: VerifyQuestion }[] {
  const out: { label: string; question: VerifyQuestion }[] = [];
  positions(q.signature.length, perField).forEach((i, n) =>
    out.push({ label: `signature[${i}]`, question: { ...q, signature: flipBit(q.signature, i, n % 8) } }),
  );
  positions(q.data.length, perField).forEach((i, n) =>
    out.push({ label: `data[${i}]`, question: { ...q, data: flipBit(q.data, i, n % 8) } }),
  );
  positions(q.key.length, perField).forEach((i, n) =>
    out.push({ label: `key[${i}]`, question: { ...q, key: flipBit(q.key, i, n % 8) } }),
  );
  return out;
}

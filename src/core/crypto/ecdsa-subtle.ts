// Answers a recorded verify request with WebCrypto, only where its answer must equal the
// adapter's: ECDSA on P-256/P-384 with SHA-256/384 and a canonical DER signature. WebCrypto
// hashes `data` itself and truncates the digest to the order's length as noble does with
// prehash: false, and neither insists on low S. Anything else is `undefined` ("cannot say"),
// so the caller leaves the question to the adapter's own check.
import { bytesToHex } from '@noble/hashes/utils.js';
import { BoundedMemo } from './bounded-memo';
import type { VerifyRequest } from './verify-requests';

const CURVE_BYTES = { 'P-256': 32, 'P-384': 48 } as const;
const HASHES = { sha256: 'SHA-256', sha384: 'SHA-384' } as const;

/** An unsigned INTEGER's magnitude, or null unless it is minimal, positive DER. */
function integer(bytes: Uint8Array, offset: number): { value: Uint8Array; end: number } | null {
  if (bytes[offset] !== 0x02) return null;
  const length = bytes[offset + 1];
  // r and s are at most 48 bytes (+1 sign byte): the short length form always suffices.
  if (length === undefined || length === 0 || length > 0x7f) return null;
  const start = offset + 2;
  const end = start + length;
  if (end > bytes.length) return null;
  let value = bytes.subarray(start, end);
  while (value.length > 0 && value[0] === 0) value = value.subarray(1);
  return { value, end };
}

function encodeInteger(value: Uint8Array): number[] {
  const body = ((value[0] ?? 0) & 0x80) !== 0 ? [0, ...value] : [...value];
  return [0x02, body.length, ...body];
}

/**
 * DER Ecdsa-Sig-Value -> IEEE P1363 r||s, or null. Canonical only: the parsed values are
 * re-encoded and must give back exactly the input, so BER quirks, trailing bytes, negative
 * or zero values never reach WebCrypto, whose parser may judge them differently.
 */
export function derToP1363(der: Uint8Array, size: number): Uint8Array<ArrayBuffer> | null {
  if (der[0] !== 0x30 || der[1] === undefined || der[1] > 0x7f) return null;
  const r = integer(der, 2);
  const s = r && integer(der, r.end);
  if (!r || !s || r.value.length === 0 || s.value.length === 0) return null;
  if (r.value.length > size || s.value.length > size) return null;
  const body = [...encodeInteger(r.value), ...encodeInteger(s.value)];
  const again = [0x30, body.length, ...body];
  if (again.length !== der.length || again.some((b, i) => b !== der[i])) return null;
  const out = new Uint8Array(2 * size);
  out.set(r.value, size - r.value.length);
  out.set(s.value, 2 * size - s.value.length);
  return out;
}

// Imported keys per SubtleCrypto instance (tests bring their own); the same few trusted-root
// and log keys sign most requests, so import each once.
const importedKeys = new WeakMap<SubtleCrypto, BoundedMemo<Promise<CryptoKey>>>();

function importSpki(subtle: SubtleCrypto, spki: Uint8Array<ArrayBuffer>, curve: keyof typeof CURVE_BYTES): Promise<CryptoKey> {
  const memo = importedKeys.get(subtle) ?? new BoundedMemo<Promise<CryptoKey>>(64);
  importedKeys.set(subtle, memo);
  const id = `${curve}:${bytesToHex(spki)}`;
  const known = memo.get(id);
  if (known) return known;
  const imported = subtle.importKey('spki', spki, { name: 'ECDSA', namedCurve: curve }, false, ['verify']);
  memo.set(id, imported);
  // A failed import is not remembered: the next request may ask again.
  imported.catch(() => memo.delete(id));
  return imported;
}

/** WebCrypto's answer to `r`, or undefined when it cannot be trusted to equal the adapter's. */
export async function subtleAnswer(subtle: SubtleCrypto, r: VerifyRequest): Promise<boolean | undefined> {
  if (r.keyKind !== 'ec' || r.spki === null) return undefined;
  if (r.curve !== 'P-256' && r.curve !== 'P-384') return undefined;
  if (r.hash !== 'sha256' && r.hash !== 'sha384') return undefined;
  const signature = derToP1363(r.signature, CURVE_BYTES[r.curve]);
  if (!signature) return undefined;
  try {
    const key = await importSpki(subtle, r.spki, r.curve);
    const answer: unknown = await subtle.verify({ name: 'ECDSA', hash: HASHES[r.hash] }, key, signature, r.data);
    return typeof answer === 'boolean' ? answer : undefined;
  } catch {
    return undefined;
  }
}

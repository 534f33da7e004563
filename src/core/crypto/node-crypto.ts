// Stands in for node's `crypto` in the browser build (Vite aliases `crypto`/`node:crypto`
// here, see vite-aliases.ts). It offers exactly what @sigstore/core and @sigstore/verify call,
// synchronously, with node's answers; anything else is absent so a new use fails loudly.
// Both named and default exports: CommonJS interop reads `crypto_1.default.verify`.
import { createHash, Hash } from './digests';
import { clearKeyMemo, createPublicKey, KeyObject } from './key-object';
import { clearVerifyMemo, verifyMemoStats, verifySignature } from './signature-verify';

type KeyLike = Parameters<typeof createPublicKey>[0];

/** node's verify options around a key; tuf-js passes `{ key: KeyObject, hashAlgorithm }`. */
interface VerifyKeyOptions {
  key: KeyObject | string | ArrayBufferView;
  dsaEncoding?: string;
  padding?: number;
  saltLength?: number;
}

const RSA_PKCS1_PADDING = 1;

/**
 * The key a verify() call names. node takes a KeyObject inside the options object too (which
 * createPublicKey refuses), and ignores fields it does not know. Options this adapter does not
 * implement (IEEE P1363 ECDSA signatures, RSA-PSS padding) throw, so nothing passes unchecked.
 */
function verifyKey(key: KeyLike | VerifyKeyOptions): KeyObject {
  if (typeof key !== 'object' || key === null || ArrayBuffer.isView(key) || key instanceof KeyObject || !('key' in key)) return createPublicKey(key);
  const options = key as VerifyKeyOptions;
  if (options.dsaEncoding !== undefined && options.dsaEncoding !== 'der') throw new Error(`dsaEncoding ${options.dsaEncoding} is not supported by this adapter`);
  if ((options.padding !== undefined && options.padding !== RSA_PKCS1_PADDING) || options.saltLength !== undefined) {
    throw new Error('RSA padding other than PKCS#1 v1.5 is not supported by this adapter');
  }
  return options.key instanceof KeyObject ? options.key : createPublicKey(key as KeyLike);
}

/** node's crypto.verify(algorithm, data, key, signature) for public keys. */
export function verify(
  algorithm: string | null | undefined,
  data: ArrayBufferView,
  key: KeyLike | VerifyKeyOptions,
  signature: ArrayBufferView,
): boolean {
  return verifySignature(algorithm, data, verifyKey(key), signature);
}

class TimingSafeEqualLengthError extends RangeError {
  readonly code = 'ERR_CRYPTO_TIMING_SAFE_EQUAL_LENGTH';
}

/** Compares without an early exit, so the time taken does not reveal where bytes differ. */
export function timingSafeEqual(a: ArrayBufferView, b: ArrayBufferView): boolean {
  if (a.byteLength !== b.byteLength) throw new TimingSafeEqualLengthError('Input buffers must have the same byte length');
  const x = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  const y = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  let diff = 0;
  for (let i = 0; i < x.length; i++) diff |= (x[i] as number) ^ (y[i] as number);
  return diff === 0;
}

/** Forget memoised keys and signature results (tests and benchmarks measure cold runs). */
export function clearCryptoMemos(): void {
  clearKeyMemo();
  clearVerifyMemo();
}

export { createHash, createPublicKey, Hash, KeyObject, verifyMemoStats };

const nodeCrypto = { createHash, createPublicKey, verify, timingSafeEqual, Hash, KeyObject };
export default nodeCrypto;

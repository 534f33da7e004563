// crypto.verify semantics for the key types Sigstore uses, on noble instead of OpenSSL.
// ECDSA: hash with the algorithm Sigstore names (SHA-256 when none, as OpenSSL defaults),
// verify that digest (prehash: false), DER signatures, high-S accepted as OpenSSL does.
// Ed25519: RFC 8032 strict (zip215: false), no digest allowed. RSA: PKCS#1 v1.5.
import { ed25519 } from '@noble/curves/ed25519.js';
import { p256, p384, p521 } from '@noble/curves/nist.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { BoundedMemo, type MemoStats } from './bounded-memo';
import { digestBytes, DigestError, normalizeDigest, toBytes, type DigestName } from './digests';
import type { KeyObject } from './key-object';
import { verifyRsaPkcs1 } from './rsa-pkcs1';
import { recordIfRecording } from './verify-requests';

const ECDSA = { 'P-256': p256, 'P-384': p384, 'P-521': p521 } as const;

// The same certificate chain, SCTs and checkpoint signatures recur across bundles.
// Keyed by the signer key, the algorithm, what the signature covers and the signature itself,
// so a hit is exactly the question answered before: no weaker than the check itself.
const verifyMemo = new BoundedMemo<boolean>(512);

// What is signed goes into the key as itself (hex, which engines write natively) up to this
// size, and as its digest beyond it. Hashing in JavaScript just to key the memo cost more than
// the key in the worker (where WebCrypto, which hashes natively, decides); the bound keeps a
// hostile multi-megabyte payload from making 512 keys of its size.
const MESSAGE_IN_KEY = 8 * 1024;

export class UnsupportedKeyError extends Error {
  readonly code = 'ERR_OSSL_EVP_OPERATION_NOT_SUPPORTED_FOR_THIS_KEYTYPE';
}

function digestFor(algorithm: string | null | undefined): DigestName | 'unsupported' {
  return algorithm === null || algorithm === undefined ? 'sha256' : normalizeDigest(algorithm);
}

/** Bytes as themselves (`m:`) up to MESSAGE_IN_KEY, else as their SHA-256 (`d:`). */
function keyPart(bytes: Uint8Array): string {
  return bytes.length <= MESSAGE_IN_KEY ? `m:${bytesToHex(bytes)}` : `d:${bytesToHex(digestBytes('sha256', bytes))}`;
}

/** The memo's key: exactly the question a verify() call asks (see verifyMemo). */
function verifyMemoKey(key: KeyObject, scheme: string, message: Uint8Array, signature: Uint8Array): string {
  // A real signature is at most a few hundred bytes; a hostile one is bounded like a message.
  return `${key.fingerprint}|${scheme}|${keyPart(message)}|${keyPart(signature)}`;
}

interface Question {
  key: KeyObject;
  scheme: string;
  hash: DigestName | null;
  message: Uint8Array;
  signature: Uint8Array;
}

function memoised(q: Question, check: () => boolean): boolean {
  const memoKey = verifyMemoKey(q.key, q.scheme, q.message, q.signature);
  const known = verifyMemo.get(memoKey);
  if (known !== undefined) return known;
  // Recording mode (verify-ahead.ts): an optimistic `true`, never stored, checked afterwards.
  if (recordIfRecording({ ...q, memoKey })) return true;
  let verdict: boolean;
  try {
    verdict = check();
  } catch {
    // noble throws on malformed signatures where OpenSSL answers false.
    verdict = false;
  }
  verifyMemo.set(memoKey, verdict);
  return verdict;
}

export function verifySignature(
  algorithm: string | null | undefined,
  data: ArrayBufferView,
  key: KeyObject,
  signature: ArrayBufferView,
): boolean {
  const message = toBytes(data);
  const sig = new Uint8Array(toBytes(signature));
  const m = key.material;
  switch (m.kind) {
    case 'ec': {
      const hash = digestFor(algorithm);
      if (hash === 'unsupported') return false;
      const curve = ECDSA[m.curve];
      const q = { key, scheme: `ecdsa-${hash}`, hash, message, signature: sig };
      return memoised(q, () => curve.verify(sig, digestBytes(hash, message), m.point, { prehash: false, lowS: false, format: 'der' }));
    }
    case 'ed25519': {
      if (algorithm !== null && algorithm !== undefined) throw new DigestError('invalid digest for Ed25519');
      const q = { key, scheme: 'ed25519', hash: null, message, signature: sig };
      return memoised(q, () => ed25519.verify(sig, message, m.raw, { zip215: false }));
    }
    case 'rsa': {
      const hash = digestFor(algorithm);
      if (hash === 'unsupported') return false;
      const q = { key, scheme: `rsa-pkcs1-${hash}`, hash, message, signature: sig };
      return memoised(q, () => verifyRsaPkcs1(m.n, m.e, hash, digestBytes(hash, message), sig));
    }
    case 'unsupported':
      throw new UnsupportedKeyError(`operation not supported for this keytype (${m.asymmetricKeyType})`);
  }
}

export function verifyMemoStats(): MemoStats {
  return verifyMemo.stats();
}

/** Stores answers decided elsewhere (verify-ahead.ts: WebCrypto, for exactly these keys). */
export function seedVerifyMemo(memoKey: string, verdict: boolean): void {
  verifyMemo.set(memoKey, verdict);
}

export function clearVerifyMemo(): void {
  verifyMemo.clear();
}

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
// Keyed by the signer key, the algorithm, the digest the signature covers and the signature
// itself, so a hit is exactly the question answered before: no weaker than the check itself.
const verifyMemo = new BoundedMemo<boolean>(512);

export class UnsupportedKeyError extends Error {
  readonly code = 'ERR_OSSL_EVP_OPERATION_NOT_SUPPORTED_FOR_THIS_KEYTYPE';
}

function digestFor(algorithm: string | null | undefined): DigestName | 'unsupported' {
  return algorithm === null || algorithm === undefined ? 'sha256' : normalizeDigest(algorithm);
}

/** The memo's key: exactly the question a verify() call asks (see verifyMemo). */
function verifyMemoKey(key: KeyObject, scheme: string, digest: Uint8Array, signature: Uint8Array): string {
  return `${key.fingerprint}|${scheme}|${bytesToHex(digest)}|${bytesToHex(signature)}`;
}

interface Question {
  key: KeyObject;
  scheme: string;
  hash: DigestName | null;
  message: Uint8Array;
  digest: Uint8Array;
  signature: Uint8Array;
}

function memoised(q: Question, check: () => boolean): boolean {
  const memoKey = verifyMemoKey(q.key, q.scheme, q.digest, q.signature);
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
      const digest = digestBytes(hash, message);
      const curve = ECDSA[m.curve];
      const q = { key, scheme: `ecdsa-${hash}`, hash, message, digest, signature: sig };
      return memoised(q, () => curve.verify(sig, digest, m.point, { prehash: false, lowS: false, format: 'der' }));
    }
    case 'ed25519': {
      if (algorithm !== null && algorithm !== undefined) throw new DigestError('invalid digest for Ed25519');
      // The digest only keys the memo; Ed25519 itself signs the whole message.
      const digest = digestBytes('sha256', message);
      const q = { key, scheme: 'ed25519', hash: null, message, digest, signature: sig };
      return memoised(q, () => ed25519.verify(sig, message, m.raw, { zip215: false }));
    }
    case 'rsa': {
      const hash = digestFor(algorithm);
      if (hash === 'unsupported') return false;
      const digest = digestBytes(hash, message);
      const q = { key, scheme: `rsa-pkcs1-${hash}`, hash, message, digest, signature: sig };
      return memoised(q, () => verifyRsaPkcs1(m.n, m.e, hash, digest, sig));
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

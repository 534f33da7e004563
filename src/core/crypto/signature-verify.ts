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

function memoised(key: KeyObject, scheme: string, digest: Uint8Array, signature: Uint8Array, check: () => boolean): boolean {
  const memoKey = `${key.fingerprint}|${scheme}|${bytesToHex(digest)}|${bytesToHex(signature)}`;
  return verifyMemo.getOrCompute(memoKey, () => {
    try {
      return check();
    } catch {
      // noble throws on malformed signatures where OpenSSL answers false.
      return false;
    }
  });
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
      return memoised(key, `ecdsa-${hash}`, digest, sig, () =>
        curve.verify(sig, digest, m.point, { prehash: false, lowS: false, format: 'der' }),
      );
    }
    case 'ed25519': {
      if (algorithm !== null && algorithm !== undefined) throw new DigestError('invalid digest for Ed25519');
      // The digest only keys the memo; Ed25519 itself signs the whole message.
      const digest = digestBytes('sha256', message);
      return memoised(key, 'ed25519', digest, sig, () => ed25519.verify(sig, message, m.raw, { zip215: false }));
    }
    case 'rsa': {
      const hash = digestFor(algorithm);
      if (hash === 'unsupported') return false;
      const digest = digestBytes(hash, message);
      return memoised(key, `rsa-pkcs1-${hash}`, digest, sig, () => verifyRsaPkcs1(m.n, m.e, hash, digest, sig));
    }
    case 'unsupported':
      throw new UnsupportedKeyError(`operation not supported for this keytype (${m.asymmetricKeyType})`);
  }
}

export function verifyMemoStats(): MemoStats {
  return verifyMemo.stats();
}

export function clearVerifyMemo(): void {
  verifyMemo.clear();
}

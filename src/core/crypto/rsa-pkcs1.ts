// RSASSA-PKCS1-v1_5 verification (RFC 8017 section 8.2.2), which is what node's
// crypto.verify does for an 'rsa' key by default. Sigstore's production trust has no RSA
// key today, but staging's CT log key is RSA and certificates may be RSA-signed, so the
// adapter verifies them rather than wrongly failing. Public data only: no constant time needed.
import type { DigestName } from './digests';

// DER DigestInfo prefixes (RFC 8017 section 9.2, note 1), followed by the digest itself.
const DIGEST_INFO_PREFIX: Record<DigestName, string> = {
  sha1: '3021300906052b0e03021a05000414',
  sha224: '302d300d06096086480165030402040500041c',
  sha256: '3031300d060960864801650304020105000420',
  sha384: '3041300d060960864801650304020205000430',
  sha512: '3051300d060960864801650304020305000440',
};

function hexToBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

function bytesToBigint(bytes: Uint8Array): bigint {
  let value = 0n;
  for (const b of bytes) value = (value << 8n) | BigInt(b);
  return value;
}

function bigintToBytes(value: bigint, length: number): Uint8Array {
  const out = new Uint8Array(length);
  let rest = value;
  for (let i = length - 1; i >= 0; i--) {
    out[i] = Number(rest & 0xffn);
    rest >>= 8n;
  }
  return out;
}

function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n;
  let b = base % modulus;
  let e = exponent;
  while (e > 0n) {
    if (e & 1n) result = (result * b) % modulus;
    b = (b * b) % modulus;
    e >>= 1n;
  }
  return result;
}

export function modulusLength(n: bigint): number {
  return n.toString(2).length;
}

/** True when `signature` is a PKCS#1 v1.5 signature of `digest` (already hashed with `hash`). */
export function verifyRsaPkcs1(n: bigint, e: bigint, hash: DigestName, digest: Uint8Array, signature: Uint8Array): boolean {
  const k = Math.ceil(modulusLength(n) / 8);
  if (signature.length !== k) return false;
  const s = bytesToBigint(signature);
  if (s >= n) return false;
  const em = bigintToBytes(modPow(s, e, n), k);
  const t = new Uint8Array([...hexToBytes(DIGEST_INFO_PREFIX[hash]), ...digest]);
  // EM = 0x00 || 0x01 || PS (>= 8 bytes of 0xff) || 0x00 || T
  const psLength = k - t.length - 3;
  if (psLength < 8) return false;
  if (em[0] !== 0x00 || em[1] !== 0x01 || em[2 + psLength] !== 0x00) return false;
  for (let i = 2; i < 2 + psLength; i++) if (em[i] !== 0xff) return false;
  const tail = em.subarray(3 + psLength);
  return tail.length === t.length && tail.every((b, i) => b === t[i]);
}

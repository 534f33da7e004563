// Public key decoding (SPKI, PKCS#1 RSA, PEM) into the material the signature checks need.
// Key types we cannot verify with still decode, as in node: a trusted root may list such a
// key (staging's RSA CT log) and must still load; using the key for a check then fails closed.
import { Buffer } from 'buffer';
import { p256, p384, p521 } from '@noble/curves/nist.js';
import { TAG, DerError, bitStringBytes, children, decodeOid, expectTag, positiveInteger, readTop } from './asn1-der';

export type EcCurve = 'P-256' | 'P-384' | 'P-521';

export type KeyMaterial =
  | { kind: 'ec'; curve: EcCurve; point: Uint8Array }
  | { kind: 'ed25519'; raw: Uint8Array }
  | { kind: 'rsa'; n: bigint; e: bigint }
  | { kind: 'unsupported'; asymmetricKeyType: string };

export interface DecodedKey {
  material: KeyMaterial;
  /** SubjectPublicKeyInfo DER, or PKCS#1 RSAPublicKey DER when that is what we were given. */
  der: Uint8Array;
  derType: 'spki' | 'pkcs1';
}

const EC_PUBLIC_KEY = '1.2.840.10045.2.1';
const RSA_ENCRYPTION = '1.2.840.113549.1.1.1';
const ED25519 = '1.3.101.112';

const CURVES: Record<string, { curve: EcCurve; impl: typeof p256 }> = {
  '1.2.840.10045.3.1.7': { curve: 'P-256', impl: p256 },
  '1.3.132.0.34': { curve: 'P-384', impl: p384 },
  '1.3.132.0.35': { curve: 'P-521', impl: p521 },
};

// Algorithms OpenSSL would load but we never verify with; named as node names them.
const KNOWN_UNSUPPORTED: Record<string, string> = {
  '1.2.840.113549.1.1.10': 'rsa-pss',
  '1.2.840.10040.4.1': 'dsa',
  '1.3.101.110': 'x25519',
  '1.3.101.111': 'x448',
  '1.3.101.113': 'ed448',
};

export class KeyDecodeError extends Error {
  readonly code = 'ERR_OSSL_UNSUPPORTED';
}

export function decodeSpki(input: Uint8Array): DecodedKey {
  const top = readTop(input, TAG.SEQUENCE);
  const der = top.raw;
  const [algorithm, subjectKey, ...rest] = children(top);
  if (!algorithm || !subjectKey || rest.length > 0) throw new DerError('SPKI: expected 2 elements');
  const [oidNode, params, ...extra] = children(expectTag(algorithm, TAG.SEQUENCE));
  if (!oidNode || extra.length > 0) throw new DerError('SPKI: bad AlgorithmIdentifier');
  const oid = decodeOid(oidNode);
  const key = bitStringBytes(subjectKey);
  if (oid === EC_PUBLIC_KEY) {
    if (!params) throw new KeyDecodeError('EC key without named curve');
    const curveOid = decodeOid(params);
    const entry = CURVES[curveOid];
    if (!entry) return { material: { kind: 'unsupported', asymmetricKeyType: 'ec' }, der, derType: 'spki' };
    // Decoding validates the point (on the curve, not infinity) as OpenSSL does at import.
    entry.impl.Point.fromBytes(key).assertValidity();
    return { material: { kind: 'ec', curve: entry.curve, point: key }, der, derType: 'spki' };
  }
  if (oid === ED25519) {
    if (params || key.length !== 32) throw new KeyDecodeError('bad Ed25519 key');
    return { material: { kind: 'ed25519', raw: key }, der, derType: 'spki' };
  }
  if (oid === RSA_ENCRYPTION) {
    if (params && params.tag !== TAG.NULL) throw new KeyDecodeError('bad RSA parameters');
    return { material: decodeRsaPublicKey(key), der, derType: 'spki' };
  }
  const other = KNOWN_UNSUPPORTED[oid];
  if (other) return { material: { kind: 'unsupported', asymmetricKeyType: other }, der, derType: 'spki' };
  throw new KeyDecodeError(`unsupported public key algorithm ${oid}`);
}

export function decodePkcs1(input: Uint8Array): DecodedKey {
  const top = readTop(input, TAG.SEQUENCE);
  return { material: decodeRsaPublicKey(top.raw), der: top.raw, derType: 'pkcs1' };
}

function decodeRsaPublicKey(der: Uint8Array): KeyMaterial {
  const [nNode, eNode, ...rest] = children(readTop(der, TAG.SEQUENCE));
  if (!nNode || !eNode || rest.length > 0) throw new DerError('RSAPublicKey: expected 2 integers');
  const n = positiveInteger(nNode);
  const e = positiveInteger(eNode);
  if (n < 3n || e < 3n || (n & 1n) === 0n || (e & 1n) === 0n) throw new KeyDecodeError('bad RSA key');
  return { kind: 'rsa', n, e };
}

/** The SubjectPublicKeyInfo of an X.509 certificate (node accepts certificate PEMs as keys). */
function spkiOfCertificate(der: Uint8Array): Uint8Array {
  const [tbs] = children(readTop(der, TAG.SEQUENCE));
  if (!tbs) throw new DerError('certificate: missing tbsCertificate');
  const fields = children(expectTag(tbs, TAG.SEQUENCE));
  const offset = fields[0]?.tag === 0xa0 ? 1 : 0; // explicit [0] version is optional
  const spki = fields[offset + 5];
  if (!spki) throw new DerError('certificate: missing subjectPublicKeyInfo');
  return spki.raw;
}

export function decodePem(pem: string): DecodedKey {
  const match = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/.exec(pem);
  if (!match) throw new KeyDecodeError('no PEM block found');
  const body = (match[2] ?? '').replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(body)) throw new KeyDecodeError('bad PEM base64');
  const der = new Uint8Array(Buffer.from(body, 'base64'));
  switch (match[1]) {
    case 'PUBLIC KEY':
      return decodeSpki(der);
    case 'RSA PUBLIC KEY':
      return decodePkcs1(der);
    case 'CERTIFICATE':
      return decodeSpki(spkiOfCertificate(der));
    default:
      throw new KeyDecodeError(`unsupported PEM block ${match[1] ?? ''}`);
  }
}

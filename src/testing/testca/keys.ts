// ECDSA P-256 keys with DER signatures, as Sigstore logs, CAs and the npm registry use them.
import { createHash, generateKeyPairSync, sign as nodeSign } from 'node:crypto';

export interface TestKey {
  /** DER SubjectPublicKeyInfo. */
  readonly spki: Buffer;
  /** sha256(SPKI): the log ID convention of Rekor and RFC 6962 CT logs. */
  readonly keyId: Buffer;
  /** PEM `PUBLIC KEY`, as Rekor records a key-signed entry's verifier. */
  readonly publicKeyPem: string;
  /** ECDSA-SHA256 over `data`, DER encoded. */
  sign(data: Uint8Array): Buffer;
}

export function generateTestKey(): TestKey {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  return {
    spki,
    keyId: sha256(spki),
    publicKeyPem: toPem('PUBLIC KEY', spki),
    sign: (data) => nodeSign('sha256', data, privateKey),
  };
}

export function toPem(label: string, der: Uint8Array): string {
  const lines = Buffer.from(der).toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

export function sha256(data: Uint8Array | string): Buffer {
  return createHash('sha256').update(data).digest();
}

export function sha256Hex(data: Uint8Array | string): string {
  return sha256(data).toString('hex');
}

import { EXTENSION_OID_SCT, X509Certificate } from '@sigstore/core';
import { describe, expect, it } from 'vitest';
import { createTestSigstore, fakeSha256, githubIdentity } from '../testing/testca/index';
import './x509-parse-memo';

async function leafDer(seed: string): Promise<Buffer<ArrayBuffer>> {
  const ca = await createTestSigstore();
  const attestation = ca.pypiAttestation({ filename: `${seed}-1.0.tar.gz`, sha256: fakeSha256(seed), identity: githubIdentity(`lens/${seed}`) });
  return Buffer.from(attestation.verification_material.certificate, 'base64');
}

const hasSct = (cert: X509Certificate) => cert.extensions.some((e) => e.subs[0]?.toOID() === EXTENSION_OID_SCT);

describe('memoised certificate parsing', () => {
  it('answers the same bytes with the same parse, and other bytes with another', async () => {
    const der = await leafDer('parse-a');
    const first = X509Certificate.parse(der);
    expect(X509Certificate.parse(Buffer.from(der))).toBe(first);
    expect(X509Certificate.parse(await leafDer('parse-b'))).not.toBe(first);
  });

  it('clones into a tree of its own: changing the clone leaves the cached certificate whole', async () => {
    const der = await leafDer('clone');
    const cert = X509Certificate.parse(der);
    expect(hasSct(cert)).toBe(true);
    const clone = cert.clone();
    expect(clone.root.toDER().equals(der)).toBe(true);
    const at = clone.extensions.findIndex((e) => e.subs[0]?.toOID() === EXTENSION_OID_SCT);
    clone.extensions.splice(at, 1);
    expect(hasSct(clone)).toBe(false);
    expect(hasSct(cert)).toBe(true);
    expect(hasSct(X509Certificate.parse(der))).toBe(true);
    expect(cert.root.toDER().equals(der)).toBe(true);
  });
});

import { ASN1Obj, X509Certificate } from '@sigstore/core';
import { describe, expect, it } from 'vitest';
import { createTestSigstore, fakeSha256, githubIdentity } from '../testing/testca/index';
import { encodeWithoutMemo } from './asn1-der-memo';
import { isRecord } from './outcome';
import { embeddedTrustInput } from './trust-embedded';

function caCertificates(trustedRoot: unknown): Buffer<ArrayBuffer>[] {
  const cas = isRecord(trustedRoot) && Array.isArray(trustedRoot.certificateAuthorities) ? trustedRoot.certificateAuthorities : [];
  return cas.flatMap((ca: { certChain: { certificates: { rawBytes: string }[] } }) =>
    ca.certChain.certificates.map((c) => Buffer.from(c.rawBytes, 'base64')),
  );
}

function* nodes(obj: ASN1Obj): Generator<ASN1Obj> {
  yield obj;
  for (const sub of obj.subs) yield* nodes(sub);
}

async function sampleCertificates(): Promise<Buffer<ArrayBuffer>[]> {
  const ca = await createTestSigstore();
  const attestation = ca.pypiAttestation({ filename: 'demo-1.0.tar.gz', sha256: fakeSha256('demo'), identity: githubIdentity('lens/demo') });
  const leaf = Buffer.from(attestation.verification_material.certificate, 'base64');
  return [...caCertificates(embeddedTrustInput().trustedRoot), ...caCertificates(ca.trustedRoot), leaf];
}

describe('memoised ASN.1 encoding', () => {
  it('returns, for every node of real and test certificates, the bytes the library itself encodes', async () => {
    const ders = await sampleCertificates();
    expect(ders.length).toBeGreaterThan(5);
    for (const der of ders) {
      const cert = X509Certificate.parse(Buffer.from(der));
      expect(cert.root.toDER().equals(der)).toBe(true);
      for (const node of nodes(cert.root)) expect(node.toDER().equals(encodeWithoutMemo(node))).toBe(true);
    }
  });

  it('encodes an object once and answers later calls from the cache', async () => {
    const [der] = await sampleCertificates();
    const cert = X509Certificate.parse(Buffer.from(der!));
    const first = cert.tbsCertificate.toDER();
    expect(cert.tbsCertificate.toDER()).toBe(first);
    expect(encodeWithoutMemo(cert.tbsCertificate)).not.toBe(first);
  });

  it('keeps certificates with different bytes unequal', async () => {
    const [a, b] = (await sampleCertificates()).map((der) => X509Certificate.parse(Buffer.from(der)));
    expect(a!.equals(b!)).toBe(false);
    expect(a!.equals(X509Certificate.parse(Buffer.from(a!.root.toDER())))).toBe(true);
  });
});

describe('memoised ASN.1 encoding after a change', () => {
  it('re-encodes a tree whose children were spliced, as the SCT check does to a clone', async () => {
    const leaf = (await sampleCertificates()).at(-1);
    const cert = X509Certificate.parse(Buffer.from(leaf!));
    const before = cert.tbsCertificate.toDER();
    const extensions = cert.extensions;
    expect(extensions.length).toBeGreaterThan(1);
    extensions.splice(0, 1);
    const after = cert.tbsCertificate.toDER();
    expect(after.length).toBeLessThan(before.length);
    expect(after.equals(encodeWithoutMemo(cert.tbsCertificate))).toBe(true);
  });
});

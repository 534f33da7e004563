import { ASN1Obj, X509Certificate } from '@sigstore/core';
import { describe, expect, it, vi } from 'vitest';
import { createTestSigstore, fakeSha256, githubIdentity } from '../testing/testca/index';
import { copyTree, encodeWithoutMemo } from './asn1-der-memo';
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

describe('the encoding of a node as parsed', () => {
  it('is the node’s own bytes, answered without visiting its children', async () => {
    for (const der of await sampleCertificates()) {
      const cert = X509Certificate.parse(Buffer.from(der));
      const [tbs] = cert.root.subs;
      const visited = vi.fn();
      // Only the library's encoder walks children; the parsed fast path must not.
      for (const sub of tbs!.subs) sub.toDER = (() => (visited(), Buffer.alloc(0))) as ASN1Obj['toDER'];
      expect(cert.root.toDER().equals(der)).toBe(true);
      expect(visited).not.toHaveBeenCalled();
    }
  });

  it('is re-encoded once a descendant holds other bytes', async () => {
    const leaf = (await sampleCertificates()).at(-1)!;
    const cert = X509Certificate.parse(Buffer.from(leaf));
    const serial = cert.tbsCertificate.subs[1]!;
    (serial as { value: Buffer }).value = Buffer.from([0x01, 0x02, 0x03]);
    const reencoded = cert.root.toDER();
    expect(reencoded.equals(leaf)).toBe(false);
    expect(reencoded.equals(encodeWithoutMemo(cert.root))).toBe(true);
  });

  it('carries over to a copy, which is encoded anew once changed, parents included', async () => {
    const leaf = (await sampleCertificates()).at(-1)!;
    const cert = X509Certificate.parse(Buffer.from(leaf));
    const clone = new X509Certificate(copyTree(cert.root));
    expect(clone.root).not.toBe(cert.root);
    expect(clone.root.toDER().equals(leaf)).toBe(true);
    clone.extensions.splice(0, 1);
    // The changed child is encoded first; its parent's record must not outlive that.
    expect(clone.tbsCertificate.toDER().equals(encodeWithoutMemo(clone.tbsCertificate))).toBe(true);
    expect(clone.root.toDER().equals(encodeWithoutMemo(clone.root))).toBe(true);
    expect(clone.root.toDER().length).toBeLessThan(leaf.length);
    // The original is untouched by its clone's change.
    expect(cert.root.toDER().equals(leaf)).toBe(true);
    for (const node of nodes(cert.root)) expect(node.toDER().equals(encodeWithoutMemo(node))).toBe(true);
  });
});

describe('what the parsed fast path relies on', () => {
  // The encoding of a node as parsed is its own bytes only because the parser refuses anything
  // but DER. Should an upgrade of @sigstore/core relax that, these fail before a verdict can.
  it.each([
    ['the DER itself', '3003020101', true],
    ['a long-form length under 128', '308103020101', false],
    ['a long-form length with a leading zero', '30820003020101', false],
    ['an indefinite length', '3080020101' + '0000', false],
    ['a multi-byte tag', '1f8101' + '00', false],
    ['a stray byte after the children', '3004020101ff', false],
    ['a child running past its parent', '300302020101', false],
  ])('parses %s: %s', (_, hex, accepted) => {
    const parse = () => ASN1Obj.parseBuffer(Buffer.from(hex, 'hex'));
    if (accepted) expect(parse().toDER().toString('hex')).toBe(hex);
    else expect(parse).toThrow();
  });
});

import { X509Certificate } from '@sigstore/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeRealData, readFixtureJson } from '../testing/fixtures';
import { createTestSigstore, fakeSha256, githubIdentity, type IdentitySpec, type TestSigstore } from '../testing/testca/index';
import { decodeUtf8String, identityFromCertificate, workflowPathOf } from './certificate';

describe('Fulcio extension decoding', () => {
  it('decodes a DER UTF8String and rejects anything else', () => {
    expect(decodeUtf8String(Uint8Array.from([0x0c, 0x03, 0x61, 0x62, 0x63]), 'x')).toBe('abc');
    const long = new Uint8Array([0x0c, 0x81, 200, ...new Uint8Array(200).fill(0x61)]);
    expect(decodeUtf8String(long, 'x')).toBe('a'.repeat(200));
    expect(() => decodeUtf8String(Uint8Array.from([0x13, 0x01, 0x61]), 'x')).toThrow(/UTF8String/);
    expect(() => decodeUtf8String(Uint8Array.from([0x0c, 0x05, 0x61]), 'x')).toThrow(/length/);
  });

  it('reads the workflow path from GitHub and GitLab build config URIs', () => {
    expect(workflowPathOf('https://github.com/o/r/.github/workflows/release.yml@refs/tags/v1', 'github', 'refs/tags/v1')).toBe('.github/workflows/release.yml');
    expect(workflowPathOf('https://gitlab.com/g/sub/p//ci/build.yml@refs/heads/main', 'gitlab')).toBe('ci/build.yml');
    expect(workflowPathOf('https://github.com/o/r', 'github')).toBeUndefined();
  });
});

describeRealData('identity from a real Fulcio certificate', () => {
  it('reads v2 extensions of the 0.0.30 release certificate', () => {
    type Doc = { attestation_bundles: { attestations: { verification_material: { certificate: string } }[] }[] };
    const doc = readFixtureJson<Doc>('pypi/pypi-attestations/pypi_attestations-0.0.30-py3-none-any.whl.provenance.json');
    const der = doc.attestation_bundles[0]!.attestations[0]!.verification_material.certificate;
    expect(identityFromCertificate(X509Certificate.parse(Buffer.from(der, 'base64')))).toMatchObject({
      forge: 'github',
      repository: 'pypi/pypi-attestations',
      workflowPath: '.github/workflows/release.yml',
      ref: 'refs/tags/v0.0.30',
      commit: '845bfac2f2912912fb2d1ab96775ac75708279c4',
      trigger: 'release',
      runnerEnvironment: 'github-hosted',
    });
  });

  it('falls back to the legacy extensions of a 2023 certificate', () => {
    type Doc = { attestations: { bundle: { verificationMaterial: { x509CertificateChain?: { certificates: { rawBytes: string }[] } } } }[] };
    const doc = readFixtureJson<Doc>('npm/sigstore/sigstore@1.0.0.attestations.json');
    const raw = doc.attestations.flatMap((a) => a.bundle.verificationMaterial.x509CertificateChain?.certificates ?? [])[0]!.rawBytes;
    expect(identityFromCertificate(X509Certificate.parse(Buffer.from(raw, 'base64')))).toMatchObject({
      repository: 'sigstore/sigstore-js',
      workflowPath: '.github/workflows/publish.yml',
      ref: 'refs/tags/v1.0.0',
      commit: '06528997c3c8ab9f864fad9a3658446aca7fd86d',
    });
  });
});

describe('builder from a test-CA certificate', () => {
  let ts: TestSigstore;
  beforeAll(async () => {
    ts = await createTestSigstore();
  });
  const file = { filename: 'w-1.0.tar.gz', sha256: fakeSha256('w-1.0') };
  const shared = 'https://github.com/org/shared/.github/workflows/release.yml@refs/tags/v1';
  const leaf = (spec: IdentitySpec) =>
    identityFromCertificate(X509Certificate.parse(Buffer.from(ts.pypiAttestation({ ...file, identity: spec }).verification_material.certificate, 'base64')));

  it('reads the builder from .9/.10 only when it differs from the build config URI', () => {
    expect(leaf(githubIdentity('acme/widget')).builder).toBeUndefined();
    expect(leaf(githubIdentity('acme/widget', { buildSignerUri: shared, buildSignerDigest: 'c'.repeat(40) })).builder).toEqual({
      uri: shared,
      repository: 'org/shared',
      workflowPath: '.github/workflows/release.yml',
      ref: 'refs/tags/v1',
      commit: 'c'.repeat(40),
    });
  });

  it('tells a legacy certificate signed by another repository workflow, whose caller path is unknown', () => {
    const own = leaf(githubIdentity('acme/widget', { legacyOnly: true }));
    expect(own).toMatchObject({ repository: 'acme/widget', workflowPath: '.github/workflows/release.yml' });
    expect(own.builder).toBeUndefined();
    const reusable = leaf(githubIdentity('acme/widget', { legacyOnly: true, buildSignerUri: shared }));
    expect(reusable).toMatchObject({ repository: 'acme/widget', builder: { uri: shared, repository: 'org/shared', ref: 'refs/tags/v1' } });
    expect(reusable.workflowPath).toBeUndefined();
    expect(reusable.builder?.commit).toBeUndefined();
  });
});

// What a failed attestation claims, read from real data: the slsa-verifier maintainers' tampered
// supreme-goggles provenance, and real valid bundles broken here in code. The claim must be
// readable while the verdict stays invalid, and hostile bytes must give no claim, never a throw.
import { X509Certificate } from '@sigstore/core';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { npmVersionOf, pypiFileOf } from '../testing/fixture-cases';
import { describeRealData, readFixtureJson } from '../testing/fixtures';
import type { TrustContext } from './api';
import { claimedIdentityOf, MAX_CLAIM_VALUE, parseClaimedIdentity } from './claimed-identity';
import { createTrustContext, verifyBundle, verifyNpmAttestations, verifyPypiProvenance } from './index';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const TAMPERED = 'npm/@trishankatdatadog/supreme-goggles/supreme-goggles@1.0.5.attestations.tampered-provenance.json';
const PLAYWRIGHT = 'npm/@playwright/cli/cli@0.1.1.attestations.json';
const PYPI_19 = 'pypi/pypi-attestations/pypi_attestations-0.0.19.tar.gz.provenance';
const GITHUB = 'https://token.actions.githubusercontent.com';
const json = (path: string): Json => structuredClone(readFixtureJson<Json>(path));
const b64 = (s: string) => Buffer.from(s).toString('base64');
/** The SLSA bundle of an npm response (the one with a certificate). */
const slsa = (doc: Json): Json => doc.attestations.find((a: Json) => a.predicateType.startsWith('https://slsa.dev/')).bundle;
const flipFirstByte = (base64: string) => {
  const bytes = Buffer.from(base64, 'base64');
  bytes.writeUInt8(bytes.readUInt8(0) ^ 0x01, 0);
  return bytes.toString('base64');
};

let trust: TrustContext;
beforeAll(() => {
  trust = createTrustContext({ trustedRoot: readFixtureJson('sigstore/trusted_root.json'), npmKeys: readFixtureJson('sigstore/npm-registry-keys.json') });
});

describeRealData('claims of real attestations that fail', () => {
  it('supreme-goggles, statement altered after signing: invalid, and it names its workflow and commit', () => {
    const verdict = verifyNpmAttestations(json(TAMPERED), npmVersionOf(TAMPERED), trust);
    expect(verdict).toEqual({
      status: 'invalid',
      code: 'TLOG_BODY',
      message: expect.any(String),
      claimed: {
        repository: 'https://github.com/trishankatdatadog/supreme-goggles',
        workflow: '.github/workflows/npm-publish.yml',
        ref: 'refs/tags/v1.0.5',
        commit: '38ebf99444e033b2f1550c9aaaeacd62d02a12ba',
        issuer: GITHUB,
        san: 'https://github.com/trishankatdatadog/supreme-goggles/.github/workflows/npm-publish.yml@refs/tags/v1.0.5',
      },
    });
  });

  it('reads the tampered statement itself when the certificate is garbage, and never mixes the two', () => {
    const doc = json(TAMPERED);
    slsa(doc).verificationMaterial.x509CertificateChain.certificates[0].rawBytes = b64('not a certificate');
    // The v0.2 predicate's configSource: the signed-over commit, not the altered materials digest.
    expect(claimedIdentityOf(doc)).toEqual({
      repository: 'https://github.com/trishankatdatadog/supreme-goggles',
      workflow: '.github/workflows/npm-publish.yml',
      ref: 'refs/tags/v1.0.5',
      commit: '38ebf99444e033b2f1550c9aaaeacd62d02a12ba',
    });
  });

  it('a real valid npm response with one signature bit flipped: invalid, claim from its certificate', () => {
    const good = verifyNpmAttestations(json(PLAYWRIGHT), npmVersionOf(PLAYWRIGHT), trust);
    expect(good.status).toBe('verified');
    expect(good).not.toHaveProperty('claimed');
    const doc = json(PLAYWRIGHT);
    const sig = slsa(doc).dsseEnvelope.signatures[0];
    sig.sig = flipFirstByte(sig.sig);
    const verdict = verifyNpmAttestations(doc, npmVersionOf(PLAYWRIGHT), trust);
    expect(verdict).toMatchObject({
      status: 'invalid',
      claimed: { repository: 'https://github.com/microsoft/playwright-cli', workflow: '.github/workflows/publish.yml', ref: 'refs/tags/v0.1.1', issuer: GITHUB },
    });
  });

  it('a real PyPI provenance with its signature broken: invalid, claim from its certificate', () => {
    const doc = json(PYPI_19);
    const envelope = doc.attestation_bundles[0].attestations[0].envelope;
    envelope.signature = flipFirstByte(envelope.signature);
    expect(verifyPypiProvenance(doc, pypiFileOf(PYPI_19), trust)).toMatchObject({
      status: 'invalid',
      claimed: { repository: 'https://github.com/trailofbits/pypi-attestations', workflow: '.github/workflows/release.yml', ref: 'refs/tags/v0.0.19', issuer: GITHUB },
    });
  });

  it('verify bundle: a real bundle under someone else\'s identity policy fails and shows what it claims', () => {
    const bundle = json('npm/@playwright/cli/cli@0.1.1.provenance.sigstore.json');
    const verdict = verifyBundle(bundle, { sha256: '0'.repeat(64) }, { identity: 'https://github.com/acme/x/.github/workflows/r.yml@refs/heads/main', issuer: GITHUB }, trust);
    expect(verdict).toMatchObject({ status: 'invalid', claimed: { repository: 'https://github.com/microsoft/playwright-cli' } });
  });
});

describeRealData('hostile inputs give no claim', () => {
  const withSlsa = (edit: (bundle: Json) => void) => {
    const doc = json(TAMPERED);
    edit(slsa(doc));
    return doc;
  };
  const noCertificate = (bundle: Json) => (bundle.verificationMaterial.x509CertificateChain.certificates[0].rawBytes = 'AAAA');

  it.each<[string, unknown]>([
    ['nothing', undefined],
    ['a string', 'attestations'],
    ['an empty object', {}],
    ['a list', [1, 2, 3]],
    ['attestations that are not objects', { attestations: [null, 'x', 7] }],
    ['garbage certificate, no statement', withSlsa((b) => (noCertificate(b), delete b.dsseEnvelope))],
    ['certificate that is not base64', withSlsa((b) => (b.verificationMaterial.x509CertificateChain.certificates[0].rawBytes = '%%%', delete b.dsseEnvelope))],
    ['non-JSON payload', withSlsa((b) => (noCertificate(b), (b.dsseEnvelope.payload = b64('{"_type": oops'))))],
    ['huge payload', withSlsa((b) => (noCertificate(b), (b.dsseEnvelope.payload = b64(JSON.stringify({ ...JSON.parse(Buffer.from(b.dsseEnvelope.payload, 'base64').toString()), pad: 'x'.repeat(200_000) })))))],
    ['another payload type', withSlsa((b) => (noCertificate(b), (b.dsseEnvelope.payloadType = 'text/plain')))],
    ['a predicate of numbers', withSlsa((b) => (noCertificate(b), (b.dsseEnvelope.payload = b64(JSON.stringify({ _type: 'https://in-toto.io/Statement/v1', subject: [], predicateType: 'x', predicate: { buildDefinition: { externalParameters: { workflow: { repository: 7, path: [] } } } } })))))],
  ])('%s', (_what, doc) => {
    expect(claimedIdentityOf(doc)).toBeUndefined();
  });

  it('an oversized certificate is not even parsed', () => {
    const parse = vi.spyOn(X509Certificate, 'parse');
    try {
      const doc = withSlsa((b) => (b.verificationMaterial.x509CertificateChain.certificates[0].rawBytes = 'A'.repeat(20_000), delete b.dsseEnvelope));
      expect(claimedIdentityOf(doc)).toBeUndefined();
      expect(parse).not.toHaveBeenCalled();
      // The control: the real certificate is parsed and claims.
      expect(claimedIdentityOf(withSlsa((b) => delete b.dsseEnvelope))).toMatchObject({ issuer: GITHUB });
      expect(parse).toHaveBeenCalled();
    } finally {
      parse.mockRestore();
    }
  });

  it('a document whose getters throw', () => {
    const trap = { get attestations(): never { throw new Error('boom'); } };
    expect(claimedIdentityOf(trap)).toBeUndefined();
    expect(verifyNpmAttestations(trap, npmVersionOf(TAMPERED), trust).status).toBe('invalid');
  });

  it('shows hidden and control characters visibly, and caps long values', () => {
    const statement = {
      _type: 'https://in-toto.io/Statement/v1', subject: [], predicateType: 'https://slsa.dev/provenance/v1',
      predicate: { buildDefinition: { externalParameters: { workflow: { repository: `https://github.com/o/r\u001b[2J${'a'.repeat(2000)}`, path: '.github/workflows/x\u202Elmy.yml', ref: 'refs/tags/v1' } } } },
    };
    const claim = claimedIdentityOf(withSlsa((b) => (noCertificate(b), (b.dsseEnvelope.payload = b64(JSON.stringify(statement))))));
    expect(claim?.workflow).toBe('.github/workflows/x⟨U+202E⟩lmy.yml');
    expect(claim?.repository?.startsWith('https://github.com/o/r⟨U+001B⟩[2J')).toBe(true);
    expect(claim?.repository).toHaveLength(MAX_CLAIM_VALUE);
    expect(claim?.repository?.endsWith('…')).toBe(true);
  });
});

describe('parseClaimedIdentity (cache and replies)', () => {
  it('keeps known string fields within the cap and nothing else', () => {
    expect(parseClaimedIdentity({ repository: 'r', workflow: 'w', extra: 'x' })).toEqual({ repository: 'r', workflow: 'w' });
  });
  it.each([null, 'x', {}, { repository: 7 }, { ref: '' }, { san: 'x'.repeat(MAX_CLAIM_VALUE + 1) }])('refuses %j', (v) => {
    expect(parseClaimedIdentity(v)).toBeUndefined();
  });
});

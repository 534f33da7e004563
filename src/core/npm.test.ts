import { beforeAll, expect, it } from 'vitest';
import { fixtureCases, fixtureIndex, npmVersionOf } from '../testing/fixture-cases';
import { describeRealData, readFixtureJson } from '../testing/fixtures';
import type { TrustContext } from './api';
import { createTrustContext, verifyNpmAttestations } from './index';

const versionFor = npmVersionOf;

const PUBLISH = 'https://github.com/npm/attestation/tree/main/specs/publish/v0.1';

/** Fixtures holding nothing but npm publish attestations (index.json says which). */
function publishOnly(path: string): boolean {
  type Details = { details?: { attestations?: { predicateType?: string }[] } };
  const file = fixtureIndex().find((f) => f.path === path) as Details | undefined;
  const types = file?.details?.attestations?.map((a) => a.predicateType) ?? [];
  return types.length > 0 && types.every((t) => t === PUBLISH);
}

function npmCases() {
  return fixtureCases().flatMap((c) =>
    c.registry === 'npm' ? [{ path: c.path, version: versionFor(c.path), expected: c.expectVerified, publishOnly: publishOnly(c.path) }] : [],
  );
}

let trust: TrustContext;
beforeAll(() => {
  trust = createTrustContext({
    trustedRoot: readFixtureJson('sigstore/trusted_root.json'),
    npmKeys: readFixtureJson('sigstore/npm-registry-keys.json'),
  });
});

describeRealData('npm fixtures give their expected verdict', () => {
  for (const c of npmCases()) {
    const outcome = !c.expected ? 'does not verify' : c.publishOnly ? 'is registry-signed, no provenance' : 'verifies';
    it(`${c.path} ${outcome}`, () => {
      const verdict = verifyNpmAttestations(readFixtureJson(c.path), c.version, trust);
      // A publish attestation alone is npm's word about the upload, not build provenance (13.3).
      if (c.expected && c.publishOnly) expect(verdict).toMatchObject({ status: 'none', registrySigned: { keyId: expect.stringMatching(/^SHA256:/) } });
      else if (c.expected) expect(verdict).toMatchObject({ status: 'verified' });
      else expect(verdict).toMatchObject({ status: 'invalid' });
    });
  }
});

type Response = { attestations: { predicateType: string; bundle: { verificationMaterial: { publicKey?: { hint: string } } } }[] };
const SIGSTORE_100 = 'npm/sigstore/sigstore@1.0.0.attestations.json';
const PLAYWRIGHT = 'npm/@playwright/cli/cli@0.1.1.attestations.json';
const response = (path: string) => structuredClone(readFixtureJson<Response>(path));

describeRealData('npm verdicts bind the tarball, the keys and the provenance', () => {
  it('checks the registry the publish attestation names when the caller gives one', () => {
    const base = versionFor(PLAYWRIGHT);
    const npmRegistry = verifyNpmAttestations(readFixtureJson(PLAYWRIGHT), { ...base, registry: 'https://registry.npmjs.org' }, trust);
    expect(npmRegistry).toMatchObject({ status: 'verified' });
    const other = verifyNpmAttestations(readFixtureJson(PLAYWRIGHT), { ...base, registry: 'https://registry.example' }, trust);
    expect(other).toMatchObject({ status: 'invalid', code: 'IDENTITY_PREDICATE_MISMATCH' });
  });

  it('shows the SLSA certificate identity and lists both attestations', () => {
    const verdict = verifyNpmAttestations(readFixtureJson(PLAYWRIGHT), versionFor(PLAYWRIGHT), trust);
    expect(verdict).toMatchObject({ status: 'verified', identity: { repository: 'microsoft/playwright-cli', workflowPath: '.github/workflows/publish.yml' } });
    if (verdict.status !== 'verified') return;
    expect(verdict.attestations.map((a) => a.kind).sort()).toEqual(['npm-publish', 'slsa-provenance']);
    expect(verdict.attestations.find((a) => a.kind === 'npm-publish')?.keyId).toBe('SHA256:DhQ8wR5APBvFHLF/+Tc+AYvPOdTpcIDqOhxsBHRwC7U');
  });

  it.each([
    ['npm/sigstore/sigstore@1.3.0.publish.sigstore.json', 'SHA256:jl3bwswu80PjjokCgh0o2w5c2U4LhQAE57gj9cz1kzA', '18300940', 1681839916],
    ['npm/@playwright/cli/cli@0.1.1.publish.sigstore.json', 'SHA256:DhQ8wR5APBvFHLF/+Tc+AYvPOdTpcIDqOhxsBHRwC7U', '953297582', 1771111725],
  ])('calls a lone publish bundle (%s) none, registry-signed, never verified', (path, keyId, logIndex, seconds) => {
    const verdict = verifyNpmAttestations(readFixtureJson(path), versionFor(path), trust);
    expect(verdict).toEqual({
      status: 'none',
      registrySigned: {
        keyId,
        log: { logIndex, integratedTime: new Date(seconds * 1000).toISOString(), searchUrl: `https://search.sigstore.dev/?logIndex=${logIndex}` },
      },
    });
  });

  it.each([
    ['another name', { name: 'sigstorE' }, 'SUBJECT_NAME'],
    ['another version', { version: '1.0.1' }, 'SUBJECT_NAME'],
    ['another integrity', { integrity: `sha512-${btoa('x'.repeat(64))}` }, 'SUBJECT_DIGEST'],
  ])('is invalid for %s', (_what, change, code) => {
    const version = { ...versionFor(SIGSTORE_100), ...change };
    expect(verifyNpmAttestations(readFixtureJson(SIGSTORE_100), version, trust)).toMatchObject({ status: 'invalid', code });
  });

  it('calls a full response without SLSA provenance none, registry-signed (its registry signature still checked)', () => {
    const doc = response(SIGSTORE_100);
    doc.attestations = doc.attestations.filter((a) => a.predicateType === PUBLISH);
    expect(verifyNpmAttestations(doc, versionFor(SIGSTORE_100), trust)).toMatchObject({
      status: 'none',
      registrySigned: { keyId: 'SHA256:jl3bwswu80PjjokCgh0o2w5c2U4LhQAE57gj9cz1kzA', log: { logIndex: expect.stringMatching(/^\d+$/) } },
    });
  });

  it('checks registry signatures: a bad one is invalid, an unknown key unavailable', () => {
    const version = versionFor(SIGSTORE_100);
    const sig = version.signatures?.[0];
    expect(sig).toBeDefined();
    const forged = { ...version, signatures: [{ keyid: sig!.keyid, sig: version.signatures![0]!.sig.replace(/^MEQCIB/, 'MEQCIC') }] };
    expect(verifyNpmAttestations(readFixtureJson(SIGSTORE_100), forged, trust)).toMatchObject({ status: 'invalid', code: 'SIGNATURE_REGISTRY' });
    const unknown = { ...version, signatures: [{ keyid: 'SHA256:unknown', sig: sig!.sig }] };
    expect(verifyNpmAttestations(readFixtureJson(SIGSTORE_100), unknown, trust)).toMatchObject({ status: 'unavailable', code: 'TRUST_UNKNOWN_KEY' });
  });

  it('calls an unknown publish key newer than the snapshot "unavailable"', () => {
    const doc = response(PLAYWRIGHT);
    const publish = doc.attestations.find((a) => a.predicateType === PUBLISH)!;
    publish.bundle.verificationMaterial.publicKey!.hint = 'SHA256:not-in-keys-json';
    expect(verifyNpmAttestations(doc, versionFor(PLAYWRIGHT), trust)).toMatchObject({ status: 'unavailable', code: 'TRUST_UNKNOWN_KEY' });
  });

  it('judges the publish key at the log time: a window closed before it is invalid', () => {
    type Keys = { keys: { keyId: string; keyUsage: string; publicKey: { validFor: { end?: string } } }[] };
    const keys = structuredClone(readFixtureJson<Keys>('sigstore/npm-registry-keys.json'));
    for (const k of keys.keys) if (k.keyUsage === 'npm:attestations') k.publicKey.validFor.end = '2023-01-01T00:00:00.000Z';
    const narrow = createTrustContext({ trustedRoot: readFixtureJson('sigstore/trusted_root.json'), npmKeys: keys });
    expect(verifyNpmAttestations(readFixtureJson(SIGSTORE_100), versionFor(SIGSTORE_100), narrow)).toMatchObject({
      status: 'invalid',
      code: 'SIGNATURE_PUBLIC_KEY',
    });
  });

  it('returns a verdict, never throws, for hostile shapes', () => {
    for (const doc of [null, 1, [], {}, { attestations: [] }, { attestations: [null] }, { attestations: [{ bundle: {} }] }]) {
      expect(verifyNpmAttestations(doc, versionFor(SIGSTORE_100), trust).status).toBe('invalid');
    }
  });
});

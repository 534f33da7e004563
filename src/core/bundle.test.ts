import { createHash } from 'node:crypto';
import { expect, it } from 'vitest';
import { describeRealData, readFixture, readFixtureJson } from '../testing/fixtures';
import { pypiFileOf } from '../testing/fixture-cases';
import type { BundlePolicy } from './api';
import { createTrustContext, verifyBundle } from './index';
import { attestationToBundle } from './pep740';

const C = 'sigstore/conformance';
const BEACON: BundlePolicy = {
  identity: 'https://github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon/.github/workflows/extremely-dangerous-oidc-beacon.yml@refs/heads/main',
  issuer: 'https://token.actions.githubusercontent.com',
};
const GITHUB = BEACON.issuer;
const GOOGLE_ATTESTATION = 'pypi/sampleproject/sampleproject-3.0.0.tar.gz.publish.attestation';
const GOOGLE_SAN = '919436158236-compute@developer.gserviceaccount.com';
const production = () => createTrustContext({ trustedRoot: readFixtureJson('sigstore/trusted_root.json') });
const aTxt = () => new Uint8Array(readFixture(`${C}/a.txt`));

describeRealData('generic bundles', () => {
  it('verifies a message signature over the artifact bytes with the expected identity', () => {
    const verdict = verifyBundle(readFixtureJson(`${C}/happy-path-v0.3/bundle.sigstore.json`), { bytes: aTxt() }, BEACON, production());
    expect(verdict).toMatchObject({ status: 'verified', identity: { san: BEACON.identity } });
  });

  it('rejects another identity, another artifact, and a message signature with only a digest', () => {
    const bundle = readFixtureJson(`${C}/happy-path-v0.3/bundle.sigstore.json`);
    const trust = production();
    expect(verifyBundle(bundle, { bytes: aTxt() }, { ...BEACON, identity: 'https://example.com/x' }, trust)).toMatchObject({ status: 'invalid', code: 'IDENTITY_SAN' });
    expect(verifyBundle(bundle, { bytes: new TextEncoder().encode('b') }, BEACON, trust)).toMatchObject({ status: 'invalid' });
    const sha256 = createHash('sha256').update(aTxt()).digest('hex');
    expect(verifyBundle(bundle, { sha256 }, BEACON, trust)).toMatchObject({ status: 'invalid', code: 'POLICY_UNSUPPORTED_BUNDLE' });
  });

  it('binds a DSSE bundle through its subject digest', () => {
    const bundle = readFixtureJson(`${C}/happy-path-intoto-in-dsse-v3/bundle.sigstore.json`);
    const sha256 = createHash('sha256').update(aTxt()).digest('hex');
    expect(verifyBundle(bundle, { sha256: `sha256:${sha256}` }, BEACON, production()).status).toBe('verified');
    expect(verifyBundle(bundle, { sha256: 'f'.repeat(64) }, BEACON, production())).toMatchObject({ status: 'invalid', code: 'SUBJECT_DIGEST' });
  });

  it('verifies with a caller-supplied key and refuses another key', () => {
    const ok = `${C}/managed-key-happy-path`;
    const policy = { publicKeyPem: readFixture(`${ok}/key.pub`).toString('utf8') };
    expect(verifyBundle(readFixtureJson(`${ok}/bundle.sigstore.json`), { bytes: aTxt() }, policy, production()).status).toBe('verified');
    const wrong = `${C}/managed-key-wrong-key_fail`;
    const wrongPolicy = { publicKeyPem: readFixture(`${wrong}/key.pub`).toString('utf8') };
    expect(verifyBundle(readFixtureJson(`${wrong}/bundle.sigstore.json`), { bytes: aTxt() }, wrongPolicy, production()).status).toBe('invalid');
  });

  it('fails a bundle whose log lacks validFor.start in the trusted root (upstream accepts it)', () => {
    const dir = `${C}/trust-root-tlog-missing-validity-start_fail`;
    const trust = createTrustContext({ trustedRoot: readFixtureJson(`${dir}/trusted_root.json`) });
    expect(verifyBundle(readFixtureJson(`${dir}/bundle.sigstore.json`), { bytes: aTxt() }, BEACON, trust)).toMatchObject({ status: 'invalid', code: 'TLOG_ENTRY' });
  });

  it('returns a verdict for unparseable bundles', () => {
    for (const bundle of [null, 'x', {}, { mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json' }]) {
      expect(verifyBundle(bundle, { bytes: aTxt() }, BEACON, production())).toMatchObject({ status: 'invalid', code: 'PARSE_BUNDLE' });
    }
  });

  // @sigstore/verify's own SAN policy is `san.match(policy)`: each of these would have passed it.
  it.each([
    ['any character', '.'],
    ['a prefix of the SAN', BEACON.identity.slice(0, BEACON.identity.indexOf('/.github/'))],
    ['a suffix of the SAN', 'extremely-dangerous-oidc-beacon.yml@refs/heads/main'],
    ['a regex-special spelling of the SAN', BEACON.identity.replaceAll('.', '[.]')],
    ['the SAN with a wildcard ref', BEACON.identity.replace('refs/heads/main', 'refs/heads/.*')],
  ])('refuses %s as --identity with IDENTITY_SAN', (_what, identity) => {
    const verdict = verifyBundle(readFixtureJson(`${C}/happy-path-v0.3/bundle.sigstore.json`), { bytes: aTxt() }, { identity, issuer: GITHUB }, production());
    expect(verdict).toMatchObject({ status: 'invalid', code: 'IDENTITY_SAN' });
  });

  it('compares the issuer for equality: a prefix or a pattern is IDENTITY_ISSUER', () => {
    const bundle = readFixtureJson(`${C}/happy-path-v0.3/bundle.sigstore.json`);
    for (const issuer of ['https://token.actions.githubusercontent', '.*', 'https://token.actions.githubusercontent.com/']) {
      expect(verifyBundle(bundle, { bytes: aTxt() }, { identity: BEACON.identity, issuer }, production())).toMatchObject({ status: 'invalid', code: 'IDENTITY_ISSUER' });
    }
  });

  it('matches identityRegExp and issuerRegExp against the whole value only', () => {
    const bundle = readFixtureJson(`${C}/happy-path-v0.3/bundle.sigstore.json`);
    const run = (policy: BundlePolicy) => verifyBundle(bundle, { bytes: aTxt() }, policy, production());
    const whole = 'https://github\\.com/sigstore-conformance/[^/]+/\\.github/workflows/.+@refs/heads/main';
    expect(run({ identityRegExp: whole, issuer: GITHUB })).toMatchObject({ status: 'verified', identity: { san: BEACON.identity } });
    expect(run({ identityRegExp: whole, issuerRegExp: 'https://token\\.actions\\.githubusercontent\\.com' }).status).toBe('verified');
    // Each would match a part of the SAN or issuer; anchored, they match nothing.
    expect(run({ identityRegExp: 'sigstore-conformance', issuer: GITHUB })).toMatchObject({ status: 'invalid', code: 'IDENTITY_SAN' });
    // Alternation stays inside the anchors: `^nomatch|refs/heads/main$` would match the tail.
    expect(run({ identityRegExp: 'nomatch|refs/heads/main', issuer: GITHUB })).toMatchObject({ status: 'invalid', code: 'IDENTITY_SAN' });
    expect(run({ identity: BEACON.identity, issuerRegExp: 'token\\.actions' })).toMatchObject({ status: 'invalid', code: 'IDENTITY_ISSUER' });
    expect(run({ identityRegExp: '(unclosed', issuer: GITHUB })).toMatchObject({ status: 'invalid', code: 'PARSE_INPUT' });
    const both = { identity: BEACON.identity, identityRegExp: '.*', issuer: GITHUB } as unknown as BundlePolicy;
    expect(run(both)).toMatchObject({ status: 'invalid', code: 'PARSE_INPUT' });
  });

  it('holds a Google signer to its whole e-mail: a shorter one is IDENTITY_SAN', () => {
    const bundle = attestationToBundle(readFixtureJson(GOOGLE_ATTESTATION));
    const digest = { sha256: pypiFileOf(GOOGLE_ATTESTATION).sha256 };
    const issuer = 'https://accounts.google.com';
    expect(verifyBundle(bundle, digest, { identity: GOOGLE_SAN, issuer }, production())).toMatchObject({ status: 'verified', identity: { san: GOOGLE_SAN, issuer } });
    const shorter = verifyBundle(bundle, digest, { identity: GOOGLE_SAN.slice(2), issuer }, production());
    expect(shorter).toMatchObject({ status: 'invalid', code: 'IDENTITY_SAN' });
  });

  it('refuses an identity policy for a registry-key-signed npm publish bundle', () => {
    const bundle = readFixtureJson('npm/sigstore/sigstore@1.3.0.publish.sigstore.json');
    const verdict = verifyBundle(bundle, { sha256: 'a'.repeat(64) }, BEACON, production());
    expect(verdict).toMatchObject({ status: 'invalid', code: 'POLICY_UNSUPPORTED_BUNDLE' });
  });
});

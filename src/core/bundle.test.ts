import { createHash } from 'node:crypto';
import { expect, it } from 'vitest';
import { describeRealData, readFixture, readFixtureJson } from '../testing/fixtures';
import type { BundlePolicy } from './api';
import { createTrustContext, verifyBundle } from './index';

const C = 'sigstore/conformance';
const BEACON: BundlePolicy = {
  identity: 'https://github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon/.github/workflows/extremely-dangerous-oidc-beacon.yml@refs/heads/main',
  issuer: 'https://token.actions.githubusercontent.com',
};
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
});

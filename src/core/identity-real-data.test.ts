// The whole identity on the real fixtures: none of them was built by a reusable workflow, so
// every verified one keeps verifying with no builder, and its pin holds its ids and matches it.
import { beforeAll, expect, it } from 'vitest';
import { fixtureCases, npmVersionOf } from '../testing/fixture-cases';
import { describeRealData, readFixtureJson } from '../testing/fixtures';
import type { TrustContext } from './api';
import { matchesPin, pinFromIdentity } from './continuity';
import { createTrustContext, verifyNpmAttestations, verifyPypiProvenance } from './index';

let trust: TrustContext;
beforeAll(() => {
  trust = createTrustContext({ trustedRoot: readFixtureJson('sigstore/trusted_root.json'), npmKeys: readFixtureJson('sigstore/npm-registry-keys.json') });
});

describeRealData('real fixtures under the whole identity', () => {
  const verified = () => fixtureCases().filter((c) => c.expectVerified);

  it('verify as before, with no builder, and match the pin made from them', () => {
    const cases = verified();
    expect(cases.length).toBeGreaterThan(5);
    let pinned = 0;
    for (const c of cases) {
      const doc = readFixtureJson(c.path);
      const verdict = c.pypi ? verifyPypiProvenance(doc, c.pypi, trust) : verifyNpmAttestations(doc, npmVersionOf(c.path), trust);
      // A lone npm publish attestation is the registry's word only: `none`, registry-signed.
      if (verdict.status === 'none' && verdict.registrySigned) continue;
      expect(verdict.status, c.path).toBe('verified');
      if (verdict.status !== 'verified' || !verdict.identity) continue;
      expect(verdict.identity.builder, c.path).toBeUndefined();
      const pin = pinFromIdentity(verdict.identity);
      expect(pin, c.path).not.toBeNull();
      expect(pin?.builder, c.path).toBeUndefined();
      if (verdict.identity.repositoryId) expect(pin?.repositoryId, c.path).toBe(verdict.identity.repositoryId);
      expect(matchesPin(verdict.identity, pin!), c.path).toBe(true);
      pinned++;
    }
    expect(pinned).toBeGreaterThan(5);
  });
});

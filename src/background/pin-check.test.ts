import { describe, expect, it } from 'vitest';
import type { IdentityPin } from '../core/api';
import type { PackageVerdict, SignerIdentity } from '../core/verdict';
import { applyPin } from './pin-check';

const pin: IdentityPin = { issuer: 'https://token.actions.githubusercontent.com', repository: 'acme/widget', workflowPath: '.github/workflows/release.yml' };
const acme: SignerIdentity = { forge: 'github', issuer: pin.issuer, san: 's', repository: 'acme/widget', workflowPath: '.github/workflows/release.yml' };
const base = { pkg: { registry: 'npm' as const, name: 'widget', version: '2.0.0' }, files: [], checkedAt: 1 };
const verified = (identity: SignerIdentity): PackageVerdict => ({ ...base, status: 'verified', identity, attestations: [] });

describe('applyPin', () => {
  it('keeps a verdict from the pinned publisher and fails another signer', () => {
    expect(applyPin(verified(acme), pin)).toMatchObject({ status: 'verified' });
    expect(applyPin(verified({ ...acme, repository: 'mallory/widget' }), pin)).toMatchObject({ status: 'invalid', code: 'IDENTITY_PIN' });
  });

  it('fails a version without provenance, and one from a publisher that cannot be checked', () => {
    expect(applyPin({ ...base, status: 'none' }, pin)).toMatchObject({ status: 'invalid', code: 'IDENTITY_PIN' });
    const unsupported: PackageVerdict = { ...base, status: 'unavailable', code: 'POLICY_UNSUPPORTED_PUBLISHER', message: 'x', retryable: false };
    expect(applyPin(unsupported, pin)).toMatchObject({ status: 'invalid', code: 'IDENTITY_PIN' });
  });

  it('leaves network trouble grey: a pin is no reason to turn a timeout red', () => {
    const offline: PackageVerdict = { ...base, status: 'unavailable', code: 'FETCH_TIMEOUT', message: 'x', retryable: true };
    expect(applyPin(offline, pin)).toBe(offline);
  });
});

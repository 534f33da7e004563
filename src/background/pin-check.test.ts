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

  it('names a Google account by its e-mail in the mismatch', () => {
    const google = { issuer: 'https://accounts.google.com', email: 'release@widgets.iam.gserviceaccount.com' };
    const signer: SignerIdentity = { forge: 'google', issuer: google.issuer, san: 'ci@attacker.iam.gserviceaccount.com', email: 'ci@attacker.iam.gserviceaccount.com' };
    expect(applyPin(verified(signer), google)).toMatchObject({
      status: 'invalid',
      message: 'pinned to release@widgets.iam.gserviceaccount.com, but signed by ci@attacker.iam.gserviceaccount.com',
    });
  });

  it('says which builder built it, or that none did, when the pin names one', () => {
    const shared = 'https://github.com/org/shared-workflows/.github/workflows/release.yml';
    const other = { uri: 'https://github.com/evil/wf/.github/workflows/x.yml@refs/heads/main', repository: 'evil/wf', workflowPath: '.github/workflows/x.yml', ref: 'refs/heads/main' };
    const expected = 'pinned to acme/widget (.github/workflows/release.yml), built by org/shared-workflows/.github/workflows/release.yml, but signed by acme/widget (.github/workflows/release.yml)';
    expect(applyPin(verified({ ...acme, builder: other }), { ...pin, builder: shared })).toMatchObject({
      message: `${expected}, built by evil/wf/.github/workflows/x.yml`,
    });
    expect(applyPin(verified(acme), { ...pin, builder: shared })).toMatchObject({ message: `${expected}, built by its own workflow` });
  });

  it('names the ids when only they differ: a repository re-created under its old name', () => {
    const result = applyPin(verified({ ...acme, repositoryId: '999', ownerId: '11' }), { ...pin, repositoryId: '123', ownerId: '11' });
    expect(result).toMatchObject({
      status: 'invalid',
      message: 'pinned to acme/widget (.github/workflows/release.yml), but signed by acme/widget (.github/workflows/release.yml) (repository id 999, pinned 123)',
    });
  });
});

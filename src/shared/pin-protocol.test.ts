// The pin parser: what the popup sends and an import file holds is untrusted; the new fields
// (e-mail, ids, builder) are optional, so a pin written before them still reads. And the words a
// pin is named by.
import { describe, expect, it } from 'vitest';
import { parseIdentityPin } from './pin-protocol';
import { describeBuilder, describeBuilderUri, describePin } from './pin-text';

const GH = 'https://token.actions.githubusercontent.com';
const BUILDER = 'https://github.com/org/shared-workflows/.github/workflows/release.yml';
const whole = {
  issuer: GH,
  repository: 'octo/widgets',
  workflowPath: '.github/workflows/release.yml',
  repositoryId: '123456',
  ownerId: '7890',
  builder: BUILDER,
};

describe('parseIdentityPin', () => {
  it('keeps a whole pin and drops unknown fields', () => {
    expect(parseIdentityPin({ ...whole, extra: 'x', ref: 'refs/tags/v1' })).toEqual(whole);
  });

  it('reads a pin written before ids and builders existed', () => {
    expect(parseIdentityPin({ issuer: GH, repository: 'octo/widgets' })).toEqual({ issuer: GH, repository: 'octo/widgets' });
  });

  it('takes a Google publisher by its service-account e-mail, without a repository', () => {
    const pin = { issuer: 'https://accounts.google.com', email: 'release@widgets-prod.iam.gserviceaccount.com' };
    expect(parseIdentityPin(pin)).toEqual(pin);
  });

  it('needs an issuer and a repository or an e-mail: a pin on a whole issuer would trust everyone', () => {
    expect(parseIdentityPin({ issuer: GH })).toBeNull();
    expect(parseIdentityPin({ issuer: GH, workflowPath: '.github/workflows/release.yml', repositoryId: '1' })).toBeNull();
    expect(parseIdentityPin({ repository: 'octo/widgets' })).toBeNull();
  });

  it.each([
    ['an issuer that is not https', { ...whole, issuer: 'http://example.com' }],
    ['a repository without owner', { ...whole, repository: 'widgets' }],
    ['a traversing workflow', { ...whole, workflowPath: '.github/../x.yml' }],
    ['an e-mail with spaces', { issuer: GH, email: 'a b@example.com' }],
    ['an e-mail with markup', { issuer: GH, email: '<a@example.com>' }],
    ['an e-mail without domain', { issuer: GH, email: 'release@' }],
    ['an over-long e-mail', { issuer: GH, email: `${'a'.repeat(300)}@example.com` }],
    ['an empty id', { ...whole, repositoryId: '' }],
    ['an id with spaces', { ...whole, ownerId: '1 2' }],
    ['a numeric id (not a string)', { ...whole, repositoryId: 123456 }],
    ['a builder with its ref', { ...whole, builder: `${BUILDER}@refs/tags/v1` }],
    ['a builder that is not https', { ...whole, builder: 'javascript:alert(1)' }],
    ['an over-long builder', { ...whole, builder: `${BUILDER}/${'x'.repeat(600)}` }],
  ])('refuses the whole pin for %s', (_what, pin) => {
    expect(parseIdentityPin(pin)).toBeNull();
  });
});
const SHARED = BUILDER;

describe('pin words', () => {
  it('names a repository pin by repository and workflow, as before', () => {
    expect(describePin({ issuer: GH, repository: 'octo/widgets' })).toBe('octo/widgets');
    expect(describePin({ issuer: GH, repository: 'octo/widgets', workflowPath: '.github/workflows/release.yml', repositoryId: '1' })).toBe(
      'octo/widgets (.github/workflows/release.yml)',
    );
  });

  it('names a Google pin by its e-mail and a shared build by its builder', () => {
    expect(describePin({ issuer: 'https://accounts.google.com', email: 'release@p.iam.gserviceaccount.com' })).toBe('release@p.iam.gserviceaccount.com');
    expect(describePin({ issuer: GH, repository: 'octo/widgets', workflowPath: '.github/workflows/ci.yml', builder: SHARED })).toBe(
      'octo/widgets (.github/workflows/ci.yml), built by org/shared-workflows/.github/workflows/release.yml',
    );
  });

  it('reads GitHub and GitLab workflow URIs, and leaves others whole', () => {
    expect(describeBuilderUri(`${SHARED}@refs/tags/v1`)).toBe('org/shared-workflows/.github/workflows/release.yml');
    expect(describeBuilderUri('https://gitlab.com/group/sub/project//ci/release.yml')).toBe('group/sub/project/ci/release.yml');
    expect(describeBuilderUri('https://builder.example/x')).toBe('https://builder.example/x');
  });

  it('names a certificate\'s builder by repository and file, or by its URI without the ref', () => {
    expect(describeBuilder({ uri: `${SHARED}@refs/tags/pkg@1.2.0`, ref: 'refs/tags/pkg@1.2.0' })).toBe('org/shared-workflows/.github/workflows/release.yml');
    expect(describeBuilder({ uri: `${SHARED}@refs/tags/v1`, repository: 'org/shared-workflows', workflowPath: '.github/workflows/release.yml' })).toBe(
      'org/shared-workflows/.github/workflows/release.yml',
    );
  });
});

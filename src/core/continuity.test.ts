import { describe, expect, it } from 'vitest';
import { continuityNote, identityDifference, matchesPin, pinFromIdentity } from './continuity';
import type { SignerIdentity } from './verdict';

const github: SignerIdentity = {
  forge: 'github',
  issuer: 'https://token.actions.githubusercontent.com',
  san: 'https://github.com/acme/widget/.github/workflows/release.yml@refs/tags/v2.0.0',
  repository: 'acme/widget',
  workflowPath: '.github/workflows/release.yml',
  repositoryId: '101',
  ownerId: '7',
};

describe('continuityNote', () => {
  it('says nothing when the publisher is unchanged', () => {
    expect(continuityNote(github, [{ version: '1.0.0', identity: { ...github } }])).toBeUndefined();
  });

  it('says nothing when no earlier release had provenance', () => {
    expect(continuityNote(null, [{ version: '1.0.0', identity: null }])).toBeUndefined();
    expect(continuityNote(github, [])).toBeUndefined();
  });

  it('reports provenance lost against the newest attested release', () => {
    const note = continuityNote(null, [
      { version: '1.1.0', identity: null },
      { version: '1.0.0', identity: github },
    ]);
    expect(note).toMatchObject({ kind: 'provenance-lost', previousVersion: '1.0.0' });
  });

  it('reports a repository change with from and to', () => {
    const moved = { ...github, repository: 'mallory/widget', repositoryId: undefined, ownerId: undefined };
    expect(continuityNote(moved, [{ version: '1.0.0', identity: github }])).toMatchObject({
      kind: 'publisher-changed',
      field: 'repository',
      from: 'acme/widget',
      to: 'mallory/widget',
      previousVersion: '1.0.0',
    });
  });

  it('reports a workflow change and an issuer change', () => {
    const otherWorkflow = { ...github, workflowPath: '.github/workflows/ci.yml' };
    expect(continuityNote(otherWorkflow, [{ version: '1', identity: github }])).toMatchObject({ field: 'workflowPath' });
    const gitlab: SignerIdentity = { ...github, forge: 'gitlab', issuer: 'https://gitlab.com' };
    expect(continuityNote(gitlab, [{ version: '1', identity: github }])).toMatchObject({ field: 'issuer' });
  });

  it('prefers the stable numeric ids: a renamed repo with the same ids is not a change', () => {
    const renamed = { ...github, repository: 'acme/widget-ng' };
    expect(identityDifference(github, renamed)).toBeNull();
    const transferred = { ...github, repository: 'acme-foundation/widget', ownerId: '8' };
    expect(identityDifference(github, transferred)).toBeNull();
    const renamedWithoutIds = { ...renamed, repositoryId: undefined };
    expect(identityDifference(github, renamedWithoutIds)).toMatchObject({ field: 'repository' });
    const recreated = { ...github, repositoryId: '999' };
    expect(identityDifference(github, recreated)).toMatchObject({ field: 'repositoryId', from: '101', to: '999' });
  });

  it('compares GitHub repository names case-insensitively', () => {
    expect(identityDifference(github, { ...github, repository: 'ACME/Widget' })).toBeNull();
  });
});

describe('pins', () => {
  it('matches the pinned repository and workflow only', () => {
    const pin = pinFromIdentity(github);
    expect(pin).not.toBeNull();
    if (!pin) return;
    expect(matchesPin(github, pin)).toBe(true);
    expect(matchesPin({ ...github, repository: 'mallory/widget' }, pin)).toBe(false);
    expect(matchesPin({ ...github, workflowPath: '.github/workflows/other.yml' }, pin)).toBe(false);
    expect(matchesPin({ ...github, issuer: 'https://gitlab.com' }, pin)).toBe(false);
  });
});

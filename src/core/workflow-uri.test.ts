import { describe, expect, it } from 'vitest';
import { foldWorkflowUri, isGithubWorkflowUri, parseWorkflowUri, withoutRef } from './workflow-uri';

const builder = 'https://github.com/slsa-framework/slsa-github-generator/.github/workflows/builder_nodejs_slsa3.yml@refs/tags/v2.1.0';

describe('workflow URIs', () => {
  it('splits GitHub and GitLab workflow URIs into repository, path and ref', () => {
    expect(parseWorkflowUri(builder, 'github')).toEqual({
      repository: 'slsa-framework/slsa-github-generator',
      workflowPath: '.github/workflows/builder_nodejs_slsa3.yml',
      ref: 'refs/tags/v2.1.0',
    });
    expect(parseWorkflowUri('https://gitlab.com/g/sub/p//ci/build.yml@refs/heads/main', 'gitlab')).toEqual({
      repository: 'g/sub/p',
      workflowPath: 'ci/build.yml',
      ref: 'refs/heads/main',
    });
  });

  it('keeps an @ inside the ref (dependabot branches name scoped packages)', () => {
    const uri = 'https://github.com/o/r/.github/workflows/ci.yml@refs/heads/dependabot/npm/@types/node-22';
    expect(parseWorkflowUri(uri, 'github')?.ref).toBe('refs/heads/dependabot/npm/@types/node-22');
    expect(withoutRef(uri)).toBe('https://github.com/o/r/.github/workflows/ci.yml');
  });

  it.each([
    ['no ref', 'https://github.com/o/r/.github/workflows/ci.yml'],
    ['an empty ref', 'https://github.com/o/r/.github/workflows/ci.yml@'],
    ['no workflow', 'https://github.com/o/r@refs/heads/main'],
    ['an empty owner', 'https://github.com//r/.github/workflows/ci.yml@v1'],
    ['another host', 'https://github.example/o/r/.github/workflows/ci.yml@v1'],
  ])('refuses a GitHub URI with %s', (_what, uri) => {
    expect(isGithubWorkflowUri(uri)).toBe(false);
  });

  it('accepts only files directly in .github/workflows as GitHub workflows', () => {
    expect(isGithubWorkflowUri(builder)).toBe(true);
    expect(isGithubWorkflowUri('https://github.com/o/r/.github/workflows/sub/ci.yml@v1')).toBe(false);
    expect(isGithubWorkflowUri('https://github.com/o/r/ci.yml@v1')).toBe(false);
  });

  it('folds the GitHub owner and repository, never the path or GitLab', () => {
    expect(foldWorkflowUri('https://github.com/Acme/Widget/.github/workflows/Release.yml')).toBe(
      'https://github.com/acme/widget/.github/workflows/Release.yml',
    );
    expect(foldWorkflowUri('https://gitlab.com/Grp/P//ci.yml')).toBe('https://gitlab.com/Grp/P//ci.yml');
  });
});

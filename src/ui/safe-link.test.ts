import { describe, expect, it } from 'vitest';
import { commitHref, repositoryHref, safeHref, workflowHref } from './safe-link';

describe('safeHref', () => {
  it.each([
    'https://github.com/octo/widgets',
    'https://gitlab.com/group/project/-/commit/abc1234',
    'https://search.sigstore.dev/?logIndex=148927391234',
  ])('accepts %s', (url) => expect(safeHref(url)).toBe(url));

  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'http://github.com/octo/widgets',
    'https://github.com.evil.example/octo',
    'https://evil.example/?https://github.com/',
    'https://user:pass@github.com/octo',
    'https://github.com:8443/octo',
    '//github.com/octo',
    '/project/x/',
    '',
    undefined,
    null,
  ])('rejects %s', (url) => expect(safeHref(url)).toBeNull());
});

describe('forge links', () => {
  const commit = '0123456789abcdef0123456789abcdef01234567';

  it('builds GitHub and GitLab workflow links at the commit', () => {
    expect(workflowHref('github', 'octo/widgets', commit, '.github/workflows/release.yml')).toBe(
      `https://github.com/octo/widgets/blob/${commit}/.github/workflows/release.yml`,
    );
    expect(workflowHref('gitlab', 'group/sub/project', commit, 'ci/release.yml')).toBe(
      `https://gitlab.com/group/sub/project/-/blob/${commit}/ci/release.yml`,
    );
    expect(commitHref('github', 'octo/widgets', commit)).toBe(`https://github.com/octo/widgets/commit/${commit}`);
    expect(repositoryHref('gitlab', 'group/project')).toBe('https://gitlab.com/group/project');
  });

  it('refuses traversal, odd commits and forges without web pages', () => {
    expect(workflowHref('github', 'octo/widgets', commit, '../../evil/x.yml')).toBeNull();
    expect(workflowHref('github', 'octo/widgets', 'main', '.github/workflows/release.yml')).toBeNull();
    expect(repositoryHref('github', '../octo')).toBeNull();
    expect(repositoryHref('github', 'octo')).toBeNull();
    expect(repositoryHref('google', 'octo/widgets')).toBeNull();
    expect(commitHref('github', 'octo/widgets?x=1', commit)).toBeNull();
  });

  it('percent-encodes odd but harmless characters instead of passing them through', () => {
    expect(repositoryHref('github', 'octo/wid gets')).toBeNull();
    expect(repositoryHref('github', 'octo/wid%67ets')).toBe('https://github.com/octo/wid%2567ets');
  });
});

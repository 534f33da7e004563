// Every link the extension renders passes through here: data from registries and certificates
// is hostile, so only plain https URLs on the few hosts we explain are ever made clickable.
import type { Forge } from '../core/verdict';

const LINKABLE_HOSTS: ReadonlySet<string> = new Set(['github.com', 'gitlab.com', 'search.sigstore.dev']);

/** The normalised URL if it is https on a known forge or the Sigstore search; otherwise null. */
export function safeHref(raw: string | null | undefined): string | null {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 2048) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' || url.port !== '' || url.username !== '' || url.password !== '') return null;
  if (!LINKABLE_HOSTS.has(url.hostname)) return null;
  return url.href;
}

// A path segment from data must stay one segment: no traversal, no separators smuggled in.
function isPlainSegment(s: string): boolean {
  return s.length > 0 && s !== '.' && s !== '..' && !/[\\/?#\s]/.test(s);
}

function forgeOrigin(forge: Forge): string | null {
  if (forge === 'github') return 'https://github.com';
  if (forge === 'gitlab') return 'https://gitlab.com';
  return null;
}

function splitPath(path: string): string[] | null {
  const parts = path.replace(/^\/+/, '').split('/');
  return parts.every(isPlainSegment) ? parts : null;
}

function forgeUrl(forge: Forge, repository: string | undefined, tail: string[]): string | null {
  const origin = forgeOrigin(forge);
  const repo = repository === undefined ? null : splitPath(repository);
  if (origin === null || repo === null || repo.length < 2) return null;
  if (!tail.every(isPlainSegment)) return null;
  const url = new URL(origin);
  url.pathname = '/' + [...repo, ...tail].map(encodeURIComponent).join('/');
  return safeHref(url.href);
}

const COMMIT_RE = /^[0-9a-f]{7,64}$/i;

export function repositoryHref(forge: Forge, repository: string | undefined): string | null {
  return forgeUrl(forge, repository, []);
}

export function commitHref(forge: Forge, repository: string | undefined, commit: string | undefined): string | null {
  if (commit === undefined || !COMMIT_RE.test(commit)) return null;
  return forgeUrl(forge, repository, forge === 'gitlab' ? ['-', 'commit', commit] : ['commit', commit]);
}

/** The workflow file as it was at the signed commit, not as it is today. */
export function workflowHref(
  forge: Forge,
  repository: string | undefined,
  commit: string | undefined,
  workflowPath: string | undefined,
): string | null {
  if (commit === undefined || !COMMIT_RE.test(commit) || workflowPath === undefined) return null;
  const path = splitPath(workflowPath);
  if (path === null) return null;
  const blob = forge === 'gitlab' ? ['-', 'blob', commit] : ['blob', commit];
  return forgeUrl(forge, repository, [...blob, ...path]);
}

// Where a lockfile entry comes from: whether an npm `resolved` URL or a PyPI index is the
// public registry, and a distribution's file name from its URL. URLs are parsed, never
// fetched: the audit builds every request URL itself from the checked name and version.
import { checkedSha256, LockfileError, shown, type LockedFile } from './locked-package';

/** The public registry, and yarn's alias of it (same content, served under another name). */
const PUBLIC_NPM_HOSTS = new Set(['registry.npmjs.org', 'registry.yarnpkg.com']);

export type NpmSourceKind = 'registry' | 'git' | 'file' | 'url' | 'other registry';

/**
 * `extraOrigin`: the registry base the audit was pointed at (PROVENANCE_LENS_NPM_REGISTRY_URL),
 * whose tarball URLs a lockfile written against that mirror carries.
 */
export function npmSourceOf(resolved: string | undefined, extraOrigin?: string): NpmSourceKind {
  if (resolved === undefined) return 'registry';
  if (/^git(\+[a-z]+)?:|^github:|^gitlab:|^bitbucket:/i.test(resolved)) return 'git';
  if (/^(file|link|portal|workspace):/i.test(resolved)) return 'file';
  let url: URL;
  try {
    url = new URL(resolved);
  } catch {
    return 'file';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return url.protocol === 'file:' ? 'file' : 'url';
  if (url.protocol === 'https:' && PUBLIC_NPM_HOSTS.has(url.hostname) && url.port === '') {
    return url.pathname.includes('/-/') ? 'registry' : 'url';
  }
  if (extraOrigin !== undefined && url.origin === extraOrigin) return 'registry';
  if (url.hostname === 'codeload.github.com') return 'git';
  return url.pathname.includes('/-/') && url.pathname.endsWith('.tgz') ? 'other registry' : 'url';
}

/**
 * Whether a `resolved` URL that npmSourceOf() called `registry` is the registry's own tarball of
 * `name@version`: `/<name>/-/<basename>-<version>.tgz`, the scope's `/` possibly written `%2f`
 * as older npm and yarn did. The audit checks name@version from the registry, never this URL,
 * while the package manager installs what the URL serves: another package's tarball on the same
 * host must not borrow this entry's verdict (with no integrity, nothing else would catch it).
 */
export function isRegistryTarballOf(resolved: string, name: string, version: string, extraOrigin?: string): boolean {
  let url: URL;
  let expected: string;
  try {
    url = new URL(resolved);
    // Through URL too, so both sides are normalised alike (the version's `+`, for example).
    expected = new URL(`/${name}/-/${name.split('/').pop() ?? ''}-${version}.tgz`, 'https://registry.npmjs.org').pathname;
  } catch {
    return false;
  }
  if (url.search !== '' || url.username !== '' || url.password !== '') return false;
  const path = url.pathname.replace(/^\/(@[^/]+)%2f/i, '/$1/');
  if (url.protocol === 'https:' && PUBLIC_NPM_HOSTS.has(url.hostname) && url.port === '') return path === expected;
  // The configured mirror may serve the registry under a base path (`/npm/`); only its origin
  // is known here, so the canonical path must end the URL's, after a prefix with no `/-/`.
  if (extraOrigin === undefined || url.origin !== extraOrigin || !path.endsWith(expected)) return false;
  return !`${path.slice(0, path.length - expected.length)}/`.includes('/-/');
}

const FILENAME = /^[A-Za-z0-9][A-Za-z0-9._+!-]{0,254}$/;

/** `https://pypi.org/simple` (any trailing slash), or the base the audit was pointed at. */
export function isPypiIndex(index: unknown, pypiBase?: string): boolean {
  if (typeof index !== 'string') return false;
  const trimmed = index.replace(/\/+$/, '');
  if (trimmed === 'https://pypi.org/simple') return true;
  return pypiBase !== undefined && trimmed === `${pypiBase.replace(/\/+$/, '')}/simple`;
}

export function isDistFilename(name: unknown): name is string {
  return typeof name === 'string' && FILENAME.test(name) && !name.includes('..');
}

/** The file name a distribution URL ends in, or undefined when it is not a plain file name. */
export function filenameOfUrl(url: unknown): string | undefined {
  if (typeof url !== 'string' || url.length > 4096) return undefined;
  try {
    const last = new URL(url).pathname.split('/').pop() ?? '';
    const decoded = decodeURIComponent(last);
    return isDistFilename(decoded) ? decoded : undefined;
  } catch {
    return undefined;
  }
}

/** `sha256:<hex>` (uv) to hex; other algorithms are not what PyPI's digests and PEP 740 bind. */
export function sha256OfPrefixed(hash: unknown, where: string): string {
  if (typeof hash !== 'string' || !hash.startsWith('sha256:')) throw new LockfileError(`${where}: hash ${shown(hash)} is not sha256:<hex>`);
  return checkedSha256(hash.slice(7), where);
}

export function lockedFile(filename: string | undefined, sha256: string): LockedFile {
  return filename === undefined ? { sha256 } : { filename, sha256 };
}

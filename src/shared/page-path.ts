// What a registry page shows, from its path alone. Host names are deliberately not here:
// callers decide which site a tab is on (manifest matches, the worker's sender check), and
// this module only reads `location.pathname` (percent-encoded) and `location.search`.
import type { PackageRef } from '../core/verdict';
import { isNpmName, isNpmVersion, isPypiName, isPypiVersion } from './package-names';

export type PageView =
  | { kind: 'package'; pkg: PackageRef & { registry: 'pypi' | 'npm' } }
  | { kind: 'search' };

/** Longest path we look at; real package paths are far shorter. */
const MAX_PATH = 1024;

/** Decodes one path segment; an encoded `/`, `\`, NUL, or a broken escape makes it unusable. */
function decodeSegment(raw: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return null;
  }
  return /[/\\\0]/.test(decoded) ? null : decoded;
}

/**
 * Splits a pathname into decoded segments. A trailing slash is allowed; empty segments
 * elsewhere (`//`) are not, so one page has one spelling.
 */
function segmentsOf(pathname: string): string[] | null {
  if (pathname.length > MAX_PATH || !pathname.startsWith('/')) return null;
  const raw = pathname.slice(1).split('/');
  if (raw.length > 1 && raw[raw.length - 1] === '') raw.pop();
  const out: string[] = [];
  for (const segment of raw) {
    if (segment === '') return null;
    const decoded = decodeSegment(segment);
    if (decoded === null) return null;
    out.push(decoded);
  }
  return out;
}

/** The PyPI website: `/project/<name>/`, `/project/<name>/<version>/`, `/search/`. */
export function parsePypiPath(pathname: string, _search: string): PageView | null {
  const seg = segmentsOf(pathname);
  if (!seg) return null;
  if (seg.length === 1 && seg[0] === 'search') return { kind: 'search' };
  if (seg[0] !== 'project' || seg.length < 2 || seg.length > 3) return null;
  const [, name, version] = seg as [string, string, string | undefined];
  if (!isPypiName(name)) return null;
  if (version === undefined) return { kind: 'package', pkg: { registry: 'pypi', name } };
  if (!isPypiVersion(version)) return null;
  return { kind: 'package', pkg: { registry: 'pypi', name, version } };
}

const PACKAGE_PREFIX = '/package/';

/**
 * npm's own links spell a scoped name `@scope/name`, but the site also serves the encoded forms
 * people paste or other tools build (`/package/@scope%2Fname`, `/package/%40scope%2Fname`): the
 * one encoded `/` inside the scoped name's segment becomes a separator again. Everywhere else an
 * encoded `/` still makes the path unusable (`segmentsOf`).
 */
function unfoldScopedName(pathname: string): string {
  if (!pathname.startsWith(PACKAGE_PREFIX)) return pathname;
  const rest = pathname.slice(PACKAGE_PREFIX.length);
  const end = rest.indexOf('/');
  const first = end < 0 ? rest : rest.slice(0, end);
  const lower = first.toLowerCase();
  const slash = lower.indexOf('%2f');
  if (slash < 0 || !(lower.startsWith('@') || lower.startsWith('%40'))) return pathname;
  // Exactly one encoded slash: `@a%2Fb%2Fc` is no npm name and stays refused.
  if (lower.indexOf('%2f', slash + 3) >= 0) return pathname;
  const unfolded = `${first.slice(0, slash)}/${first.slice(slash + 3)}`;
  return PACKAGE_PREFIX + unfolded + (end < 0 ? '' : rest.slice(end));
}

/**
 * The npm website: `/package/<name>`, `/package/@scope/<name>`, either followed by `/v/<version>`,
 * and `/search`. `?activeTab=` only selects a tab and changes nothing here.
 */
export function parseNpmPath(pathname: string, _search: string): PageView | null {
  const seg = segmentsOf(unfoldScopedName(pathname));
  if (!seg) return null;
  if (seg.length === 1 && seg[0] === 'search') return { kind: 'search' };
  if (seg[0] !== 'package') return null;
  const rest = seg.slice(1);
  const scoped = rest[0]?.startsWith('@') === true;
  const nameParts = scoped ? 2 : 1;
  if (rest.length < nameParts) return null;
  const name = rest.slice(0, nameParts).join('/');
  if (!isNpmName(name)) return null;
  const tail = rest.slice(nameParts);
  if (tail.length === 0) return { kind: 'package', pkg: { registry: 'npm', name } };
  const [v, version] = tail;
  if (tail.length !== 2 || v !== 'v' || version === undefined || !isNpmVersion(version)) return null;
  return { kind: 'package', pkg: { registry: 'npm', name, version } };
}

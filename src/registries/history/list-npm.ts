// Every version of an npm package, from its packument: each version document (integrity and
// whether attestations exist), its publish time and whether it is deprecated. The full
// packument carries `time`; when it is over the size limit the abbreviated one is read instead
// (no dates then). A version document that does not parse stays in the timeline as
// "couldn't check": it must not pass for a version without provenance.
import { isNpmVersion } from '../../shared/package-names';
import { JSON_MAX_BYTES, type Fetcher } from '../fetcher';
import { parseVersionDoc, type ApiResult } from '../npm/api';
import { ABBREVIATED_ACCEPT, FULL_ACCEPT, packumentUrl } from '../npm/history';
import { verifyNpmDoc } from '../npm/version';
import { compareSemver, isSemverPrerelease } from '../version-order';
import { isoOf, newestFirst, timeOf, unreadable, type ListedRelease } from './listed-release';

/** More versions than any 4 MiB packument lists; a bound on work, not a policy. */
const MAX_VERSIONS = 50_000;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** npm un-deprecates by writing an empty message, so only a non-empty string counts (its text is not shown). */
function isDeprecated(entry: unknown): boolean {
  return isRecord(entry) && typeof entry.deprecated === 'string' && entry.deprecated.length > 0;
}

/** Only version keys of `time` are read: `created` and `modified` are never taken for versions. */
function publishedAt(times: Record<string, unknown> | undefined, version: string): number | undefined {
  return times && Object.hasOwn(times, version) ? timeOf(times[version]) : undefined;
}

/** The versions of a packument, newest first (SemVer precedence; publish time breaks ties). */
export function npmVersionsOf(doc: unknown, name: string): ApiResult<ListedRelease[]> {
  const shape = (message: string) => ({ ok: false as const, code: 'PARSE_SHAPE' as const, message: `npm packument: ${message}` });
  if (!isRecord(doc) || doc.name !== name || !isRecord(doc.versions)) return shape('not a packument for this package');
  const entries = Object.entries(doc.versions);
  if (entries.length > MAX_VERSIONS) return shape('too many versions');
  const times = isRecord(doc.time) ? doc.time : undefined;
  const out: ListedRelease[] = [];
  for (const [version, entry] of entries) {
    if (!isNpmVersion(version)) continue;
    const base = { version, prerelease: isSemverPrerelease(version), ...isoOf(publishedAt(times, version)), ...(isDeprecated(entry) ? { deprecated: true } : {}) };
    const parsed = parseVersionDoc(entry, name, version);
    const verify: ListedRelease['verify'] = parsed.ok
      ? (deps) => verifyNpmDoc(parsed.value, deps)
      : unreadable({ registry: 'npm', name, version }, parsed.code, parsed.message);
    out.push({ ...base, verify });
  }
  return { ok: true, value: newestFirst(out, (a, b) => compareSemver(a, b) ?? 0) };
}

export async function listNpmVersions(fetcher: Fetcher, name: string): Promise<ApiResult<ListedRelease[]>> {
  const url = packumentUrl(name);
  let res = await fetcher(url, { accept: FULL_ACCEPT, maxBytes: JSON_MAX_BYTES });
  // Popular packages' full packuments run to tens of MiB; the abbreviated form has no dates.
  if (!res.ok && res.code === 'FETCH_TOO_LARGE') res = await fetcher(url, { accept: ABBREVIATED_ACCEPT, maxBytes: JSON_MAX_BYTES });
  if (!res.ok) return { ok: false, code: res.code, message: `npm packument: ${res.message}` };
  return npmVersionsOf(res.json, name);
}

// The versions of an npm package before a given one, from its packument: what publisher
// continuity compares the version on screen with. Ordered by SemVer (a backport 1.2.9
// published after 2.0.0 still follows 1.2.8); prereleases only count for a prerelease.
import { isNpmVersion } from '../../shared/package-names';
import { JSON_MAX_BYTES, type Fetcher } from '../fetcher';
import { apiUrl } from '../url';
import { compareSemver, isSemverPrerelease } from '../version-order';
import { nameSegment, parseVersionDoc, type ApiResult, type NpmVersionDoc } from './api';
import { NPM_REGISTRY_ORIGIN } from './hosts';

/** The install ("corgi") form: per version only what `npm install` needs, dist included. */
export const ABBREVIATED_ACCEPT = 'application/vnd.npm.install-v1+json';
const FULL_ACCEPT = 'application/json';
/** More versions than any 4 MiB packument lists; a bound on work, not a policy. */
const MAX_VERSIONS = 50_000;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function packumentUrl(name: string) {
  return apiUrl(NPM_REGISTRY_ORIGIN, [nameSegment(name)]);
}

function versionsOf(doc: unknown, name: string): Record<string, unknown> | null {
  if (!isRecord(doc) || doc.name !== name || !isRecord(doc.versions)) return null;
  return doc.versions;
}

/** Whether a packument's entry for `version` lists attestations. */
function listsAttestations(versions: Record<string, unknown>, version: string): boolean {
  const entry = versions[version];
  return isRecord(entry) && isRecord(entry.dist) && entry.dist.attestations !== undefined && entry.dist.attestations !== null;
}

/** The versions before `currentVersion`, nearest first, at most `max`; unparsable entries are skipped. */
export function earlierNpmVersions(doc: unknown, name: string, currentVersion: string, max: number): ApiResult<NpmVersionDoc[]> {
  const versions = versionsOf(doc, name);
  if (!versions) return { ok: false, code: 'PARSE_SHAPE', message: 'npm packument: not a packument for this package' };
  const keys = Object.keys(versions);
  if (keys.length > MAX_VERSIONS) return { ok: false, code: 'PARSE_SHAPE', message: 'npm packument: too many versions' };
  const withPrereleases = isSemverPrerelease(currentVersion);
  const earlier = keys
    .filter((v) => isNpmVersion(v) && (withPrereleases || !isSemverPrerelease(v)) && (compareSemver(v, currentVersion) ?? 0) < 0)
    .sort((a, b) => compareSemver(b, a) ?? 0);
  const out: NpmVersionDoc[] = [];
  for (const version of earlier) {
    if (out.length >= max) break;
    const parsed = parseVersionDoc(versions[version], name, version);
    if (parsed.ok) out.push(parsed.value);
  }
  return { ok: true, value: out };
}

/**
 * Reads the abbreviated packument (far smaller), and the full one only when the abbreviated
 * form evidently drops `dist.attestations`: the version on screen has them but its entry
 * there does not. Over 4 MiB fails with FETCH_TOO_LARGE: continuity gives up, nothing else.
 */
export async function fetchEarlierNpmVersions(
  fetcher: Fetcher,
  name: string,
  current: { version: string; attested: boolean },
  max: number,
): Promise<ApiResult<NpmVersionDoc[]>> {
  const url = packumentUrl(name);
  let res = await fetcher(url, { accept: ABBREVIATED_ACCEPT, maxBytes: JSON_MAX_BYTES });
  if (res.ok && current.attested) {
    const versions = versionsOf(res.json, name);
    if (versions && !listsAttestations(versions, current.version)) {
      res = await fetcher(url, { accept: FULL_ACCEPT, maxBytes: JSON_MAX_BYTES });
    }
  }
  if (!res.ok) return { ok: false, code: res.code, message: `npm packument: ${res.message}` };
  return earlierNpmVersions(res.json, name, current.version, max);
}

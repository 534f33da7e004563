// The versions of an npm package published before a given one, from its packument: what
// publisher continuity compares the version on screen with. "Before" is publish time
// (`time[version]`), nearest first: a backport 1.2.9 published after 2.0.0 is compared with
// 2.0.0, and a 2.0.0 published before it is counted. Prereleases only count for a prerelease.
import { isNpmVersion } from '../../shared/package-names';
import { JSON_MAX_BYTES, type Fetcher } from '../fetcher';
import { apiUrl } from '../url';
import { compareSemver, isSemverPrerelease } from '../version-order';
import { nameSegment, parseVersionDoc, type ApiResult, type NpmVersionDoc } from './api';
import { NPM_REGISTRY_ORIGIN } from './hosts';

/** The install ("corgi") form: per version only what `npm install` needs, dist included. */
export const ABBREVIATED_ACCEPT = 'application/vnd.npm.install-v1+json';
export const FULL_ACCEPT = 'application/json';
/** More versions than any 4 MiB packument lists; a bound on work, not a policy. */
const MAX_VERSIONS = 50_000;
/** What the registry writes (`2015-03-24T00:12:24.039Z`); anything looser is not a time to us. */
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;

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

/**
 * When `version` was published, in epoch ms, from the packument's `time` object; null when the
 * packument has no `time`, or none for that version, or one that is not an ISO 8601 timestamp.
 * Only version keys are looked up, so `created` and `modified` are never taken for versions.
 */
function publishedAt(doc: unknown, version: string): number | null {
  if (!isRecord(doc) || !isRecord(doc.time) || !Object.hasOwn(doc.time, version)) return null;
  const raw = doc.time[version];
  if (typeof raw !== 'string' || !ISO_TIME.test(raw)) return null;
  const ms = Date.parse(raw);
  return Number.isFinite(ms) ? ms : null;
}

const bySemverDesc = (a: string, b: string) => compareSemver(b, a) ?? 0;

/**
 * `candidates` published strictly before `current`, nearest first (SemVer breaks ties). A
 * candidate without a readable time cannot be placed before the version on screen, and one
 * published after it (a later backport) is not earlier: both are left out. Null when the
 * current version's own time is unknown: then there is no publish order to follow.
 */
function byPublishTime(doc: unknown, candidates: string[], current: string): string[] | null {
  const currentAt = publishedAt(doc, current);
  if (currentAt === null) return null;
  const dated: { version: string; at: number }[] = [];
  for (const version of candidates) {
    const at = publishedAt(doc, version);
    if (at !== null && at < currentAt) dated.push({ version, at });
  }
  return dated.sort((a, b) => b.at - a.at || bySemverDesc(a.version, b.version)).map((d) => d.version);
}

/** The versions before `currentVersion`, nearest first, at most `max`; unparsable entries are skipped. */
export function earlierNpmVersions(doc: unknown, name: string, currentVersion: string, max: number): ApiResult<NpmVersionDoc[]> {
  const versions = versionsOf(doc, name);
  if (!versions) return { ok: false, code: 'PARSE_SHAPE', message: 'npm packument: not a packument for this package' };
  const keys = Object.keys(versions);
  if (keys.length > MAX_VERSIONS) return { ok: false, code: 'PARSE_SHAPE', message: 'npm packument: too many versions' };
  const withPrereleases = isSemverPrerelease(currentVersion);
  const candidates = keys.filter((v) => v !== currentVersion && isNpmVersion(v) && (withPrereleases || !isSemverPrerelease(v)));
  // Without publish times (a registry that serves none, or the abbreviated form when the full
  // one is too large to read) SemVer order is the best left: the note names the version it
  // compared with, so it stays true, though a backport is then compared with a lower number.
  const earlier =
    byPublishTime(doc, candidates, currentVersion) ??
    candidates.filter((v) => (compareSemver(v, currentVersion) ?? 0) < 0).sort(bySemverDesc);
  const out: NpmVersionDoc[] = [];
  for (const version of earlier) {
    if (out.length >= max) break;
    const parsed = parseVersionDoc(versions[version], name, version);
    if (parsed.ok) out.push(parsed.value);
  }
  return { ok: true, value: out };
}

/**
 * Reads the full packument: registry.npmjs.org leaves `time` out of the abbreviated one (its
 * registry docs list only name, modified, dist-tags and versions), so reading the abbreviated one
 * first cost a round trip before every note. Over 4 MiB the full one fails with FETCH_TOO_LARGE;
 * only then is the abbreviated one read, and used (in its own order: `time` where a registry puts
 * it there, else SemVer) only if it kept the version on screen's attestations. Any other failure:
 * continuity gives up, nothing else (a note in SemVer order must not be remembered for a blip).
 */
export async function fetchEarlierNpmVersions(
  fetcher: Fetcher,
  name: string,
  current: { version: string; attested: boolean },
  max: number,
): Promise<ApiResult<NpmVersionDoc[]>> {
  const url = packumentUrl(name);
  const full = await fetcher(url, { accept: FULL_ACCEPT, maxBytes: JSON_MAX_BYTES });
  if (full.ok) return earlierNpmVersions(full.json, name, current.version, max);
  if (full.code !== 'FETCH_TOO_LARGE') return { ok: false, code: full.code, message: `npm packument: ${full.message}` };
  const abbreviated = await fetcher(url, { accept: ABBREVIATED_ACCEPT, maxBytes: JSON_MAX_BYTES });
  if (!abbreviated.ok) return { ok: false, code: abbreviated.code, message: `npm packument: ${abbreviated.message}` };
  const versions = versionsOf(abbreviated.json, name);
  if (versions !== null && current.attested && !listsAttestations(versions, current.version)) {
    return { ok: false, code: full.code, message: `npm packument: ${full.message}` };
  }
  return earlierNpmVersions(abbreviated.json, name, current.version, max);
}

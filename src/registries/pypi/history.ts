// The releases of a PyPI project before a given one, from the project JSON's `releases` map:
// what publisher continuity compares the version on screen with. Only one file per release is
// looked at (the sdist when there is one): a handful of requests, not a crawl of the history.
import { isPypiName, isPypiVersion, normalizePypiName } from '../../shared/package-names';
import { ACCEPT_JSON, JSON_MAX_BYTES, type Fetcher } from '../fetcher';
import { comparePep440 } from '../version-order';
import { isRecord, parseFile, releaseUrl, type ApiResult, type PypiFile, type PypiRelease } from './api';

/** More releases than a 4 MiB document realistically lists; a bound on work, not a policy. */
const MAX_RELEASES = 20_000;
const MAX_FILES_PER_RELEASE = 500;

interface Listed {
  version: string;
  file: PypiFile;
  /** Epoch ms of the release's first non-yanked upload, when PyPI said. */
  uploaded: number | undefined;
}

function uploadTime(raw: unknown): number | undefined {
  if (!isRecord(raw) || typeof raw.upload_time_iso_8601 !== 'string') return undefined;
  const t = Date.parse(raw.upload_time_iso_8601);
  return Number.isFinite(t) ? t : undefined;
}

/** A release's representative file and upload time; null when it has no usable file. */
function listRelease(version: string, rawFiles: unknown): Listed | null {
  if (!Array.isArray(rawFiles) || rawFiles.length > MAX_FILES_PER_RELEASE) return null;
  const files: { file: PypiFile; uploaded: number | undefined }[] = [];
  for (const raw of rawFiles) {
    // A yanked file is one the maintainers withdrew: it says nothing about who publishes now.
    if (isRecord(raw) && raw.yanked === true) continue;
    const file = parseFile(raw);
    if (file) files.push({ file, uploaded: uploadTime(raw) });
  }
  const chosen = files.find((f) => f.file.packagetype === 'sdist') ?? files[0];
  if (!chosen) return null;
  const times = files.map((f) => f.uploaded);
  const uploaded = times.every((t) => t !== undefined) ? Math.min(...(times as number[])) : undefined;
  return { version, file: chosen.file, uploaded };
}

/**
 * The releases listed before `currentVersion`, nearest first, at most `max`, each with one
 * file. Ordered by upload time when PyPI gives it for every release compared, else by PEP 440.
 */
/**
 * A project document's name (as PyPI spells it) and its `releases` entries, once the document is
 * known to be the requested project's and of a bounded size; shared with the release timeline.
 */
export function projectReleaseEntries(doc: unknown, requestedName: string): ApiResult<{ name: string; entries: [string, unknown][] }> {
  const shape = (message: string) => ({ ok: false as const, code: 'PARSE_SHAPE' as const, message: `PyPI project JSON: ${message}` });
  if (!isRecord(doc) || !isRecord(doc.info) || !isRecord(doc.releases)) return shape('no info or releases');
  const name = doc.info.name;
  if (typeof name !== 'string' || !isPypiName(name) || normalizePypiName(name) !== normalizePypiName(requestedName)) {
    return shape('document is for another project');
  }
  const entries = Object.entries(doc.releases);
  if (entries.length > MAX_RELEASES) return shape('too many releases');
  return { ok: true, value: { name, entries } };
}

export function earlierPypiReleases(doc: unknown, requestedName: string, currentVersion: string, max: number): ApiResult<PypiRelease[]> {
  const project = projectReleaseEntries(doc, requestedName);
  if (!project.ok) return project;
  const { name, entries } = project.value;
  let current: Listed | null = null;
  const others: Listed[] = [];
  for (const [version, files] of entries) {
    if (!isPypiVersion(version)) continue;
    const listed = listRelease(version, files);
    if (!listed) continue;
    if (version === currentVersion) current = listed;
    else others.push(listed);
  }
  const currentTime = current?.uploaded;
  const byTime = currentTime !== undefined && others.every((r) => r.uploaded !== undefined);
  const earlier = byTime
    ? others.filter((r) => (r.uploaded as number) < currentTime).sort((a, b) => (b.uploaded as number) - (a.uploaded as number))
    : others.filter((r) => comparePep440(r.version, currentVersion) < 0).sort((a, b) => comparePep440(b.version, a.version));
  return { ok: true, value: earlier.slice(0, max).map((r) => ({ name, version: r.version, files: [r.file] })) };
}

export async function fetchEarlierPypiReleases(fetcher: Fetcher, name: string, currentVersion: string, max: number): Promise<ApiResult<PypiRelease[]>> {
  const res = await fetcher(releaseUrl(name), { accept: ACCEPT_JSON, maxBytes: JSON_MAX_BYTES });
  if (!res.ok) return { ok: false, code: res.code, message: `PyPI project JSON: ${res.message}` };
  return earlierPypiReleases(res.json, name, currentVersion, max);
}

// Every release of a PyPI project, from the project JSON's `releases` map: each with all its
// files and digests (so a release is verified whole, as on its own page), its upload time, and
// whether it was yanked. The document is hostile like any registry byte: entries that are not
// a release of this project are left out, and a release whose file list is malformed stays in
// the timeline as "couldn't check" rather than vanish or pass for one without provenance.
import { isPypiVersion } from '../../shared/package-names';
import { normalizeName, normalizeVersion, parseDistFilename } from '../../core/python-filename';
import { ACCEPT_JSON, JSON_MAX_BYTES, type Fetcher } from '../fetcher';
import { isRecord, parseFile, releaseUrl, type ApiResult, type PypiFile } from '../pypi/api';
import { projectReleaseEntries } from '../pypi/history';
import { verifyPypiFiles } from '../pypi/release';
import { comparePep440 } from '../version-order';
import { isoOf, newestFirst, timeOf, unreadable, type ListedRelease } from './listed-release';

/** More files than any real release has (numpy ships ~60). */
const MAX_FILES_PER_RELEASE = 500;
/** PEP 440's public version grammar: group 1 is a pre-release phase, group 2 a dev release. */
const PEP440 = /^v?(?:\d+!)?\d+(?:\.\d+)*(?:[-_.]?(a|alpha|b|beta|c|rc|pre|preview)[-_.]?\d*)?(?:[-_.]?(?:post|rev|r)[-_.]?\d*|-\d+)?(?:[-_.]?(dev)[-_.]?\d*)?$/i;

/** A pre-release or dev release (PEP 440); a local label (`+...`) says nothing about it. */
export function isPep440Prerelease(version: string): boolean {
  const match = PEP440.exec(version.trim().split('+')[0] ?? '');
  return match !== null && (match[1] !== undefined || match[2] !== undefined);
}

type Files = { ok: true; files: PypiFile[]; yanked: boolean; uploaded: number | undefined } | { ok: false; message: string };

/** A file of another project or version would be checked, and its signer shown, as this one's. */
function ofRelease(filename: string, name: string, version: string): boolean {
  const parsed = parseDistFilename(filename);
  return !parsed || (parsed.name === normalizeName(name) && parsed.version === normalizeVersion(version));
}

function readFiles(raw: unknown, name: string, version: string): Files {
  if (!Array.isArray(raw) || raw.length > MAX_FILES_PER_RELEASE) return { ok: false, message: 'bad file list' };
  const files: PypiFile[] = [];
  const seen = new Set<string>();
  let yanked = 0;
  let uploaded: number | undefined;
  for (const entry of raw) {
    const file = parseFile(entry);
    if (!file || !isRecord(entry)) return { ok: false, message: 'bad file entry' };
    if (seen.has(file.filename)) return { ok: false, message: `duplicate file ${file.filename}` };
    if (!ofRelease(file.filename, name, version)) return { ok: false, message: `file ${file.filename} is not of ${name} ${version}` };
    seen.add(file.filename);
    files.push(file);
    if (entry.yanked === true) yanked++;
    const at = timeOf(entry.upload_time_iso_8601);
    if (at !== undefined && (uploaded === undefined || at < uploaded)) uploaded = at;
  }
  // PyPI yanks whole releases; a release is shown yanked when every file says so.
  return { ok: true, files, yanked: files.length > 0 && yanked === files.length, uploaded };
}

/** The releases of a project document, newest first (PEP 440 order). */
export function pypiReleasesOf(doc: unknown, requestedName: string): ApiResult<ListedRelease[]> {
  const project = projectReleaseEntries(doc, requestedName);
  if (!project.ok) return project;
  const { name, entries } = project.value;
  const out: ListedRelease[] = [];
  // PyPI stores one spelling per release; a listing with "1.0rc1" and "1.0RC1" is the same
  // release twice (review 5), which would count and show it twice. The first spelling is kept.
  const seen = new Set<string>();
  for (const [version, raw] of entries) {
    if (!isPypiVersion(version)) continue;
    const canonical = normalizeVersion(version);
    if (seen.has(canonical)) continue;
    seen.add(canonical);
    const read = readFiles(raw, name, version);
    // A release without files (all deleted) has nothing to verify and PyPI does not show it.
    if (read.ok && read.files.length === 0) continue;
    const base = { version, prerelease: isPep440Prerelease(version) };
    if (!read.ok) {
      out.push({ ...base, verify: unreadable({ registry: 'pypi', name, version }, 'PARSE_SHAPE', `PyPI project JSON: ${read.message}`) });
      continue;
    }
    const release = { name, version, files: read.files };
    out.push({ ...base, ...isoOf(read.uploaded), ...(read.yanked ? { yanked: true } : {}), verify: (deps) => verifyPypiFiles(release, deps) });
  }
  return { ok: true, value: newestFirst(out, comparePep440) };
}

export async function listPypiReleases(fetcher: Fetcher, name: string): Promise<ApiResult<ListedRelease[]>> {
  const res = await fetcher(releaseUrl(name), { accept: ACCEPT_JSON, maxBytes: JSON_MAX_BYTES });
  if (!res.ok) return { ok: false, code: res.code, message: `PyPI project JSON: ${res.message}` };
  return pypiReleasesOf(res.json, name);
}

// PyPI's Simple API in its JSON form (PEP 691) carries PEP 740's `provenance` key per file: the
// Integrity API URL, or null when the file has none. One request for the project then tells
// which files of a release need an Integrity API request at all. The answer is hostile like any
// registry byte: it only ever saves requests. A URL in it is compared with the one we build,
// never fetched, and whatever it does not say clearly leaves the file to the probe (today's
// one request per file, 404 meaning no provenance).
import { normalizePypiName } from '../../shared/package-names';
import { JSON_MAX_BYTES, type FetchOutcome, type Fetcher } from '../fetcher';
import { apiUrl } from '../url';
import { PYPI_ORIGIN } from './hosts';
import { isRecord, provenanceUrl, type ApiResult, type PypiRelease } from './api';

export const SIMPLE_ACCEPT = 'application/vnd.pypi.simple.v1+json';
/** PEP 740 added `provenance` in version 1.3 of the index API (PEP 629 versioning). */
const PROVENANCE_MINOR = 3;
/** Bounds work on a listing of every file of every release; the byte limit comes first. */
const MAX_LISTED_FILES = 100_000;
const SHA256 = /^[0-9a-fA-F]{64}$/;

/** `none`: the index says the file has no provenance; `fetch`: it names our Integrity API URL. */
export type ProvenanceHint = 'none' | 'fetch';
/** By filename; a file not in the map is probed. */
export type ProvenanceHints = ReadonlyMap<string, ProvenanceHint>;

const NO_HINTS: ProvenanceHints = new Map();

export function simpleUrl(name: string): URL {
  const url = apiUrl(PYPI_ORIGIN, ['simple', normalizePypiName(name)]);
  // PyPI's canonical project URL ends in a slash; without it every request is a redirect.
  url.pathname += '/';
  return url;
}

/** [major, minor] of `meta.api-version`, or null when it is not a version string. */
function apiVersion(doc: Record<string, unknown>): [number, number] | null {
  const raw = isRecord(doc.meta) ? doc.meta['api-version'] : undefined;
  const match = typeof raw === 'string' ? /^(\d{1,4})\.(\d{1,4})$/.exec(raw) : null;
  return match ? [Number(match[1]), Number(match[2])] : null;
}

/** The hint a listed file's `provenance` value gives, or undefined (probe). */
function hintOf(value: unknown, expected: readonly string[], base: URL): ProvenanceHint | undefined {
  if (value === null) return 'none';
  if (typeof value !== 'string' || value.length > 2048) return undefined;
  let resolved: string;
  try {
    // PEP 691 URLs may be relative to the index page; resolving one requests nothing.
    resolved = new URL(value, base).href;
  } catch {
    return undefined;
  }
  return expected.includes(resolved) ? 'fetch' : undefined;
}

/**
 * Reads a Simple API project document against an already-checked release. An answer for
 * another project, or a digest that disagrees with the JSON API's, is PARSE_SHAPE: one of the two
 * is not what PyPI holds. An index too old for `provenance`, or of an unknown major version,
 * gives no hints (every file is probed).
 */
export function provenanceHints(doc: unknown, release: PypiRelease): ApiResult<ProvenanceHints> {
  const shape = (message: string) => ({ ok: false as const, code: 'PARSE_SHAPE' as const, message: `PyPI simple index: ${message}` });
  if (!isRecord(doc)) return { ok: true, value: NO_HINTS };
  const version = apiVersion(doc);
  if (!version || version[0] !== 1) return { ok: true, value: NO_HINTS };
  const project = normalizePypiName(release.name);
  // PEP 691 gives the normalized name; any spelling of the same project is the same project.
  if (typeof doc.name !== 'string' || normalizePypiName(doc.name) !== project) {
    return shape(`document is for ${typeof doc.name === 'string' ? doc.name.slice(0, 64) : 'no project'}`);
  }
  if (!Array.isArray(doc.files) || doc.files.length > MAX_LISTED_FILES) return shape('bad files list');
  const ours = new Map(release.files.map((f) => [f.filename, f]));
  const base = simpleUrl(release.name);
  const hints = new Map<string, ProvenanceHint>();
  const seen = new Set<string>();
  for (const raw of doc.files) {
    // Other releases' entries are none of this page's business; only ours are read.
    const file = isRecord(raw) && typeof raw.filename === 'string' ? ours.get(raw.filename) : undefined;
    if (!file || !isRecord(raw)) continue;
    if (seen.has(file.filename)) return shape(`duplicate file ${file.filename}`);
    seen.add(file.filename);
    const sha256 = isRecord(raw.hashes) ? raw.hashes.sha256 : undefined;
    if (typeof sha256 !== 'string' || !SHA256.test(sha256) || sha256.toLowerCase() !== file.sha256) {
      return shape(`digest of ${file.filename} disagrees with the JSON API`);
    }
    if (version[1] < PROVENANCE_MINOR || !('provenance' in raw)) continue;
    // PyPI names the project in normalized form; we fetch under the JSON API's name. Both are ours.
    const expected = [provenanceUrl(release.name, release.version, file.filename).href, provenanceUrl(project, release.version, file.filename).href];
    const hint = hintOf(raw.provenance, expected, base);
    if (hint) hints.set(file.filename, hint);
  }
  return { ok: true, value: hints };
}

/**
 * The Simple API's project document, asked for by the project's name (any spelling: it is
 * normalized). `early`: asked before anyone knows it will be read, so never retried (FetchInit.once).
 */
export function askProvenanceHints(fetcher: Fetcher, name: string, early = false): Promise<FetchOutcome> {
  return fetcher(simpleUrl(name), { accept: SIMPLE_ACCEPT, maxBytes: JSON_MAX_BYTES, ...(early ? { once: true } : {}) });
}

/**
 * The hints for `release` in the answer to askProvenanceHints (by default asked now). Fetch
 * trouble of any kind gives no hints: the probe still answers, one request per file.
 */
export async function fetchProvenanceHints(fetcher: Fetcher, release: PypiRelease, asked = askProvenanceHints(fetcher, release.name)): Promise<ApiResult<ProvenanceHints>> {
  const res = await asked;
  if (!res.ok) return { ok: true, value: NO_HINTS };
  return provenanceHints(res.json, release);
}

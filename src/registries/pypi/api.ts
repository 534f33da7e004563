// PyPI's JSON API (files and digests of a release) and Integrity API (PEP 740 provenance).
// Every field is validated here: the rest of the worker sees only checked values.
import type { ErrorCode } from '../../core/errors';
import { isPypiName, isPypiVersion, normalizePypiName } from '../../shared/package-names';
import { ACCEPT_JSON, JSON_MAX_BYTES, type Fetcher } from '../fetcher';
import { apiUrl } from '../url';
import { PYPI_ORIGIN } from './hosts';
import { normalizeName, normalizeVersion, parseDistFilename } from '../../core/python-filename';

export interface PypiFile {
  filename: string;
  /** Lower-case hex. */
  sha256: string;
  packagetype: string;
}

export interface PypiRelease {
  name: string;
  version: string;
  files: PypiFile[];
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; code: ErrorCode; message: string };

export const INTEGRITY_ACCEPT = 'application/vnd.pypi.integrity.v1+json';
/** More files than any real release has (numpy ships ~60): a bound, not a policy. */
const MAX_FILES = 500;
const FILENAME = /^[A-Za-z0-9][A-Za-z0-9._+!-]{0,254}$/;
const SHA256 = /^[0-9a-fA-F]{64}$/;

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function shape(message: string): { ok: false; code: ErrorCode; message: string } {
  return { ok: false, code: 'PARSE_SHAPE', message: `PyPI release JSON: ${message}` };
}

export function releaseUrl(name: string, version?: string): URL {
  const segments = version === undefined ? ['pypi', name, 'json'] : ['pypi', name, version, 'json'];
  return apiUrl(PYPI_ORIGIN, segments);
}

export function provenanceUrl(name: string, version: string, filename: string): URL {
  return apiUrl(PYPI_ORIGIN, ['integrity', name, version, filename, 'provenance']);
}

/** One entry of a `urls` or `releases` list; null when any field is off. */
export function parseFile(raw: unknown): PypiFile | null {
  if (!isRecord(raw) || !isRecord(raw.digests)) return null;
  const { filename, packagetype } = raw;
  const sha256 = raw.digests.sha256;
  if (typeof filename !== 'string' || !FILENAME.test(filename) || filename.includes('..')) return null;
  if (typeof sha256 !== 'string' || !SHA256.test(sha256)) return null;
  return { filename, sha256: sha256.toLowerCase(), packagetype: typeof packagetype === 'string' ? packagetype.slice(0, 32) : '' };
}

/**
 * Validates a release document. `requestedName` and `requestedVersion` guard against a response
 * for another project or release: its files would be checked, and shown, as this one's.
 */
export function parseRelease(doc: unknown, requestedName: string, requestedVersion?: string): ApiResult<PypiRelease> {
  if (!isRecord(doc) || !isRecord(doc.info)) return shape('no info object');
  const { name, version } = doc.info;
  if (typeof name !== 'string' || !isPypiName(name)) return shape('bad info.name');
  if (normalizePypiName(name) !== normalizePypiName(requestedName)) return shape(`document is for ${name}`);
  if (typeof version !== 'string' || !isPypiVersion(version)) return shape('bad info.version');
  // PyPI answers /pypi/<name>/<version>/json with that exact version (others redirect), so
  // any other one is not the release asked for; npm's adapter reports it the same way.
  if (requestedVersion !== undefined && version !== requestedVersion) return shape(`document is for version ${version}`);
  if (!Array.isArray(doc.urls) || doc.urls.length > MAX_FILES) return shape('bad urls list');
  const files: PypiFile[] = [];
  const seen = new Set<string>();
  for (const raw of doc.urls) {
    const file = parseFile(raw);
    if (!file) return shape('bad file entry');
    if (seen.has(file.filename)) return shape(`duplicate file ${file.filename}`);
    // A listed file of another project or release would be checked, and its signer shown, as
    // this release's. Filenames that are neither wheel nor sdist (legacy .egg, .exe) carry no
    // provenance and cannot be bound; they pass here and count as files without provenance.
    if (!ofRelease(file.filename, name, version)) return shape(`file ${file.filename} is not of ${name} ${version}`);
    seen.add(file.filename);
    files.push(file);
  }
  return { ok: true, value: { name, version, files } };
}

export async function fetchRelease(fetcher: Fetcher, name: string, version?: string): Promise<ApiResult<PypiRelease>> {
  const res = await fetcher(releaseUrl(name, version), { accept: ACCEPT_JSON, maxBytes: JSON_MAX_BYTES, namesRelease: true });
  if (!res.ok) return { ok: false, code: res.code, message: `PyPI release JSON: ${res.message}` };
  return parseRelease(res.json, name, version);
}

export type ProvenanceResult = { kind: 'found'; doc: unknown } | { kind: 'none' } | { kind: 'error'; code: ErrorCode; message: string };

export async function fetchProvenance(fetcher: Fetcher, name: string, version: string, filename: string): Promise<ProvenanceResult> {
  const res = await fetcher(provenanceUrl(name, version, filename), { accept: INTEGRITY_ACCEPT, maxBytes: JSON_MAX_BYTES, keptByDigest: true });
  if (res.ok) return { kind: 'found', doc: res.json };
  // 404 is PyPI's documented "this file has no provenance"; 403 (admin-disabled) stays an error.
  if (res.status === 404) return { kind: 'none' };
  return { kind: 'error', code: res.code, message: `PyPI Integrity API: ${res.message}` };
}

function ofRelease(filename: string, name: string, version: string): boolean {
  const parsed = parseDistFilename(filename);
  if (!parsed) return true;
  return parsed.name === normalizeName(name) && parsed.version === normalizeVersion(version);
}

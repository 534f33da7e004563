// A PyPI release's verdict: every file's provenance, verified by the core, combined.
// Requests per release page: the JSON API (files and digests); then, when two or more files are
// not already known, the Simple API once (which files have provenance); then the Integrity API
// for each file the index says has provenance, or does not say anything about (the probe). When
// nothing is known of the release yet (AdapterDeps.hintsAhead), the Simple API is asked beside the
// JSON rather than after it: one round trip fewer before the files' requests on every release of
// two files or more (a wheel and an sdist), one request more on a release of a single file.
import type { FileVerdict, PackageRef, PackageVerdict } from '../../core/verdict';
import type { AdapterDeps } from '../adapter';
import { combineFileVerdicts, unavailableVerdict } from '../combine';
import { mapLimit } from '../concurrency';
import { fetchProvenance, fetchRelease, type PypiFile, type PypiRelease } from './api';
import { askProvenanceHints, fetchProvenanceHints, type ProvenanceHint, type ProvenanceHints } from './simple-api';
import type { FetchOutcome } from '../fetcher';

/**
 * Parallel Integrity API requests per release, as many as the fetcher lets through per host
 * (fetch-limited.ts). A file's provenance is one request each (PyPI has no batch call), so on
 * a registry RTT ms away a release waits about files / this many round trips for them.
 */
export const FILE_CONCURRENCY = 64;
/**
 * Below this many files to check, the Simple API cannot save a request (one file: one probe, or
 * one index request plus maybe one fetch), so it is not asked. Continuity's earlier releases,
 * one file each, stay one request apiece.
 */
export const SIMPLE_API_MIN_FILES = 2;

async function verifyFile(release: PypiRelease, file: PypiFile, hint: ProvenanceHint | undefined, deps: AdapterDeps): Promise<FileVerdict> {
  const base = { filename: file.filename, sha256: file.sha256 };
  // PyPI's own index says this file has no provenance: the probe's 404 would say the same.
  if (hint === 'none') return { ...base, verdict: { status: 'none' } };
  const res = await fetchProvenance(deps.fetcher, release.name, release.version, file.filename);
  if (res.kind === 'none') return { ...base, verdict: { status: 'none' } };
  if (res.kind === 'error') return { ...base, verdict: { status: 'unavailable', code: res.code, message: res.message } };
  const verdict = await deps.verifiers.verifyPypiProvenance(res.doc, { filename: file.filename, sha256: file.sha256 }, deps.trust);
  return { ...base, verdict };
}

/** Verifies the files of an already-fetched release document; `hintsAsked`: the Simple API's answer, if asked already. */
export async function verifyPypiFiles(release: PypiRelease, deps: AdapterDeps, hintsAsked?: Promise<FetchOutcome>): Promise<PackageVerdict> {
  const pkg = { registry: 'pypi' as const, name: release.name, version: release.version };
  const known = await Promise.all(release.files.map((f) => deps.known?.({ registry: 'pypi', digest: f.sha256, subject: f.filename })));
  const unknown = known.filter((k) => k === undefined).length;
  let hints: ProvenanceHints = new Map();
  if (unknown >= SIMPLE_API_MIN_FILES) {
    const res = await fetchProvenanceHints(deps.fetcher, release, hintsAsked);
    if (!res.ok) return unavailableVerdict(pkg, res.code, res.message, deps.now());
    hints = res.value;
  }
  const files = await mapLimit(release.files, FILE_CONCURRENCY, async (file, i): Promise<FileVerdict> => {
    const verdict = known[i];
    if (verdict) return { filename: file.filename, sha256: file.sha256, verdict };
    return verifyFile(release, file, hints.get(file.filename), deps);
  });
  // A release with no files has nothing that could carry provenance: combine gives `none`.
  return combineFileVerdicts(pkg, files, deps.now());
}

export async function verifyPypiRelease(pkg: PackageRef, deps: AdapterDeps): Promise<PackageVerdict> {
  const hints = deps.hintsAhead === true ? askProvenanceHints(deps.fetcher, pkg.name, true) : undefined;
  // Unread when the release turns out to need no hints (or its JSON fails): it must not go unhandled.
  hints?.catch(() => undefined);
  const release = await fetchRelease(deps.fetcher, pkg.name, pkg.version);
  if (!release.ok) return unavailableVerdict(pkg, release.code, release.message, deps.now());
  return verifyPypiFiles(release.value, deps, hints);
}

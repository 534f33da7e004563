// A PyPI release's verdict: every file's provenance, verified by the core, combined.
import type { FileVerdict, PackageRef, PackageVerdict } from '../../core/verdict';
import type { AdapterDeps } from '../adapter';
import { combineFileVerdicts, unavailableVerdict } from '../combine';
import { mapLimit } from '../concurrency';
import { fetchProvenance, fetchRelease, type PypiFile, type PypiRelease } from './api';

/** Parallel Integrity API requests per release; the fetcher adds its own per-host cap. */
export const FILE_CONCURRENCY = 6;

async function verifyFile(release: PypiRelease, file: PypiFile, deps: AdapterDeps): Promise<FileVerdict> {
  const base = { filename: file.filename, sha256: file.sha256 };
  const known = await deps.known?.({ registry: 'pypi', digest: file.sha256, subject: file.filename });
  if (known) return { ...base, verdict: known };
  const res = await fetchProvenance(deps.fetcher, release.name, release.version, file.filename);
  if (res.kind === 'none') return { ...base, verdict: { status: 'none' } };
  if (res.kind === 'error') return { ...base, verdict: { status: 'unavailable', code: res.code, message: res.message } };
  const verdict = await deps.verifiers.verifyPypiProvenance(res.doc, { filename: file.filename, sha256: file.sha256 }, deps.trust);
  return { ...base, verdict };
}

/** Verifies the files of an already-fetched release document. */
export async function verifyPypiFiles(release: PypiRelease, deps: AdapterDeps): Promise<PackageVerdict> {
  const files = await mapLimit(release.files, FILE_CONCURRENCY, (file) => verifyFile(release, file, deps));
  // A release with no files has nothing that could carry provenance: combine gives `none`.
  return combineFileVerdicts({ registry: 'pypi', name: release.name, version: release.version }, files, deps.now());
}

export async function verifyPypiRelease(pkg: PackageRef, deps: AdapterDeps): Promise<PackageVerdict> {
  const release = await fetchRelease(deps.fetcher, pkg.name, pkg.version);
  if (!release.ok) return unavailableVerdict(pkg, release.code, release.message, deps.now());
  return verifyPypiFiles(release.value, deps);
}

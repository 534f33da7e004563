// A real PyPI release served by a fake registry: the JSON API (the "latest" document and the
// release's own) and the Simple API list its files with the real digests of the shared fixtures'
// dists.json; a file given a provenance document is served it by the Integrity API, the others
// are listed without one.
import { readFixtureJson } from '../../testing/fixtures';
import { provenanceUrl, releaseUrl } from '../pypi/api';
import { simpleUrl } from '../pypi/simple-api';

type Dists = { distributions: { filename: string; sha256: string }[] };

/** A distribution's real sha256, from `pypi/<project>/dists.json`. */
export function realSha256(project: string, filename: string): string {
  const found = readFixtureJson<Dists>(`pypi/${project}/dists.json`).distributions.find((d) => d.filename === filename);
  if (found === undefined) throw new Error(`no ${filename} in pypi/${project}/dists.json`);
  return found.sha256;
}

export function realPypiRelease(project: string, version: string, files: { filename: string; provenance?: unknown }[]): Record<string, unknown> {
  return pypiReleaseRoutes(project, version, files.map((f) => ({ ...f, sha256: realSha256(project, f.filename) })));
}

/** The same routes for any digests (test-CA releases: bench/round-trips.ts). */
export function pypiReleaseRoutes(project: string, version: string, files: { filename: string; sha256: string; provenance?: unknown }[]): Record<string, unknown> {
  const json = { info: { name: project, version }, urls: files.map((f) => ({ filename: f.filename, packagetype: 'sdist', digests: { sha256: f.sha256 } })) };
  const routes: Record<string, unknown> = {
    [releaseUrl(project).href]: json,
    [releaseUrl(project, version).href]: json,
    [simpleUrl(project).href]: {
      meta: { 'api-version': '1.4' },
      name: project,
      files: files.map((f) => ({ filename: f.filename, hashes: { sha256: f.sha256 }, provenance: f.provenance === undefined ? null : provenanceUrl(project, version, f.filename).href })),
    },
  };
  for (const f of files) if (f.provenance !== undefined) routes[provenanceUrl(project, version, f.filename).href] = f.provenance;
  return routes;
}

/** A PyPI Integrity API answer: its attestation bundles, each of one publisher. */
export type IntegrityDocument = { version: number; attestation_bundles: { publisher: Record<string, unknown>; attestations: unknown[] }[] };

/**
 * The Integrity API answers of sampleproject, from the shared fixtures: 4.0.0's sdist (as PyPI
 * serves it) and wheel (its real attestation, under the release's GitHub publisher: the
 * publisher is unsigned and checked against the certificate), and 3.0.0's sdist (Google). Fresh
 * objects on every call: tests mutate them.
 */
export function sampleprojectProvenance(): { sdist: IntegrityDocument; wheel: IntegrityDocument; old: IntegrityDocument } {
  const sdist = readFixtureJson<IntegrityDocument>('pypi/sampleproject/sampleproject-4.0.0.tar.gz.provenance');
  const wheel: IntegrityDocument = { version: 1, attestation_bundles: [{ publisher: sdist.attestation_bundles[0]!.publisher, attestations: [readFixtureJson('pypi/sampleproject/sampleproject-4.0.0-py3-none-any.whl.attestation.json')] }] };
  const old: IntegrityDocument = {
    version: 1,
    attestation_bundles: [{ publisher: { kind: 'Google', email: '919436158236-compute@developer.gserviceaccount.com' }, attestations: [readFixtureJson('pypi/sampleproject/sampleproject-3.0.0.tar.gz.publish.attestation')] }],
  };
  return { sdist, wheel, old };
}

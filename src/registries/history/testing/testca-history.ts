// Generated release histories signed by the test Sigstore instance, as registry routes (URL ->
// JSON, the fake fetcher's table): a PyPI project (files per release, yanked releases, upload
// times) or an npm package (publish times, deprecated versions). Each file's identity is the
// test's choice: null for a file without provenance.
import { NPM_REGISTRY_ORIGIN } from '../../npm/hosts';
import { PYPI_ORIGIN } from '../../pypi/hosts';
import type { FakeRoute } from '../../testing/fake-fetcher';
import { fakeIntegrity, fakeSha256, type IdentitySpec, type TestSigstore } from '../../../testing/testca/index';

export interface HistoryRelease {
  version: string;
  /** The signer of each file (PyPI: the sdist, then wheels); npm uses the first. null: none. */
  files: (IdentitySpec | null)[];
  yanked?: boolean;
  /** npm's deprecation message. */
  deprecated?: string;
}

/** A stand-in time per position: releases listed oldest first, a day apart. */
const dayOf = (index: number) => new Date(Date.UTC(2023, 0, 1 + index, 12)).toISOString();

/** Distribution file names of a release: an sdist, then one wheel per further file. */
export function pypiFilenames(name: string, version: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => (i === 0 ? `${name}-${version}.tar.gz` : `${name}-${version}-py${i + 1}-none-any.whl`));
}

/** `releases` oldest first; `name` without dashes (distribution names would need normalising). */
export function pypiHistoryRoutes(ts: TestSigstore, name: string, releases: readonly HistoryRelease[]): Record<string, FakeRoute> {
  const at = (path: string) => new URL(path, PYPI_ORIGIN).href;
  const routes: Record<string, FakeRoute> = {};
  const listing: Record<string, unknown[]> = {};
  releases.forEach((release, index) => {
    const filenames = pypiFilenames(name, release.version, release.files.length);
    listing[release.version] = release.files.map((identity, i) => {
      const filename = filenames[i] as string;
      const sha256 = fakeSha256(`${name}:${filename}`);
      if (identity) {
        const attestation = ts.pypiAttestation({ filename, sha256, identity });
        routes[at(`/integrity/${name}/${release.version}/${filename}/provenance`)] = ts.pypiProvenance({ publisher: identity, attestations: [attestation] });
      }
      const packagetype = i === 0 ? 'sdist' : 'bdist_wheel';
      return { filename, packagetype, digests: { sha256 }, upload_time_iso_8601: dayOf(index), yanked: release.yanked === true };
    });
  });
  const latest = releases.at(-1)?.version ?? '0';
  routes[at(`/pypi/${name}/json`)] = { info: { name, version: latest }, releases: listing };
  return routes;
}

/** `releases` oldest first; the full packument with `time`, as registry.npmjs.org serves it. */
export function npmHistoryRoutes(ts: TestSigstore, name: string, releases: readonly HistoryRelease[]): Record<string, FakeRoute> {
  const at = (path: string) => new URL(path, NPM_REGISTRY_ORIGIN).href;
  const routes: Record<string, FakeRoute> = {};
  const versions: Record<string, unknown> = {};
  const time: Record<string, string> = { created: dayOf(0), modified: dayOf(releases.length) };
  releases.forEach(({ version, files, deprecated }, index) => {
    const identity = files[0] ?? null;
    const integrity = fakeIntegrity(`${name}@${version}`);
    const spec = { name, version, integrity };
    const dist: Record<string, unknown> = { integrity, tarball: at(`/${name}/-/${name}-${version}.tgz`), signatures: [ts.npmRegistrySignature(spec)] };
    if (identity) {
      dist.attestations = { url: at(`/-/npm/v1/attestations/${name}@${version}`), provenance: { predicateType: 'https://slsa.dev/provenance/v1' } };
      routes[at(`/-/npm/v1/attestations/${name}@${version}`)] = ts.npmAttestations({ ...spec, identity });
    }
    versions[version] = { name, version, dist, ...(deprecated !== undefined ? { deprecated } : {}) };
    time[version] = dayOf(index);
  });
  routes[at(`/${name}`)] = { name, versions, time };
  return routes;
}

/** `count` releases `1.0.<i>` oldest first, every one signed by `identity` (one file each). */
export function steadyHistory(count: number, identity: IdentitySpec): HistoryRelease[] {
  return Array.from({ length: count }, (_, i) => ({ version: `1.0.${i}`, files: [identity] }));
}

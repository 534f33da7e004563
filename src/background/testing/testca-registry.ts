// Registry documents served by a fake fetcher, signed by the generated test Sigstore instance:
// a PyPI project or an npm package whose releases are signed by identities a test chooses
// (null = a release without provenance).
import { createTrustContext } from '../../core/index';
import type { TrustContext } from '../../core/api';
import { NPM_REGISTRY_ORIGIN } from '../../registries/npm/hosts';
import { PYPI_ORIGIN } from '../../registries/pypi/hosts';
import type { FakeRoute } from '../../registries/testing/fake-fetcher';
import { fakeIntegrity, fakeSha256, type IdentitySpec, type TestSigstore } from '../../testing/testca/index';

export interface TestRelease {
  version: string;
  identity: IdentitySpec | null;
}

export function testTrust(ts: TestSigstore): TrustContext {
  return createTrustContext({ trustedRoot: ts.trustedRoot, npmKeys: ts.npmKeys });
}

/** Releases in upload order (one sdist each); the last one is the latest. */
export function pypiProjectRoutes(ts: TestSigstore, name: string, releases: TestRelease[]): Record<string, FakeRoute> {
  const at = (path: string) => new URL(path, PYPI_ORIGIN).href;
  const latest = releases.at(-1)?.version ?? '0';
  const routes: Record<string, FakeRoute> = {};
  const listing: Record<string, unknown[]> = {};
  releases.forEach(({ version, identity }, i) => {
    const filename = `${name}-${version}.tar.gz`;
    const sha256 = fakeSha256(`${name}-${version}`);
    const file = { filename, packagetype: 'sdist', digests: { sha256 }, upload_time_iso_8601: new Date(Date.UTC(2024, 0, 1 + i)).toISOString() };
    listing[version] = [file];
    routes[at(`/pypi/${name}/${version}/json`)] = { info: { name, version }, urls: [file] };
    if (identity) {
      const attestation = ts.pypiAttestation({ filename, sha256, identity });
      routes[at(`/integrity/${name}/${version}/${filename}/provenance`)] = ts.pypiProvenance({ publisher: identity, attestations: [attestation] });
    }
  });
  // As PyPI's project JSON: the latest release's files in `urls`, every release's in `releases`.
  routes[at(`/pypi/${name}/json`)] = { info: { name, version: latest }, urls: listing[latest] ?? [], releases: listing };
  return routes;
}

/** npm versions with attestations (GitHub identities only: that is what npm provenance is). */
export function npmPackageRoutes(ts: TestSigstore, name: string, releases: TestRelease[]): Record<string, FakeRoute> {
  const at = (path: string) => new URL(path, NPM_REGISTRY_ORIGIN).href;
  const routes: Record<string, FakeRoute> = {};
  const versions: Record<string, unknown> = {};
  for (const { version, identity } of releases) {
    const integrity = fakeIntegrity(`${name}@${version}`);
    const spec = { name, version, integrity };
    const dist: Record<string, unknown> = { integrity, tarball: at(`/${name}/-/${name}-${version}.tgz`), signatures: [ts.npmRegistrySignature(spec)] };
    if (identity) {
      dist.attestations = { url: at(`/-/npm/v1/attestations/${name}@${version}`), provenance: { predicateType: 'https://slsa.dev/provenance/v1' } };
      routes[at(`/-/npm/v1/attestations/${name}@${version}`)] = ts.npmAttestations({ ...spec, identity });
    }
    versions[version] = { name, version, dist };
    routes[at(`/${name}/${version}`)] = versions[version];
  }
  routes[at(`/${name}`)] = { name, versions };
  return routes;
}

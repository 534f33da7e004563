// The adapters end to end over the REAL shared fixtures with the real core: only the network
// is faked, serving the registries' real response bodies at the URLs the adapters build.
import { expect, it } from 'vitest';
import { createTrustContext, verifyNpmAttestations, verifyPypiProvenance } from '../core/index';
import { describeRealData, readFixtureJson } from '../testing/fixtures';
import type { AdapterDeps } from './adapter';
import { verifyNpmVersion } from './npm/version';
import { verifyPypiRelease } from './pypi/release';
import { fakeFetcher, type FakeRoute } from './testing/fake-fetcher';

interface Dists {
  distributions: { filename: string; sha256: string }[];
}

function deps(routes: Record<string, FakeRoute>): AdapterDeps {
  const trust = createTrustContext({
    trustedRoot: readFixtureJson('sigstore/trusted_root.json'),
    npmKeys: readFixtureJson('sigstore/npm-registry-keys.json'),
  });
  return { fetcher: fakeFetcher(routes), verifiers: { verifyPypiProvenance, verifyNpmAttestations }, trust, now: () => 0 };
}

/** A JSON API release document listing the named files with their real digests from dists.json. */
function releaseRoutes(project: string, version: string, files: { dists: string; filename: string; provenance?: string; sha256?: string }[]) {
  const urls = files.map(({ dists, filename, sha256 }) => {
    if (sha256) return { filename, packagetype: 'bdist_wheel', digests: { sha256 } };
    const dist = readFixtureJson<Dists>(dists).distributions.find((d) => d.filename === filename);
    if (!dist) throw new Error(`${filename} not in ${dists}`);
    return { filename, packagetype: filename.endsWith('.whl') ? 'bdist_wheel' : 'sdist', digests: { sha256: dist.sha256 } };
  });
  const routes: Record<string, FakeRoute> = { [`https://pypi.org/pypi/${project}/${version}/json`]: { info: { name: project, version }, urls } };
  for (const f of files) {
    if (f.provenance) routes[`https://pypi.org/integrity/${project}/${version}/${f.filename}/provenance`] = readFixtureJson(f.provenance);
  }
  return routes;
}

describeRealData('PyPI adapter over real provenance', () => {
  const sdist = { dists: 'pypi/pypi-attestations/dists.json', filename: 'pypi_attestations-0.0.19.tar.gz', provenance: 'pypi/pypi-attestations/pypi_attestations-0.0.19.tar.gz.provenance' };

  it('pypi-attestations 0.0.19 is verified, built by trailofbits/pypi-attestations', async () => {
    const v = await verifyPypiRelease({ registry: 'pypi', name: 'pypi-attestations', version: '0.0.19' }, deps(releaseRoutes('pypi-attestations', '0.0.19', [sdist])));
    expect(v).toMatchObject({ status: 'verified', identity: { repository: 'trailofbits/pypi-attestations' } });
  });

  it('sampleproject 4.0.0: sdist and wheel both verified, built by pypa/sampleproject', async () => {
    const dists = 'pypi/sampleproject/dists.json';
    const routes = releaseRoutes('sampleproject', '4.0.0', [
      { dists, filename: 'sampleproject-4.0.0.tar.gz', provenance: 'pypi/sampleproject/sampleproject-4.0.0.tar.gz.provenance' },
      // The wheel's real attestation object (the core also takes a bare PEP 740 attestation).
      { dists, filename: 'sampleproject-4.0.0-py3-none-any.whl', provenance: 'pypi/sampleproject/sampleproject-4.0.0-py3-none-any.whl.attestation.json' },
    ]);
    const v = await verifyPypiRelease({ registry: 'pypi', name: 'sampleproject', version: '4.0.0' }, deps(routes));
    expect(v).toMatchObject({ status: 'verified', identity: { repository: 'pypa/sampleproject' } });
    expect(v.files.map((f) => f.verdict.status)).toEqual(['verified', 'verified']);
  });

  it('is partial when another file of the release has no provenance (404)', async () => {
    // Synthetic: a wheel of the same release listed beside the real sdist, with no provenance served.
    const wheel = { dists: '', filename: 'pypi_attestations-0.0.19-py3-none-any.whl', sha256: 'ab'.repeat(32) };
    const v = await verifyPypiRelease({ registry: 'pypi', name: 'pypi-attestations', version: '0.0.19' }, deps(releaseRoutes('pypi-attestations', '0.0.19', [sdist, wheel])));
    expect(v).toMatchObject({ status: 'partial', verifiedCount: 1, totalCount: 2 });
  });

  it("refuses a release document that lists another project's real, validly signed file", async () => {
    // Two real files of different publishers under one release: the adapter refuses the listing
    // before any file is judged (its signer would be shown as this release's). Two publishers
    // within one real release are judged in inconsistent.test.ts, with test-CA files.
    const other = { dists: 'pypi/sigstore/dists.json', filename: 'sigstore-3.6.1.tar.gz', provenance: 'pypi/sigstore/sigstore-3.6.1.tar.gz.provenance' };
    const v = await verifyPypiRelease({ registry: 'pypi', name: 'pypi-attestations', version: '0.0.19' }, deps(releaseRoutes('pypi-attestations', '0.0.19', [sdist, other])));
    expect(v).toMatchObject({ status: 'unavailable', code: 'PARSE_SHAPE' });
  });

  it('is invalid when the registry digest differs from the attested one', async () => {
    const routes = releaseRoutes('pypi-attestations', '0.0.19', [sdist]);
    const doc = routes['https://pypi.org/pypi/pypi-attestations/0.0.19/json'] as { urls: { digests: { sha256: string } }[] };
    doc.urls[0]!.digests.sha256 = '0'.repeat(64);
    const v = await verifyPypiRelease({ registry: 'pypi', name: 'pypi-attestations', version: '0.0.19' }, deps(routes));
    expect(v).toMatchObject({ status: 'invalid' });
    expect(v.status === 'invalid' && v.code.startsWith('SUBJECT_')).toBe(true);
    // PyPI's page still shows this file's attestations: the verdict says so, and why they differ.
    expect(v.registryNote).toMatch(/^PyPI's page shows attestations for pypi_attestations-0\.0\.19\.tar\.gz, as uploaded\..* it does not verify\.$/);
  });

  it('has no registry note when PyPI and this check agree', async () => {
    const v = await verifyPypiRelease({ registry: 'pypi', name: 'pypi-attestations', version: '0.0.19' }, deps(releaseRoutes('pypi-attestations', '0.0.19', [sdist])));
    expect(v.status).toBe('verified');
    expect(v.registryNote).toBeUndefined();
  });
});

describeRealData('npm adapter over real attestations', () => {
  const base = 'https://registry.npmjs.org';
  /** The real version document; dist.attestations added where the harvested copy lacks it (see MANIFEST). */
  function npmRoutes(name: string, version: string, dir: string, attestations?: string): Record<string, FakeRoute> {
    const doc = readFixtureJson<{ dist: Record<string, unknown> }>(`${dir}/${name.split('/').pop()}@${version}.version.json`);
    doc.dist.attestations ??= { url: `${base}/-/npm/v1/attestations/${name}@${version}`, provenance: { predicateType: 'https://slsa.dev/provenance/v1' } };
    const routes: Record<string, FakeRoute> = { [`${base}/${name}/${version}`]: doc };
    if (attestations) routes[`${base}/-/npm/v1/attestations/${name}@${version}`] = readFixtureJson(`${dir}/${attestations}`);
    return routes;
  }
  const sigstore = { registry: 'npm' as const, name: 'sigstore', version: '2.3.1' };

  it('sigstore@2.3.1 is verified', async () => {
    const v = await verifyNpmVersion(sigstore, deps(npmRoutes('sigstore', '2.3.1', 'npm/sigstore', 'sigstore@2.3.1.attestations.json')));
    expect(v).toMatchObject({ status: 'verified', files: [{ filename: 'sigstore-2.3.1.tgz' }] });
  });

  it('sigstore@1.0.0 (with real registry signatures) is verified', async () => {
    const v = await verifyNpmVersion({ ...sigstore, version: '1.0.0' }, deps(npmRoutes('sigstore', '1.0.0', 'npm/sigstore', 'sigstore@1.0.0.attestations.json')));
    expect(v).toMatchObject({ status: 'verified' });
  });

  it.each(['tampered-provenance', 'tampered-publish'])('the %s response is invalid', async (kind) => {
    const v = await verifyNpmVersion(sigstore, deps(npmRoutes('sigstore', '2.3.1', 'npm/sigstore', `sigstore@2.3.1.attestations.${kind}.json`)));
    expect(v.status).toBe('invalid');
    // npm's page shows no attestations of its own to disagree with.
    expect(v.registryNote).toBeUndefined();
  });

  it('a scoped package is fetched as @scope%2fname and verified', async () => {
    const name = '@trishankatdatadog/supreme-goggles';
    const dir = 'npm/@trishankatdatadog/supreme-goggles';
    const doc = readFixtureJson<{ dist: Record<string, unknown> }>(`${dir}/supreme-goggles@1.0.5.version.json`);
    doc.dist.attestations = { url: 'added: the harvested copy lacks it', provenance: { predicateType: 'https://slsa.dev/provenance/v0.2' } };
    const routes = {
      [`${base}/@trishankatdatadog%2fsupreme-goggles/1.0.5`]: doc,
      [`${base}/-/npm/v1/attestations/@trishankatdatadog%2fsupreme-goggles@1.0.5`]: readFixtureJson(`${dir}/supreme-goggles@1.0.5.attestations.json`),
    };
    const v = await verifyNpmVersion({ registry: 'npm', name, version: '1.0.5' }, deps(routes));
    expect(v).toMatchObject({ status: 'verified', files: [{ filename: 'supreme-goggles-1.0.5.tgz' }] });
  });

  it("a 404 from the attestations endpoint of a version that lists attestations is couldn't-check, not none", async () => {
    expect(await verifyNpmVersion(sigstore, deps(npmRoutes('sigstore', '2.3.1', 'npm/sigstore')))).toMatchObject({
      status: 'unavailable',
      code: 'FETCH_NOT_FOUND',
    });
  });
});

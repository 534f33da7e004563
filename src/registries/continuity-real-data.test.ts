// Publisher continuity over REAL multi-version data with the real core. Only the network is
// faked: registry listings are authored from the fixtures' version documents and dists.json,
// and the attestation bodies are the real ones.
import { expect, it } from 'vitest';
import { createTrustContext, verifyNpmAttestations, verifyPypiProvenance } from '../core/index';
import type { PackageVerdict } from '../core/verdict';
import { describeRealData, readFixtureJson } from '../testing/fixtures';
import type { AdapterDeps } from './adapter';
import { continuityFor } from './continuity';
import { verifyNpmVersion } from './npm/version';
import { NPM_REGISTRY_ORIGIN } from './npm/hosts';
import { verifyPypiRelease } from './pypi/release';
import { PYPI_ORIGIN } from './pypi/hosts';
import { fakeFetcher, type FakeFetcher, type FakeRoute } from './testing/fake-fetcher';

const SLSA_V1 = 'https://slsa.dev/provenance/v1';
const SLSA_V02 = 'https://slsa.dev/provenance/v0.2';
const NPM_PUBLISH = 'https://github.com/npm/attestation/tree/main/specs/publish/v0.1';

function deps(routes: Record<string, FakeRoute>): AdapterDeps & { fetcher: FakeFetcher } {
  const trust = createTrustContext({
    trustedRoot: readFixtureJson('sigstore/trusted_root.json'),
    npmKeys: readFixtureJson('sigstore/npm-registry-keys.json'),
  });
  return { fetcher: fakeFetcher(routes), verifiers: { verifyPypiProvenance, verifyNpmAttestations }, trust, now: () => 0 };
}

describeRealData('continuity over real npm data: sigstore', () => {
  const npm = (path: string) => new URL(path, NPM_REGISTRY_ORIGIN).href;
  /** The real version document; dist.attestations added where the harvested copy lacks it (see MANIFEST). */
  function versionDoc(version: string, predicateType: string): Record<string, unknown> {
    const doc = readFixtureJson<{ dist: Record<string, unknown> }>(`npm/sigstore/sigstore@${version}.version.json`);
    doc.dist.attestations ??= { url: npm(`/-/npm/v1/attestations/sigstore@${version}`), provenance: { predicateType } };
    return doc;
  }
  const bundle = (file: string) => readFixtureJson(`npm/sigstore/${file}`);
  // 2.0.0 ships only its provenance bundle and 1.3.0 its two bundles: the responses are composed.
  const attestations: Record<string, unknown> = {
    '2.3.1': readFixtureJson('npm/sigstore/sigstore@2.3.1.attestations.json'),
    '2.0.0': { attestations: [{ predicateType: SLSA_V1, bundle: bundle('sigstore@2.0.0.provenance.sigstore.json') }] },
    '1.3.0': {
      attestations: [
        { predicateType: NPM_PUBLISH, bundle: bundle('sigstore@1.3.0.publish.sigstore.json') },
        { predicateType: SLSA_V02, bundle: bundle('sigstore@1.3.0.provenance.sigstore.json') },
      ],
    },
    '1.0.0': readFixtureJson('npm/sigstore/sigstore@1.0.0.attestations.json'),
  };
  const predicates: Record<string, string> = { '2.3.1': SLSA_V1, '2.0.0': SLSA_V1, '1.3.0': SLSA_V02, '1.0.0': SLSA_V02 };

  function routes(listed: string[]): Record<string, FakeRoute> {
    const versions = Object.fromEntries(listed.map((v) => [v, versionDoc(v, predicates[v] ?? SLSA_V1)]));
    const out: Record<string, FakeRoute> = { [npm('/sigstore')]: { name: 'sigstore', versions } };
    for (const v of listed) {
      out[npm(`/sigstore/${v}`)] = versions[v];
      out[npm(`/-/npm/v1/attestations/sigstore@${v}`)] = attestations[v];
    }
    return out;
  }

  async function check(version: string, listed: string[]) {
    const d = deps(routes(listed));
    const verdict = await verifyNpmVersion({ registry: 'npm', name: 'sigstore', version }, d);
    const found = await continuityFor(verdict, d);
    return { verdict, found, requests: d.fetcher.requests.map((r) => r.url) };
  }

  it('2.3.1 after 2.0.0, 1.3.0 and 1.0.0: same publisher, no note, and only 2.0.0 is checked', async () => {
    const { verdict, found, requests } = await check('2.3.1', ['1.0.0', '1.3.0', '2.0.0', '2.3.1']);
    expect(verdict).toMatchObject({ status: 'verified', identity: { repository: 'sigstore/sigstore-js' } });
    expect(found?.note).toBeUndefined();
    expect(found?.checked.map((v) => [v.pkg.version, v.status])).toEqual([['2.0.0', 'verified']]);
    expect(requests.filter((u) => u.includes('/attestations/'))).toEqual([npm('/-/npm/v1/attestations/sigstore@2.3.1'), npm('/-/npm/v1/attestations/sigstore@2.0.0')]);
  });

  it('1.3.0 after 1.0.0: the real history changed workflow publish.yml -> release.yml, and the note says so', async () => {
    // True of the real certificates: 1.0.0 was built by publish.yml, 1.3.0 by release.yml, both
    // in sigstore/sigstore-js (1.0.0's certificate predates the repository-id extension).
    const { verdict, found } = await check('1.3.0', ['1.0.0', '1.3.0']);
    expect(verdict.status).toBe('verified');
    expect(found?.note).toMatchObject({
      kind: 'publisher-changed',
      field: 'workflowPath',
      from: '.github/workflows/publish.yml',
      to: '.github/workflows/release.yml',
      previousVersion: '1.0.0',
      previous: { repository: 'sigstore/sigstore-js' },
    });
  });
});

describeRealData('continuity over real PyPI data: pypi-attestations', () => {
  const pypi = (path: string) => new URL(path, PYPI_ORIGIN).href;
  const dists = readFixtureJson<{ distributions: { filename: string; sha256: string }[] }>('pypi/pypi-attestations/dists.json').distributions;
  const digest = (filename: string) => dists.find((d) => d.filename === filename)?.sha256 ?? '';
  // Authored listing: the real files and digests; upload times stand in from the Rekor entries.
  const releases: Record<string, { filename: string; provenance: string; uploaded: string }> = {
    '0.0.16': { filename: 'pypi_attestations-0.0.16.tar.gz', provenance: 'pypi_attestations-0.0.16.tar.gz.attestation', uploaded: '2024-11-07T22:43:26Z' },
    '0.0.19': { filename: 'pypi_attestations-0.0.19.tar.gz', provenance: 'pypi_attestations-0.0.19.tar.gz.provenance', uploaded: '2024-12-04T23:14:01Z' },
    '0.0.30': { filename: 'pypi_attestations-0.0.30-py3-none-any.whl', provenance: 'pypi_attestations-0.0.30-py3-none-any.whl.provenance.json', uploaded: '2025-06-01T00:00:00Z' },
  };
  const fileEntry = (r: { filename: string; uploaded: string }) => ({
    filename: r.filename,
    packagetype: r.filename.endsWith('.whl') ? 'bdist_wheel' : 'sdist',
    digests: { sha256: digest(r.filename) },
    upload_time_iso_8601: r.uploaded,
    yanked: false,
  });

  function routes(without: string[] = []): Record<string, FakeRoute> {
    const out: Record<string, FakeRoute> = {
      [pypi('/pypi/pypi-attestations/json')]: {
        info: { name: 'pypi-attestations', version: '0.0.30' },
        releases: Object.fromEntries(Object.entries(releases).map(([v, r]) => [v, [fileEntry(r)]])),
      },
    };
    for (const [version, r] of Object.entries(releases)) {
      out[pypi(`/pypi/pypi-attestations/${version}/json`)] = { info: { name: 'pypi-attestations', version }, urls: [fileEntry(r)] };
      if (!without.includes(version)) {
        out[pypi(`/integrity/pypi-attestations/${version}/${r.filename}/provenance`)] = readFixtureJson(`pypi/pypi-attestations/${r.provenance}`);
      }
    }
    return out;
  }

  async function check(without: string[] = []) {
    const d = deps(routes(without));
    const verdict: PackageVerdict = await verifyPypiRelease({ registry: 'pypi', name: 'pypi-attestations', version: '0.0.30' }, d);
    return { verdict, found: await continuityFor(verdict, d) };
  }

  it('0.0.30 after 0.0.19: the trailofbits -> pypi transfer keeps the repository id, so no note', async () => {
    const { verdict, found } = await check();
    expect(verdict).toMatchObject({ status: 'verified', identity: { repository: 'pypi/pypi-attestations' } });
    expect(found?.checked.map((v) => [v.pkg.version, v.status])).toEqual([['0.0.19', 'verified']]);
    expect(found?.checked[0]).toMatchObject({ identity: { repository: 'trailofbits/pypi-attestations' } });
    expect(found?.note).toBeUndefined();
  });

  it('looks past an earlier release without provenance to 0.0.16, still no note', async () => {
    const { found } = await check(['0.0.19']);
    expect(found?.checked.map((v) => [v.pkg.version, v.status])).toEqual([
      ['0.0.19', 'none'],
      ['0.0.16', 'verified'],
    ]);
    expect(found?.note).toBeUndefined();
  });
});

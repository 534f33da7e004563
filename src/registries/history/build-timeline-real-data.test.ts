// Timelines from REAL recorded releases with the real core and production trust material. Only
// the network is faked: listings are authored from the fixtures' version documents and
// dists.json (no publish times: none were recorded), the attestation bodies are the real ones.
import { expect, it } from 'vitest';
import { createTrustContext, verifyNpmAttestations, verifyPypiProvenance } from '../../core/index';
import { describeRealData, readFixtureJson } from '../../testing/fixtures';
import { NPM_REGISTRY_ORIGIN } from '../npm/hosts';
import { PYPI_ORIGIN } from '../pypi/hosts';
import { fakeFetcher, type FakeRoute } from '../testing/fake-fetcher';
import { buildTimeline, type TimelineDeps } from './build-timeline';

const SLSA_V1 = 'https://slsa.dev/provenance/v1';
const SLSA_V02 = 'https://slsa.dev/provenance/v0.2';
const NPM_PUBLISH = 'https://github.com/npm/attestation/tree/main/specs/publish/v0.1';

function deps(routes: Record<string, FakeRoute>): TimelineDeps {
  const trust = createTrustContext({ trustedRoot: readFixtureJson('sigstore/trusted_root.json'), npmKeys: readFixtureJson('sigstore/npm-registry-keys.json') });
  return { fetcher: fakeFetcher(routes), verifiers: { verifyPypiProvenance, verifyNpmAttestations }, trust, now: () => 0 };
}

describeRealData('timeline over real npm releases: sigstore 1.0.0, 1.3.0, 2.0.0, 2.3.1', () => {
  const npm = (path: string) => new URL(path, NPM_REGISTRY_ORIGIN).href;
  const predicates: Record<string, string> = { '2.3.1': SLSA_V1, '2.0.0': SLSA_V1, '1.3.0': SLSA_V02, '1.0.0': SLSA_V02 };
  /** The real version document; dist.attestations added where the harvested copy lacks it (see MANIFEST). */
  function versionDoc(version: string): Record<string, unknown> {
    const doc = readFixtureJson<{ dist: Record<string, unknown> }>(`npm/sigstore/sigstore@${version}.version.json`);
    doc.dist.attestations ??= { url: npm(`/-/npm/v1/attestations/sigstore@${version}`), provenance: { predicateType: predicates[version] } };
    return doc;
  }
  const bundle = (file: string) => readFixtureJson(`npm/sigstore/${file}`);
  // 2.0.0 was recorded as its provenance bundle and 1.3.0 as its two bundles: the responses are composed.
  const attestations = (latest: string): Record<string, unknown> => ({
    '2.3.1': readFixtureJson(`npm/sigstore/${latest}`),
    '2.0.0': { attestations: [{ predicateType: SLSA_V1, bundle: bundle('sigstore@2.0.0.provenance.sigstore.json') }] },
    '1.3.0': {
      attestations: [
        { predicateType: NPM_PUBLISH, bundle: bundle('sigstore@1.3.0.publish.sigstore.json') },
        { predicateType: SLSA_V02, bundle: bundle('sigstore@1.3.0.provenance.sigstore.json') },
      ],
    },
    '1.0.0': readFixtureJson('npm/sigstore/sigstore@1.0.0.attestations.json'),
  });

  function routes(latest = 'sigstore@2.3.1.attestations.json'): Record<string, FakeRoute> {
    const listed = Object.keys(predicates);
    const out: Record<string, FakeRoute> = { [npm('/sigstore')]: { name: 'sigstore', versions: Object.fromEntries(listed.map((v) => [v, versionDoc(v)])) } };
    for (const [version, body] of Object.entries(attestations(latest))) out[npm(`/-/npm/v1/attestations/sigstore@${version}`)] = body;
    return out;
  }

  it('one repository throughout; the workflow changed publish.yml -> release.yml at 1.3.0, as the certificates say', async () => {
    const t = await buildTimeline('npm', 'sigstore', deps(routes()));
    expect(t.releases.map((r) => [r.version, r.status, r.identity?.repository, r.identity?.workflowPath])).toEqual([
      ['2.3.1', 'verified', 'sigstore/sigstore-js', '.github/workflows/release.yml'],
      ['2.0.0', 'verified', 'sigstore/sigstore-js', '.github/workflows/release.yml'],
      ['1.3.0', 'verified', 'sigstore/sigstore-js', '.github/workflows/release.yml'],
      ['1.0.0', 'verified', 'sigstore/sigstore-js', '.github/workflows/publish.yml'],
    ]);
    expect(t.notes).toEqual([
      'Provenance since the first release, 1.0.0',
      'Publisher changed at 1.3.0: sigstore/sigstore-js · publish.yml → sigstore/sigstore-js · release.yml',
    ]);
    expect(t.current).toMatchObject({ kind: 'attested', since: '1.3.0', identity: { repository: 'sigstore/sigstore-js' } });
  });

  it('a release whose real provenance was altered after signing fails, and vouches for nobody', async () => {
    const t = await buildTimeline('npm', 'sigstore', deps(routes('sigstore@2.3.1.attestations.tampered-provenance.json')));
    expect(t.releases[0]).toMatchObject({ version: '2.3.1', status: 'invalid', code: 'TLOG_BODY' });
    expect(t.notes.at(-1)).toBe('Verification failed for 2.3.1 (TLOG_BODY)');
    expect(t.current).toMatchObject({ kind: 'attested', since: '1.3.0' });
  });
});

describeRealData('timeline over real PyPI releases', () => {
  const pypi = (path: string) => new URL(path, PYPI_ORIGIN).href;

  /** project -> version -> [filename, provenance fixture][]; digests from the project's dists.json. */
  function routes(project: string, releases: Record<string, [string, string][]>): Record<string, FakeRoute> {
    const dists = readFixtureJson<{ distributions: { filename: string; sha256: string }[] }>(`pypi/${project}/dists.json`).distributions;
    const entry = (filename: string) => ({
      filename,
      packagetype: filename.endsWith('.whl') ? 'bdist_wheel' : 'sdist',
      digests: { sha256: dists.find((d) => d.filename === filename)?.sha256 },
      yanked: false,
    });
    const listing = Object.fromEntries(Object.entries(releases).map(([v, files]) => [v, files.map(([f]) => entry(f))]));
    const out: Record<string, FakeRoute> = { [pypi(`/pypi/${project}/json`)]: { info: { name: project, version: Object.keys(releases).at(-1) }, releases: listing } };
    for (const [version, files] of Object.entries(releases)) {
      for (const [filename, fixture] of files) out[pypi(`/integrity/${project}/${version}/${filename}/provenance`)] = readFixtureJson(`pypi/${project}/${fixture}`);
    }
    return out;
  }

  it('sampleproject: a Google service account signed 3.0.0, pypa/sampleproject release.yml both files of 4.0.0', async () => {
    const t = await buildTimeline('pypi', 'sampleproject', deps(routes('sampleproject', {
      '3.0.0': [['sampleproject-3.0.0.tar.gz', 'sampleproject-3.0.0.tar.gz.publish.attestation']],
      '4.0.0': [
        ['sampleproject-4.0.0-py3-none-any.whl', 'sampleproject-4.0.0-py3-none-any.whl.attestation.json'],
        ['sampleproject-4.0.0.tar.gz', 'sampleproject-4.0.0.tar.gz.provenance'],
      ],
    })));
    expect(t.releases.map((r) => [r.version, r.status, r.identity?.email ?? r.identity?.repository])).toEqual([
      ['4.0.0', 'verified', 'pypa/sampleproject'],
      ['3.0.0', 'verified', '919436158236-compute@developer.gserviceaccount.com'],
    ]);
    expect(t.notes).toEqual([
      'Provenance since the first release, 3.0.0',
      'Publisher changed at 4.0.0: 919436158236-compute@developer.gserviceaccount.com → pypa/sampleproject · release.yml',
    ]);
    expect(t.events[1]).toMatchObject({ kind: 'publisher-changed', field: 'issuer', from: 'https://accounts.google.com', to: 'https://token.actions.githubusercontent.com' });
  });

  it('pypi-attestations: trailofbits -> pypi kept the repository id, so no change; a release without provenance is a loss', async () => {
    const files = {
      '0.0.16': [['pypi_attestations-0.0.16.tar.gz', 'pypi_attestations-0.0.16.tar.gz.attestation']],
      '0.0.19': [['pypi_attestations-0.0.19.tar.gz', 'pypi_attestations-0.0.19.tar.gz.provenance']],
      '0.0.30': [['pypi_attestations-0.0.30-py3-none-any.whl', 'pypi_attestations-0.0.30-py3-none-any.whl.provenance.json']],
    } satisfies Record<string, [string, string][]>;
    const t = await buildTimeline('pypi', 'pypi-attestations', deps(routes('pypi-attestations', files)));
    expect(t.releases.map((r) => [r.version, r.status, r.identity?.repository])).toEqual([
      ['0.0.30', 'verified', 'pypi/pypi-attestations'],
      ['0.0.19', 'verified', 'trailofbits/pypi-attestations'],
      ['0.0.16', 'verified', 'trailofbits/pypi-attestations'],
    ]);
    expect(t.notes).toEqual(['Provenance since the first release, 0.0.16']);
    // The same real listing with 0.0.19's provenance gone (the Integrity API answers 404).
    const without = routes('pypi-attestations', files);
    delete without[pypi('/integrity/pypi-attestations/0.0.19/pypi_attestations-0.0.19.tar.gz/provenance')];
    const lost = await buildTimeline('pypi', 'pypi-attestations', deps(without));
    expect(lost.notes).toEqual(['Provenance since the first release, 0.0.16', 'Provenance lost at 0.0.19 (had it 0.0.16)', 'Provenance back at 0.0.30']);
  });
});

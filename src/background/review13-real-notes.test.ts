// Review 13: notes worked out from REAL attestations (the shared fixtures) survive the trip
// through storage.session as Chrome makes it (a JSON-like copy: undefined fields dropped) and
// the entry-by-entry check of continuity-memo.ts: a woken worker gives the very same note,
// with no request. A real note rejected on read-back would be worked out anew each wake.
import { expect, it } from 'vitest';
import { createTrustContext, verifyNpmAttestations, verifyPypiProvenance } from '../core/index';
import type { PackageVerdict } from '../core/verdict';
import { NPM_REGISTRY_ORIGIN } from '../registries/npm/hosts';
import { verifyNpmVersion } from '../registries/npm/version';
import { PYPI_ORIGIN } from '../registries/pypi/hosts';
import { verifyPypiRelease } from '../registries/pypi/release';
import { fakeFetcher, type FakeRoute } from '../registries/testing/fake-fetcher';
import { describeRealData, readFixtureJson } from '../testing/fixtures';
import { createVerdictCache } from './cache';
import { NOTES_KEY } from './continuity-memo';
import { createContinuityService } from './continuity-service';
import { fakeStorage, type FakeStorage } from './testing/fake-storage';

const verifiers = { verifyPypiProvenance, verifyNpmAttestations };
const trust = () =>
  createTrustContext({ trustedRoot: readFixtureJson('sigstore/trusted_root.json'), npmKeys: readFixtureJson('sigstore/npm-registry-keys.json') });
const written = () => new Promise((r) => setTimeout(r, 150));

/** Chrome's storage.session copy: JSON-like, undefined fields dropped. */
function chromeCopy(session: FakeStorage): FakeStorage {
  return fakeStorage(Object.fromEntries([...session.data].map(([k, v]) => [k, JSON.parse(JSON.stringify(v))])));
}

async function roundTrip(routes: Record<string, FakeRoute>, decide: (d: { fetcher: ReturnType<typeof fakeFetcher> }) => Promise<PackageVerdict>) {
  const t = trust();
  const session = fakeStorage();
  const fetcher = fakeFetcher(routes);
  const first = createContinuityService({ fetcher, verifiers, cache: createVerdictCache(fakeStorage(), { trustVersion: () => 't' }), session });
  const verdict = await decide({ fetcher });
  const noted = await first.annotate(verdict, t);
  await written();
  const wokenFetcher = fakeFetcher(routes);
  const woken = createContinuityService({ fetcher: wokenFetcher, verifiers, cache: createVerdictCache(fakeStorage(), { trustVersion: () => 't' }), session: chromeCopy(session) });
  const again = await woken.annotate(verdict, t);
  const remembered = await woken.remembered?.(verdict);
  return { noted, again, remembered, wokenRequests: wokenFetcher.requests.length, stored: session.data.get(NOTES_KEY) };
}

describeRealData('review13: real notes through storage.session', () => {
  const npm = (path: string) => new URL(path, NPM_REGISTRY_ORIGIN).href;
  const SLSA_V02 = 'https://slsa.dev/provenance/v0.2';
  const NPM_PUBLISH = 'https://github.com/npm/attestation/tree/main/specs/publish/v0.1';

  it('npm sigstore 1.3.0 after 1.0.0 (workflow changed): the woken worker gives the same note, no request', async () => {
    const doc = (v: string) => {
      const d = readFixtureJson<{ dist: Record<string, unknown> }>(`npm/sigstore/sigstore@${v}.version.json`);
      d.dist.attestations ??= { url: npm(`/-/npm/v1/attestations/sigstore@${v}`), provenance: { predicateType: SLSA_V02 } };
      return d;
    };
    const bundle = (f: string) => readFixtureJson(`npm/sigstore/${f}`);
    const routes: Record<string, FakeRoute> = {
      [npm('/sigstore')]: { name: 'sigstore', versions: { '1.0.0': doc('1.0.0'), '1.3.0': doc('1.3.0') } },
      [npm('/sigstore/1.0.0')]: doc('1.0.0'),
      [npm('/sigstore/1.3.0')]: doc('1.3.0'),
      [npm('/-/npm/v1/attestations/sigstore@1.0.0')]: readFixtureJson('npm/sigstore/sigstore@1.0.0.attestations.json'),
      [npm('/-/npm/v1/attestations/sigstore@1.3.0')]: {
        attestations: [
          { predicateType: NPM_PUBLISH, bundle: bundle('sigstore@1.3.0.publish.sigstore.json') },
          { predicateType: SLSA_V02, bundle: bundle('sigstore@1.3.0.provenance.sigstore.json') },
        ],
      },
    };
    const r = await roundTrip(routes, (d) => verifyNpmVersion({ registry: 'npm', name: 'sigstore', version: '1.3.0' }, { ...d, verifiers, trust: trust(), now: () => 0 }));
    expect(r.noted.continuity).toMatchObject({ kind: 'publisher-changed', field: 'workflowPath', previousVersion: '1.0.0' });
    expect(r.stored).toBeDefined();
    expect(r.again.continuity).toEqual(r.noted.continuity);
    expect(r.remembered?.continuity).toEqual(r.noted.continuity);
    expect(r.wokenRequests).toBe(0);
  });

  it('PyPI pypi-attestations 0.0.30 without provenance after 0.0.19: the provenance-lost note comes back, no request', async () => {
    const pypi = (path: string) => new URL(path, PYPI_ORIGIN).href;
    const dists = readFixtureJson<{ distributions: { filename: string; sha256: string }[] }>('pypi/pypi-attestations/dists.json').distributions;
    const entry = (filename: string, uploaded: string) => ({
      filename,
      packagetype: filename.endsWith('.whl') ? 'bdist_wheel' : 'sdist',
      digests: { sha256: dists.find((d) => d.filename === filename)?.sha256 ?? '' },
      upload_time_iso_8601: uploaded,
      yanked: false,
    });
    const f19 = entry('pypi_attestations-0.0.19.tar.gz', '2024-12-04T23:14:01Z');
    const f30 = entry('pypi_attestations-0.0.30-py3-none-any.whl', '2025-06-01T00:00:00Z');
    const routes: Record<string, FakeRoute> = {
      [pypi('/pypi/pypi-attestations/json')]: { info: { name: 'pypi-attestations', version: '0.0.30' }, releases: { '0.0.19': [f19], '0.0.30': [f30] } },
      [pypi('/pypi/pypi-attestations/0.0.19/json')]: { info: { name: 'pypi-attestations', version: '0.0.19' }, urls: [f19] },
      [pypi('/pypi/pypi-attestations/0.0.30/json')]: { info: { name: 'pypi-attestations', version: '0.0.30' }, urls: [f30] },
      [pypi(`/integrity/pypi-attestations/0.0.19/${f19.filename}/provenance`)]: readFixtureJson('pypi/pypi-attestations/pypi_attestations-0.0.19.tar.gz.provenance'),
    };
    const r = await roundTrip(routes, (d) => verifyPypiRelease({ registry: 'pypi', name: 'pypi-attestations', version: '0.0.30' }, { ...d, verifiers, trust: trust(), now: () => 0 }));
    expect(r.noted).toMatchObject({ status: 'none', continuity: { kind: 'provenance-lost', previousVersion: '0.0.19', previous: { repository: 'trailofbits/pypi-attestations' } } });
    expect(r.again.continuity).toEqual(r.noted.continuity);
    expect(r.remembered?.continuity).toEqual(r.noted.continuity);
    expect(r.wokenRequests).toBe(0);
  });
});

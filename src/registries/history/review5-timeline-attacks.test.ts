// Review 5 (issue 17): hostile registry listings against the timeline service, test CA signed.
import { beforeAll, describe, expect, it } from 'vitest';
import { createTrustContext, verifyNpmAttestations, verifyPypiProvenance } from '../../core/index';
import { createTestSigstore, fakeSha256, githubIdentity, type TestSigstore } from '../../testing/testca/index';
import type { Fetcher } from '../fetcher';
import { fakeFetcher, type FakeRoute } from '../testing/fake-fetcher';
import { buildTimeline, type TimelineDeps } from './build-timeline';
import { createMemoryVerdictCache } from './index';
import { npmHistoryRoutes, pypiHistoryRoutes, type HistoryRelease } from './testing/testca-history';

let ts: TestSigstore;
beforeAll(async () => {
  ts = await createTestSigstore();
});
const acme = githubIdentity('acme/demo');
const evil = githubIdentity('evil/demo');
const verifiers = { verifyPypiProvenance, verifyNpmAttestations };
function deps(fetcher: Fetcher, more: Partial<TimelineDeps> = {}): TimelineDeps {
  return { fetcher, verifiers, trust: createTrustContext({ trustedRoot: ts.trustedRoot, npmKeys: ts.npmKeys }), now: () => 0, ...more };
}
const NPM = 'https://registry.npmjs.org';
const PYPI = 'https://pypi.org';

describe('a release reused under another version', () => {
  it('npm: 2.0.0 listed with 1.0.0 tarball integrity and 1.0.0 attestations is not verified', async () => {
    const routes = npmHistoryRoutes(ts, 'demo', [{ version: '1.0.0', files: [acme] }, { version: '2.0.0', files: [null] }]);
    const doc = routes[`${NPM}/demo`] as { versions: Record<string, { dist: Record<string, unknown> }> };
    const v1 = doc.versions['1.0.0']!;
    const v2 = doc.versions['2.0.0']!;
    v2.dist = { ...v1.dist, attestations: { url: `${NPM}/-/npm/v1/attestations/demo@2.0.0`, provenance: { predicateType: 'https://slsa.dev/provenance/v1' } } };
    routes[`${NPM}/-/npm/v1/attestations/demo@2.0.0`] = routes[`${NPM}/-/npm/v1/attestations/demo@1.0.0`];
    const cache = createMemoryVerdictCache();
    const t = await buildTimeline('npm', 'demo', deps(fakeFetcher(routes), { cache }));
    const row = t.releases.find((r) => r.version === '2.0.0');
    expect(row?.status).not.toBe('verified');
    expect(row?.status).not.toBe('partial');
  });

  it('PyPI: 2.0 whose file is served with the 1.0 file digest and 1.0 attestation is not verified', async () => {
    const routes = pypiHistoryRoutes(ts, 'demo', [{ version: '1.0', files: [acme] }, { version: '2.0', files: [null] }]);
    const doc = routes[`${PYPI}/pypi/demo/json`] as { releases: Record<string, { sha256?: string; digests: { sha256: string } }[]> };
    doc.releases['2.0']![0]!.digests.sha256 = doc.releases['1.0']![0]!.digests.sha256;
    routes[`${PYPI}/integrity/demo/2.0/demo-2.0.tar.gz/provenance`] = routes[`${PYPI}/integrity/demo/1.0/demo-1.0.tar.gz/provenance`];
    const t = await buildTimeline('pypi', 'demo', deps(fakeFetcher(routes), { cache: createMemoryVerdictCache() }));
    const row = t.releases.find((r) => r.version === '2.0');
    expect(row?.status).not.toBe('verified');
  });

  it('PyPI: the same distribution file listed under two spellings of one version is one release, not two', async () => {
    const routes = pypiHistoryRoutes(ts, 'demo', [{ version: '1.0rc1', files: [acme] }, { version: '1.0', files: [acme] }]);
    const doc = routes[`${PYPI}/pypi/demo/json`] as { releases: Record<string, unknown> };
    doc.releases['1.0RC1'] = doc.releases['1.0rc1'];
    const t = await buildTimeline('pypi', 'demo', deps(fakeFetcher(routes)));
    // One release verified twice under two names would count and show it twice.
    const rc = t.releases.filter((r) => r.version.toLowerCase() === '1.0rc1');
    expect(rc.length).toBe(1);
  });
});

describe("the registry's publisher field never names a publisher", () => {
  it('PyPI provenance whose publisher says evil/demo while the certificate says acme/demo', async () => {
    const routes = pypiHistoryRoutes(ts, 'demo', [{ version: '1.0', files: [acme] }, { version: '1.1', files: [acme] }]);
    const filename = 'demo-1.1.tar.gz';
    const sha256 = fakeSha256(`demo:${filename}`);
    const attestation = ts.pypiAttestation({ filename, sha256, identity: acme });
    routes[`${PYPI}/integrity/demo/1.1/${filename}/provenance`] = ts.pypiProvenance({ publisher: evil, attestations: [attestation] });
    const t = await buildTimeline('pypi', 'demo', deps(fakeFetcher(routes)));
    expect(JSON.stringify(t.notes)).not.toContain('evil');
    const row = t.releases.find((r) => r.version === '1.1');
    if (row?.identity) expect(row.identity.repository).toBe('acme/demo');
    expect(t.events.filter((e) => e.kind === 'publisher-changed')).toEqual([]);
  });
});

describe('version order', () => {
  it('npm: a packument listing versions out of order and with pre-releases is shown in SemVer order', async () => {
    const rel = (version: string): HistoryRelease => ({ version, files: [acme] });
    const routes = npmHistoryRoutes(ts, 'demo', ['2.0.0', '1.0.0-rc.1', '10.0.0', '1.0.0', '1.0.0-rc.10', '1.0.0-rc.2', '2.0.0-alpha'].map(rel));
    const t = await buildTimeline('npm', 'demo', deps(fakeFetcher(routes)));
    expect(t.releases.map((r) => r.version)).toEqual(['10.0.0', '2.0.0', '2.0.0-alpha', '1.0.0', '1.0.0-rc.10', '1.0.0-rc.2', '1.0.0-rc.1']);
  });

  it('PyPI: PEP 440 order (dev, pre, post, epoch)', async () => {
    const rel = (version: string): HistoryRelease => ({ version, files: [acme] });
    const versions = ['1!0.1', '1.0.post1', '1.0', '1.0rc1', '1.0a1.dev1', '1.0.dev0', '1.0a1', '1.0.post1.dev0', '0.9'];
    const routes = pypiHistoryRoutes(ts, 'demo', versions.map(rel));
    const t = await buildTimeline('pypi', 'demo', deps(fakeFetcher(routes)));
    expect(t.releases.map((r) => r.version)).toEqual(['1!0.1', '1.0.post1', '1.0.post1.dev0', '1.0', '1.0rc1', '1.0a1', '1.0a1.dev1', '1.0.dev0', '0.9']);
  });

  it('a continuity note follows version order, not the listing order: lost/back sequence', async () => {
    // Listed newest-first by the registry (oldest last in the JSON map), opposite to the fixture's habit.
    const history: HistoryRelease[] = [
      { version: '3.0.0', files: [null] },
      { version: '2.0.0', files: [acme] },
      { version: '1.0.0', files: [null] },
    ];
    const routes = npmHistoryRoutes(ts, 'demo', history);
    const t = await buildTimeline('npm', 'demo', deps(fakeFetcher(routes)));
    expect(t.notes.slice(0, 2)).toEqual(['Provenance began at 2.0.0', 'Provenance lost since 3.0.0 (had it 2.0.0)']);
  });
});

describe("couldn't check is never lost", () => {
  it('PyPI: a provenance endpoint that fails (HTTP 500) leaves the release unknown, and no loss is claimed', async () => {
    const routes: Record<string, FakeRoute> = pypiHistoryRoutes(ts, 'demo', [{ version: '1.0', files: [acme] }, { version: '1.1', files: [acme] }]);
    routes[`${PYPI}/integrity/demo/1.1/demo-1.1.tar.gz/provenance`] = { status: 500 };
    const t = await buildTimeline('pypi', 'demo', deps(fakeFetcher(routes)));
    expect(t.releases.find((r) => r.version === '1.1')?.status).toBe('unknown');
    expect(t.events.filter((e) => e.kind === 'lost')).toEqual([]);
    expect(t.current).toMatchObject({ kind: 'attested' });
  });

  it('npm: a version whose attestation endpoint fails is unknown, not none', async () => {
    const routes: Record<string, FakeRoute> = npmHistoryRoutes(ts, 'demo', [{ version: '1.0.0', files: [acme] }, { version: '1.1.0', files: [acme] }]);
    routes[`${NPM}/-/npm/v1/attestations/demo@1.1.0`] = { status: 503 };
    const t = await buildTimeline('npm', 'demo', deps(fakeFetcher(routes)));
    expect(t.releases.find((r) => r.version === '1.1.0')?.status).toBe('unknown');
    expect(t.events.filter((e) => e.kind === 'lost')).toEqual([]);
  });

  it('npm: a version listed with no dist at all (hostile packument) is unknown, not none', async () => {
    const routes = npmHistoryRoutes(ts, 'demo', [{ version: '1.0.0', files: [acme] }, { version: '1.1.0', files: [acme] }]);
    const doc = routes[`${NPM}/demo`] as { versions: Record<string, Record<string, unknown>> };
    doc.versions['1.1.0'] = { name: 'demo', version: '1.1.0' };
    const t = await buildTimeline('npm', 'demo', deps(fakeFetcher(routes)));
    expect(t.releases.find((r) => r.version === '1.1.0')?.status).toBe('unknown');
    expect(t.events.filter((e) => e.kind === 'lost')).toEqual([]);
  });
});

describe('a hostile listing', () => {
  it('npm: 5,000 versions, a hijack hidden in the bisected range: bounded requests, and no \"since 1.0.0\" claim across it', async () => {
    const history: HistoryRelease[] = Array.from({ length: 5000 }, (_, i) => ({ version: `1.${Math.floor(i / 100)}.${i % 100}`, files: [i >= 2000 && i < 2003 ? evil : acme] }));
    const fetcher = fakeFetcher(npmHistoryRoutes(ts, 'demo', history));
    const started = Date.now();
    const t = await buildTimeline('npm', 'demo', deps(fetcher));
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(fetcher.requests.length).toBeLessThanOrEqual(1500);
    // Bisection cannot see a change whose ends agree (1.20.0-1.20.2 by evil/demo, unchecked), so
    // nothing may claim acme/demo published every release since 1.0.0 without a break: the
    // current publisher's run can only be vouched for over the releases checked one by one.
    expect(t.coverage.bisected).toBe(true);
    expect(t.releases.some((r) => r.identity?.repository === 'evil/demo')).toBe(false);
    expect(t.current?.kind).toBe('attested');
    expect(t.current?.since, '"Published by acme/demo since 1.0.0" over 4,899 unchecked releases, 3 of them by evil/demo').not.toBe('1.0.0');
  }, 120_000);

  it('PyPI: versions with URL tricks never reach a request path', async () => {
    const routes = pypiHistoryRoutes(ts, 'demo', [{ version: '1.0', files: [acme] }]);
    const doc = routes[`${PYPI}/pypi/demo/json`] as { releases: Record<string, unknown> };
    for (const v of ['1.0/../../x', '1.0%2f..', '1.0?x=1', '1.0#x', '..', '1.0\\..', ' 1.0', '1.0\n']) doc.releases[v] = doc.releases['1.0'];
    const fetcher = fakeFetcher(routes);
    const t = await buildTimeline('pypi', 'demo', deps(fetcher));
    for (const r of fetcher.requests) expect(new URL(r.url).pathname).toMatch(/^\/(pypi\/demo\/json|simple\/demo\/|integrity\/demo\/1\.0\/demo-1\.0\.tar\.gz\/provenance)$/);
    expect(t.releases.map((r) => r.version)).toEqual(['1.0']);
  });
});

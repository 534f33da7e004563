// The timeline service over generated histories signed by the test Sigstore instance and
// verified by the real core; only the network is faked. Gain, loss, change, change back,
// inconsistent, yanked and deprecated releases, pre-releases; verify-once, "couldn't check".
import { beforeAll, describe, expect, it } from 'vitest';
import { createTrustContext, verifyNpmAttestations, verifyPypiProvenance } from '../../core/index';
import { createVerdictCache } from '../../background/cache';
import { fakeStorage } from '../../background/testing/fake-storage';
import { createTestSigstore, githubIdentity, type TestSigstore } from '../../testing/testca/index';
import type { FetchOutcome, Fetcher } from '../fetcher';
import { fakeFetcher, type FakeRoute } from '../testing/fake-fetcher';
import { buildTimeline, type TimelineDeps } from './build-timeline';
import { createMemoryVerdictCache, type HistoryVerdictCache } from './index';
import { npmHistoryRoutes, pypiHistoryRoutes, type HistoryRelease } from './testing/testca-history';

let ts: TestSigstore;
beforeAll(async () => {
  ts = await createTestSigstore();
});

const acme = githubIdentity('acme/demo', { ref: 'refs/tags/v1' });
const evil = githubIdentity('evil/demo');
const verifiers = { verifyPypiProvenance, verifyNpmAttestations };

function deps(fetcher: Fetcher, more: Partial<TimelineDeps> = {}): TimelineDeps {
  return { fetcher, verifiers, trust: createTrustContext({ trustedRoot: ts.trustedRoot, npmKeys: ts.npmKeys }), now: () => 0, ...more };
}

const pypiPath = (url: string) => new URL(url).pathname;

describe('timeline of a PyPI project (test CA)', () => {
  const releases = (): HistoryRelease[] => [
    { version: '0.9', files: [null] },
    { version: '1.0', files: [acme] },
    { version: '1.1', files: [acme, null] },
    { version: '1.2rc1', files: [acme] },
    { version: '1.2', files: [githubIdentity('acme/demo', { ref: 'refs/tags/v1.2' }), githubIdentity('acme/demo', { ref: 'refs/heads/main' })] },
    { version: '2.0', files: [evil], yanked: true },
    { version: '2.0.1', files: [acme] },
    { version: '2.1', files: [null, null] },
  ];

  it('lists every release newest first with its status and identity, and notes each turn', async () => {
    const t = await buildTimeline('pypi', 'demo', deps(fakeFetcher(pypiHistoryRoutes(ts, 'demo', releases()))));
    expect(t.releases.map((r) => [r.version, r.status, r.identity?.repository])).toEqual([
      ['2.1', 'none', undefined],
      ['2.0.1', 'verified', 'acme/demo'],
      ['2.0', 'verified', 'evil/demo'],
      ['1.2', 'verified', 'acme/demo'],
      ['1.2rc1', 'verified', 'acme/demo'],
      ['1.1', 'partial', 'acme/demo'],
      ['1.0', 'verified', 'acme/demo'],
      ['0.9', 'none', undefined],
    ]);
    expect(t.releases.find((r) => r.version === '2.0')).toMatchObject({ yanked: true, publishedAt: '2023-01-06T12:00:00.000Z' });
    expect(t.releases.find((r) => r.version === '1.2rc1')?.prerelease).toBe(true);
    expect(t.releases.find((r) => r.version === '1.1')).toMatchObject({ verifiedCount: 1, totalCount: 2 });
    expect(t.notes).toEqual([
      'Provenance began at 1.0',
      'Inconsistent release 1.2: files built from different refs (refs/tags/v1.2, refs/heads/main)',
      'Publisher changed at 2.0 (yanked): acme/demo · release.yml → evil/demo · release.yml',
      'Back to acme/demo · release.yml at 2.0.1',
      'Provenance lost since 2.1 (had it 1.0–2.0.1)',
    ]);
    expect(t.current).toEqual({ kind: 'none', since: '2.1' });
    expect(t.coverage).toEqual({ listed: 8, checked: 8, bisected: false });
  });

  it('verifies each release once: a second timeline with the same cache reads only the listing', async () => {
    const cache = createMemoryVerdictCache();
    const first = fakeFetcher(pypiHistoryRoutes(ts, 'demo', releases()));
    const cold = await buildTimeline('pypi', 'demo', deps(first, { cache }));
    // The Simple API index is asked for once for the whole project (404 here: every file probed).
    expect(first.requests.filter((r) => r.url.includes('/simple/'))).toHaveLength(1);
    expect(cold.requests).toBe(first.requests.length);
    const second = fakeFetcher(pypiHistoryRoutes(ts, 'demo', releases()));
    const warm = await buildTimeline('pypi', 'demo', deps(second, { cache }));
    expect(second.requests.map((r) => pypiPath(r.url))).toEqual(['/pypi/demo/json']);
    expect(warm.notes).toEqual(cold.notes);
    expect(warm.releases).toEqual(cold.releases);
  });

  it("the worker's storage cache backs it as it is: a second timeline, even in a new worker, reads only the listing", async () => {
    const storage = fakeStorage();
    const workerCache: HistoryVerdictCache = createVerdictCache(storage, { trustVersion: () => 't' });
    await buildTimeline('pypi', 'demo', deps(fakeFetcher(pypiHistoryRoutes(ts, 'demo', releases())), { cache: workerCache }));
    const restarted = createVerdictCache(storage, { trustVersion: () => 't' });
    const second = fakeFetcher(pypiHistoryRoutes(ts, 'demo', releases()));
    await buildTimeline('pypi', 'demo', deps(second, { cache: restarted }));
    expect(second.requests.map((r) => pypiPath(r.url))).toEqual(['/pypi/demo/json']);
  });

  it("a release that couldn't be checked is unknown, never lost, and is not cached", async () => {
    const history: HistoryRelease[] = [
      { version: '1.0', files: [acme] },
      { version: '1.1', files: [acme] },
      { version: '1.2', files: [acme] },
    ];
    const routes = pypiHistoryRoutes(ts, 'demo', history);
    const real = fakeFetcher(routes);
    const flaky: Fetcher = (url, init) =>
      url.pathname.startsWith('/integrity/demo/1.1/') ? Promise.resolve<FetchOutcome>({ ok: false, status: 503, code: 'FETCH_HTTP_STATUS', message: 'HTTP 503' }) : real(url, init);
    const cache = createMemoryVerdictCache();
    const t = await buildTimeline('pypi', 'demo', deps(flaky, { cache }));
    expect(t.releases.find((r) => r.version === '1.1')).toMatchObject({ status: 'unknown', code: 'FETCH_HTTP_STATUS' });
    expect(t.events.map((e) => e.kind)).toEqual(['began']);
    expect(t.notes).toEqual(['Provenance since the first release, 1.0', "Couldn't check 1 release: 1.1"]);
    const again = await buildTimeline('pypi', 'demo', deps(fakeFetcher(routes), { cache }));
    expect(again.releases.find((r) => r.version === '1.1')?.status).toBe('verified');
  });

  it('reports a listing it cannot read as unavailable, with nothing else claimed', async () => {
    const routes: Record<string, FakeRoute> = { 'https://pypi.org/pypi/demo/json': { info: { name: 'other', version: '1' }, releases: {} } };
    const t = await buildTimeline('pypi', 'demo', deps(fakeFetcher(routes)));
    expect(t).toMatchObject({ releases: [], events: [], notes: [], unavailable: { code: 'PARSE_SHAPE' } });
  });
});

describe('timeline of an npm package (test CA)', () => {
  it('reads publish times, deprecated versions and pre-releases from the packument', async () => {
    const history: HistoryRelease[] = [
      { version: '1.0.0', files: [null] },
      { version: '1.1.0', files: [acme] },
      { version: '2.0.0-beta.1', files: [acme] },
      { version: '2.0.0', files: [evil], deprecated: 'compromised release, do not use' },
      { version: '2.0.1', files: [acme] },
    ];
    const fetcher = fakeFetcher(npmHistoryRoutes(ts, 'demo', history));
    const t = await buildTimeline('npm', 'demo', deps(fetcher));
    expect(t.releases.map((r) => [r.version, r.status, r.prerelease, r.deprecated === true])).toEqual([
      ['2.0.1', 'verified', false, false],
      ['2.0.0', 'verified', false, true],
      ['2.0.0-beta.1', 'verified', true, false],
      ['1.1.0', 'verified', false, false],
      ['1.0.0', 'none', false, false],
    ]);
    expect(t.releases[0]?.publishedAt).toBe('2023-01-05T12:00:00.000Z');
    expect(t.notes).toEqual([
      'Provenance began at 1.1.0',
      'Publisher changed at 2.0.0 (deprecated): acme/demo · release.yml → evil/demo · release.yml',
      'Back to acme/demo · release.yml at 2.0.1',
    ]);
    // The full packument once, then one attestations request per attested version.
    expect(fetcher.requests.map((r) => [pypiPath(r.url), r.accept])).toEqual([
      ['/demo', 'application/json'],
      ...['2.0.1', '2.0.0', '2.0.0-beta.1', '1.1.0'].map((v) => [`/-/npm/v1/attestations/demo@${v}`, 'application/json']),
    ]);
  });
});

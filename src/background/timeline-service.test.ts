// The worker's timeline service over generated histories signed by the test Sigstore instance and
// verified by the real core (only the network is faked): built once per package at a time, kept
// when complete, counted while running, cancelled when its only asker moves on or goes away, and "couldn't
// check" kept apart from everything else.
import { beforeAll, describe, expect, it } from 'vitest';
import { ProvenanceError } from '../core/errors';
import { createTrustContext, verifyNpmAttestations, verifyPypiProvenance } from '../core/index';
import { buildTimeline, createMemoryVerdictCache } from '../registries/history/index';
import { pypiHistoryRoutes, type HistoryRelease } from '../registries/history/testing/testca-history';
import type { Fetcher } from '../registries/fetcher';
import { fakeFetcher, type FakeFetcher } from '../registries/testing/fake-fetcher';
import { createTestSigstore, githubIdentity, type TestSigstore } from '../testing/testca/index';
import { createTimelineService, type TimelineServiceDeps } from './timeline-service';

let ts: TestSigstore;
beforeAll(async () => {
  ts = await createTestSigstore();
});

const acme = githubIdentity('acme/demo');
const evil = githubIdentity('evil/demo');
const HISTORY: HistoryRelease[] = [
  { version: '1.0', files: [acme] },
  { version: '1.1', files: [evil] },
  { version: '1.2', files: [null] },
];
const DEMO = { registry: 'pypi', name: 'demo' } as const;
const verifiers = { verifyPypiProvenance, verifyNpmAttestations };

/** A fetcher whose provenance requests wait until `open()`; the listing answers at once. */
function gated(inner: Fetcher): Fetcher & { open: () => void } {
  let open: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const fetcher: Fetcher = async (url, init) => {
    if (url.pathname.startsWith('/integrity/')) await gate;
    return inner(url, init);
  };
  return Object.assign(fetcher, { open: () => open() });
}

function setup(fetcher: Fetcher, more: Partial<TimelineServiceDeps> = {}) {
  const trust = createTrustContext({ trustedRoot: ts.trustedRoot, npmKeys: ts.npmKeys });
  const builds: string[] = [];
  const signals: AbortSignal[] = [];
  const service = createTimelineService({
    fetcher,
    verifiers,
    trust: () => trust,
    cache: createMemoryVerdictCache(),
    build: (registry, name, deps) => {
      builds.push(name);
      if (deps.signal) signals.push(deps.signal);
      return buildTimeline(registry, name, deps);
    },
    ...more,
  });
  return { service, builds, signals };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('timeline service', () => {
  it('answers the timeline the core builds, without the builder bookkeeping', async () => {
    const { service } = setup(fakeFetcher(pypiHistoryRoutes(ts, 'demo', HISTORY)));
    const answer = await service.timeline(DEMO, 'page');
    expect(answer.kind).toBe('timeline');
    if (answer.kind !== 'timeline') return;
    expect(answer.timeline.releases.map((r) => `${r.version} ${r.status}`)).toEqual(['1.2 none', '1.1 verified', '1.0 verified']);
    expect(answer.timeline.notes).toEqual([
      'Provenance since the first release, 1.0',
      'Publisher changed at 1.1: acme/demo · release.yml → evil/demo · release.yml',
      'Provenance lost since 1.2 (had it 1.0–1.1)',
    ]);
    expect(Object.keys(answer.timeline).sort()).toEqual(['coverage', 'current', 'events', 'name', 'notes', 'registry', 'releases']);
    // It goes through runtime messaging as it is.
    expect(structuredClone(answer)).toEqual(answer);
  });

  it('builds once for every asker at a time, and keeps a complete timeline for any spelling of the name', async () => {
    const fetcher = gated(fakeFetcher(pypiHistoryRoutes(ts, 'demo', HISTORY)));
    const { service, builds } = setup(fetcher);
    const asks = [service.timeline(DEMO, 'page'), service.timeline(DEMO, 'tab:3'), service.timeline({ registry: 'pypi', name: 'Demo' }, 'tab:4')];
    fetcher.open();
    const answers = await Promise.all(asks);
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(builds).toEqual(['demo']);
    await service.timeline(DEMO, 'page');
    expect(builds).toEqual(['demo']);
    expect(service.progress(DEMO)).toEqual(answers[0]);
  });

  it('says how many releases the registry lists while the build runs, and never starts one', async () => {
    const fetcher = gated(fakeFetcher(pypiHistoryRoutes(ts, 'demo', HISTORY)));
    const { service, builds } = setup(fetcher);
    expect(service.progress(DEMO)).toEqual({ kind: 'idle' });
    expect(builds).toEqual([]);
    const asked = service.timeline(DEMO, 'page');
    await settle();
    expect(service.progress(DEMO)).toEqual({ kind: 'checking', listed: 3 });
    fetcher.open();
    expect((await asked).kind).toBe('timeline');
  });

  it("cancels a build when its only asker asks for another package's, not while someone else waits for it", async () => {
    const inner = fakeFetcher({ ...pypiHistoryRoutes(ts, 'demo', HISTORY), ...pypiHistoryRoutes(ts, 'other', HISTORY) });
    const fetcher = gated(inner);
    const { service, builds, signals } = setup(fetcher);
    const first = service.timeline(DEMO, 'page');
    const shared = service.timeline({ registry: 'pypi', name: 'other' }, 'page');
    const kept = service.timeline({ registry: 'pypi', name: 'other' }, 'tab:9');
    await settle();
    const second = service.timeline(DEMO, 'tab:9');
    fetcher.open();
    expect(await first).toEqual({ kind: 'cancelled' });
    expect((await shared).kind).toBe('timeline');
    expect((await kept).kind).toBe('timeline');
    // The page's move to "other" aborted demo's build; "other" kept going for the tab, and the
    // tab's own later ask for demo built it anew.
    expect(builds).toEqual(['demo', 'other', 'demo']);
    expect(signals.map((s) => s.aborted)).toEqual([true, false, false]);
    expect((await second).kind).toBe('timeline');
  });

  it('cancels a build when its only asker goes away, not while another still waits, and keeps nothing of it', async () => {
    const fetcher = gated(fakeFetcher({ ...pypiHistoryRoutes(ts, 'demo', HISTORY), ...pypiHistoryRoutes(ts, 'other', HISTORY) }));
    const { service, builds, signals } = setup(fetcher);
    const closed = service.timeline(DEMO, 'page');
    const shared = service.timeline({ registry: 'pypi', name: 'other' }, 'tab:3');
    const stays = service.timeline({ registry: 'pypi', name: 'other' }, 'tab:4');
    await settle();
    service.gone('page');
    service.gone('tab:3');
    // Gone twice, or never asked: nothing more happens.
    service.gone('page');
    service.gone('tab:99');
    fetcher.open();
    expect(await closed).toEqual({ kind: 'cancelled' });
    expect((await shared).kind).toBe('timeline');
    expect((await stays).kind).toBe('timeline');
    expect(signals.map((s) => s.aborted)).toEqual([true, false]);
    // The popup opened again: demo's cancelled build left nothing kept, so it is built anew.
    expect(service.progress(DEMO)).toEqual({ kind: 'idle' });
    expect((await service.timeline(DEMO, 'page')).kind).toBe('timeline');
    expect(builds).toEqual(['demo', 'other', 'demo']);
  });

  it("keeps no timeline with a release it couldn't check: the next ask checks again", async () => {
    const routes = pypiHistoryRoutes(ts, 'demo', HISTORY);
    let flaky = true;
    const real = fakeFetcher(routes);
    const fetcher: Fetcher = (url, init) => (flaky && url.pathname.startsWith('/integrity/demo/1.1/') ? Promise.resolve({ ok: false, status: 503, code: 'FETCH_HTTP_STATUS', message: 'HTTP 503' }) : real(url, init));
    const { service, builds } = setup(fetcher);
    const first = await service.timeline(DEMO, 'page');
    expect(first.kind === 'timeline' && first.timeline.releases.find((r) => r.version === '1.1')?.status).toBe('unknown');
    flaky = false;
    const second = await service.timeline(DEMO, 'page');
    expect(second.kind === 'timeline' && second.timeline.releases.find((r) => r.version === '1.1')?.status).toBe('verified');
    expect(builds).toEqual(['demo', 'demo']);
  });

  it("answers couldn't check for a release list or trust material it cannot have, and keeps neither", async () => {
    const down: FakeFetcher = fakeFetcher({ 'https://pypi.org/pypi/demo/json': { status: 503 } });
    const { service, builds } = setup(down);
    expect(await service.timeline(DEMO, 'page')).toMatchObject({ kind: 'unavailable', code: 'FETCH_HTTP_STATUS' });
    expect(await service.timeline(DEMO, 'page')).toMatchObject({ kind: 'unavailable' });
    expect(builds).toEqual(['demo', 'demo']);
    const noTrust = createTimelineService({
      fetcher: down,
      verifiers,
      trust: () => {
        throw new ProvenanceError('TRUST_MATERIAL', 'trusted root unreadable');
      },
    });
    expect(await noTrust.timeline(DEMO, 'page')).toEqual({ kind: 'unavailable', code: 'TRUST_MATERIAL', message: 'trusted root unreadable' });
    expect(down.requests.filter((r) => r.url.includes('/pypi/demo/json'))).toHaveLength(2);
  });

  it('decides again under new trust material', async () => {
    const fetcher = fakeFetcher(pypiHistoryRoutes(ts, 'demo', HISTORY));
    let trust = createTrustContext({ trustedRoot: ts.trustedRoot, npmKeys: ts.npmKeys });
    const { service, builds } = setup(fetcher, { trust: () => trust });
    await service.timeline(DEMO, 'page');
    trust = createTrustContext({ trustedRoot: ts.trustedRoot, npmKeys: ts.npmKeys });
    await service.timeline(DEMO, 'page');
    expect(builds).toEqual(['demo', 'demo']);
  });
});

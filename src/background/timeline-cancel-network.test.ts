// Timeline cancellation against the network and the ports, as an independent review attacked it
// (issue 17): strangers' ports cancel nothing; cancelling tears down only the timeline's own requests,
// never a badge's, caches nothing undecided, and ends a retry's backoff at once.
import { beforeAll, describe, expect, it } from 'vitest';
import { createTrustContext, verifyNpmAttestations, verifyPypiProvenance } from '../core/index';
import { buildTimeline, createMemoryVerdictCache } from '../registries/history/index';
import { pypiFilenames, pypiHistoryRoutes, type HistoryRelease } from '../registries/history/testing/testca-history';
import { fakeSha256 } from '../testing/testca/index';
import { verifyPypiRelease } from '../registries/pypi/release';
import { createTestSigstore, githubIdentity, type TestSigstore } from '../testing/testca/index';
import { createLimitedFetcher } from './fetch-limited';
import type { Sender } from './sender';
import { POLICY, POPUP, port, RUNTIME } from './testing/hold-port';
import { timelineHolds } from './timeline-holds';
import { createTimelineService } from './timeline-service';

let ts: TestSigstore;
beforeAll(async () => {
  ts = await createTestSigstore();
});

const verifiers = { verifyPypiProvenance, verifyNpmAttestations };
const A = { registry: 'pypi', name: 'demo' } as const;
const tick = () => new Promise((r) => setTimeout(r, 5));



// ---------------------------------------------------------------------------------------------
// Real builder over the real limited fetcher; the network is a fetchImpl holding Integrity API
// requests until they are aborted or a gate opens.
const acme = githubIdentity('acme/demo');
const HISTORY: HistoryRelease[] = [
  { version: '1.0', files: [acme, acme] },
  { version: '1.1', files: [acme] },
  { version: '1.2', files: [acme] },
  { version: '1.3', files: [acme] },
  { version: '1.4', files: [acme] },
];

function network(routes: Record<string, unknown>) {
  let open: () => void = () => undefined;
  const gate = new Promise<void>((r) => (open = r));
  const seen: { url: string; aborted: () => boolean }[] = [];
  const fetchImpl: typeof fetch = (input, init) => {
    const url = String(input);
    const signal = init?.signal ?? undefined;
    seen.push({ url, aborted: () => signal?.aborted === true });
    const answer = () => {
      const body = routes[url];
      if (body === undefined) return new Response('{}', { status: 404, headers: { 'content-type': 'application/json' } });
      return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
    };
    if (!url.includes('/integrity/')) return Promise.resolve(answer());
    return new Promise<Response>((resolve, reject) => {
      signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')), { once: true });
      void gate.then(() => resolve(answer()));
    });
  };
  return { fetchImpl, seen, open: () => open() };
}

describe('cancellation: cancellation vs the shared fetcher and the verdict cache', () => {
  it('A7: cancelling a timeline tears down only its requests; a badge check on the same host and fetcher verifies, and nothing undecided is cached', async () => {
    const routes = pypiHistoryRoutes(ts, 'demo', HISTORY) as Record<string, unknown>;
    // The badge's per-release document, from the listing's own entry.
    const listing = routes['https://pypi.org/pypi/demo/json'] as { releases: Record<string, unknown[]> };
    routes['https://pypi.org/pypi/demo/1.1/json'] = { info: { name: 'demo', version: '1.1' }, urls: listing.releases['1.1'] };
    const net = network(routes);
    const fetcher = createLimitedFetcher({ fetchImpl: net.fetchImpl, perHost: 4, timeoutMs: 60_000 });
    const trust = createTrustContext({ trustedRoot: ts.trustedRoot, npmKeys: ts.npmKeys });
    const cache = createMemoryVerdictCache();
    const s = createTimelineService({ fetcher, verifiers, trust: () => trust, cache });
    const hold = timelineHolds(s, POLICY);
    const popupPort = port(POPUP);
    hold(popupPort);
    const asked = s.timeline(A, 'page');
    await tick();
    // A badge check on the same fetcher, queued behind the timeline's held Integrity requests.
    const badge = verifyPypiRelease({ registry: 'pypi', name: 'demo', version: '1.1' }, { fetcher, verifiers, trust, now: () => Date.now() });
    await tick();
    const integrityBefore = net.seen.filter((r) => r.url.includes('/integrity/')).length;
    popupPort.close(); // popup closed
    expect(await asked).toEqual({ kind: 'cancelled' });
    net.open();
    const badgeVerdict = await badge;
    if (badgeVerdict.status === 'unavailable') console.log(badgeVerdict.code, badgeVerdict.message);
    expect(badgeVerdict.status).toBe('verified');
    // Every held timeline request was aborted; the badge's one was not.
    const timelineHeld = net.seen.slice(0, integrityBefore).filter((r) => r.url.includes('/integrity/'));
    expect(timelineHeld.length).toBeGreaterThan(0);
    expect(timelineHeld.every((r) => r.aborted())).toBe(true);
    // Nothing of the cancelled releases was cached as "none" (or anything).
    for (const { version, files } of HISTORY) {
      for (const filename of pypiFilenames('demo', version, files.length)) {
        const v = await cache.getArtifact({ registry: 'pypi', digest: fakeSha256(`demo:${filename}`), subject: filename });
        expect(v?.status ?? 'absent', `${filename}`).not.toBe('none');
        expect(v?.status ?? 'absent', `${filename}`).not.toBe('invalid');
      }
    }
    // The popup opens again: a full, fresh timeline, nothing red.
    const again = await s.timeline(A, 'page');
    expect(again.kind).toBe('timeline');
    if (again.kind === 'timeline') expect(again.timeline.releases.map((r) => r.status)).toEqual(['verified', 'verified', 'verified', 'verified', 'verified']);
  });
});

// ---------------------------------------------------------------------------------------------
describe('cancellation: limited fetcher in backoff', () => {
  it('A8: a request cancelled during its retry backoff sends nothing more and returns at once, not when the backoff ends', async () => {
    let sent = 0;
    let wake: () => void = () => undefined;
    const slept: number[] = [];
    const fetcher = createLimitedFetcher({
      fetchImpl: () => {
        sent++;
        return Promise.resolve(new Response('{}', { status: 503, headers: { 'content-type': 'application/json', 'retry-after': '3' } }));
      },
      sleep: (ms) => {
        slept.push(ms);
        return new Promise<void>((r) => (wake = r));
      },
    });
    const controller = new AbortController();
    let settled = false;
    const outcome = fetcher(new URL('https://pypi.org/integrity/x'), { accept: 'application/json', maxBytes: 1000, signal: controller.signal }).then((o) => {
      settled = true;
      return o;
    });
    await tick();
    expect(sent).toBe(1);
    controller.abort();
    await tick();
    const settledBeforeWake = settled;
    wake();
    const o = await outcome;
    expect(sent).toBe(1);
    expect(o).toMatchObject({ ok: false, code: 'FETCH_NETWORK' });
    expect({ slept, settledBeforeWake }).toEqual({ slept: [3000], settledBeforeWake: true });
  });

  it('A9: a badge request without a signal on the same fetcher is never cut by a timeline abort, even sharing a URL in flight', async () => {
    let open: () => void = () => undefined;
    const gate = new Promise<void>((r) => (open = r));
    const fetcher = createLimitedFetcher({
      fetchImpl: (_u, init) =>
        new Promise<Response>((resolve, reject) => {
          init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')), { once: true });
          void gate.then(() => resolve(new Response('{"a":1}', { status: 200, headers: { 'content-type': 'application/json' } })));
        }),
    });
    const controller = new AbortController();
    const url = new URL('https://pypi.org/integrity/demo/1.0/x/provenance');
    const timeline = fetcher(url, { accept: 'application/json', maxBytes: 1000, signal: controller.signal });
    const badge = fetcher(url, { accept: 'application/json', maxBytes: 1000 });
    controller.abort();
    expect(await timeline).toMatchObject({ ok: false, code: 'FETCH_NETWORK' });
    open();
    expect(await badge).toMatchObject({ ok: true, status: 200, json: { a: 1 } });
  });
});

describe('cancellation: A3 end to end (real builder, real limited fetcher, a 429 backoff)', () => {
  it('A3c: panel closed while requests back off, reopened, closed again: the second build is cancelled too', async () => {
    const routes = pypiHistoryRoutes(ts, 'demo', HISTORY) as Record<string, unknown>;
    const attempts = new Map<string, number>();
    const held: { url: string; aborted: () => boolean }[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const fetchImpl: typeof fetch = (input, init) => {
      const url = String(input);
      const body = routes[url];
      const json = (status: number, b: unknown, extra: Record<string, string> = {}) =>
        new Response(JSON.stringify(b), { status, headers: { 'content-type': 'application/json', ...extra } });
      if (!url.includes('/integrity/')) return Promise.resolve(body === undefined ? json(404, {}) : json(200, body));
      const n = (attempts.get(url) ?? 0) + 1;
      attempts.set(url, n);
      // The registry rate-limits the first burst.
      if (n === 1) return Promise.resolve(json(429, {}, { 'retry-after': '4' }));
      const signal = init?.signal ?? undefined;
      held.push({ url, aborted: () => signal?.aborted === true });
      return new Promise<Response>((resolve, reject) => {
        signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')), { once: true });
        void gate.then(() => resolve(json(200, body)));
      });
    };
    const sleepers: (() => void)[] = [];
    const fetcher = createLimitedFetcher({ fetchImpl, sleep: () => new Promise<void>((r) => sleepers.push(r)), timeoutMs: 60_000 });
    const trust = createTrustContext({ trustedRoot: ts.trustedRoot, npmKeys: ts.npmKeys });
    const signals: AbortSignal[] = [];
    const s = createTimelineService({
      fetcher,
      verifiers,
      trust: () => trust,
      cache: createMemoryVerdictCache(),
      build: (registry, name, deps) => {
        if (deps.signal) signals.push(deps.signal);
        return buildTimeline(registry, name, deps);
      },
    });
    const hold = timelineHolds(s, POLICY);
    const tab = (): Sender => ({ id: RUNTIME, url: 'https://pypi.org/project/demo/', frameId: 0, tab: { id: 5, url: 'https://pypi.org/project/demo/' } });

    let p1 = port(tab());
    hold(p1);
    const first = s.timeline(A, 'tab:5');
    await tick();
    expect(sleepers.length).toBeGreaterThan(0); // every check is backing off
    p1.close(); // panel closed
    await tick();
    p1 = port(tab()); // panel reopened, fold opened
    hold(p1);
    const second = s.timeline(A, 'tab:5');
    await tick();
    // Backoff of build 1 ends: it sees its cancellation and settles.
    sleepers.splice(0).forEach((w) => w());
    expect(await first).toEqual({ kind: 'cancelled' });
    await tick();
    p1.close(); // panel closed again
    await tick();
    const state = { build2Aborted: signals[1]?.aborted, build2HeldAborted: held.filter((h) => h.aborted()).length, build2Held: held.length };
    release();
    sleepers.splice(0).forEach((w) => w());
    const answer = await second;
    expect(signals).toHaveLength(2);
    // Expected: build 2 aborted. Observed below.
    expect({ ...state, answer: answer.kind }).toEqual({ build2Aborted: true, build2HeldAborted: state.build2Held, build2Held: state.build2Held, answer: 'cancelled' });
  });
});

// Review 7 (issue 19's fetching): an independent attack on two changes to the worker's requests:
// provenance documents fetched with `cache: 'no-store'` (419c5d9: their verdicts are kept by the
// file's digest) and 64 requests per registry host with 64 files of a PyPI release at once
// (c1319bc, were 16). Networks here are simulated under the real limited fetcher
// (createLimitedFetcher with a fake fetchImpl): a browser HTTP cache that honours the request's
// cache mode and the registries' real Cache-Control (e2e/server/registry-cache-headers.ts), a
// shared-bandwidth link, a rate-limiting CDN. Its findings: at 64 per host a slow link timed
// whole pages out (A6), so the worker went back to 16, and came back to 64 once a request's time
// limit judged the host's silence instead of the time since the request began (fetch-watchdog.ts;
// A6 and A9 now hold, A6's baseline keeps the finding); no-store costs repeated downloads in three
// rare cases (C7, C10, E2), accepted and asserted as such. The other cases held and stay.
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TrustContext } from '../core/api';
import type { ArtifactVerdict, SignerIdentity } from '../core/verdict';
import type { Verifiers } from '../registries/adapter';
import type { Fetcher } from '../registries/fetcher';
import { attestationsUrl, versionUrl } from '../registries/npm/api';
import { provenanceUrl, releaseUrl } from '../registries/pypi/api';
import { FILE_CONCURRENCY, verifyPypiRelease } from '../registries/pypi/release';
import { simpleUrl } from '../registries/pypi/simple-api';
import { pypiReleaseRoutes } from '../registries/testing/real-pypi-release';
import { createVerdictCache } from './cache';
import { createContinuityService } from './continuity-service';
import { createLimitedFetcher, DEFAULT_LIMITS } from './fetch-limited';
import { fakeStorage, type FakeStorage } from './testing/fake-storage';
import { createTimelineService } from './timeline-service';
import { createVerdictService } from './verdicts';

const trust: TrustContext = { kind: 'trust-context', trustedRootDate: '2025-01-01' };
const identity: SignerIdentity = {
  forge: 'github',
  issuer: 'https://token.actions.githubusercontent.com',
  san: 'https://github.com/o/r/.github/workflows/release.yml@refs/tags/v1',
  repository: 'o/r',
  workflowPath: '.github/workflows/release.yml',
};
const verified: ArtifactVerdict = { status: 'verified', identity, attestations: [] };
/** A provenance document says which verdict the fake verifier gives it. */
const verifiers: Verifiers = {
  verifyPypiProvenance: (doc) => (doc as { verdict: ArtifactVerdict }).verdict,
  verifyNpmAttestations: (doc) => (doc as { verdict: ArtifactVerdict }).verdict,
};
const hex = (text: string) => createHash('sha256').update(text).digest('hex');
const wheel = (project: string, version: string, i: number) => `${project}-${version}-py3-none-p${i}.whl`;

/** A PyPI release of `n` files, each with a provenance document whose verdict is `verdictOf(i)`. */
function pypiRelease(project: string, version: string, n: number, verdictOf: (i: number) => ArtifactVerdict = () => verified) {
  const files = Array.from({ length: n }, (_, i) => ({ filename: wheel(project, version, i), sha256: hex(`${project}|${version}|${i}`), provenance: { verdict: verdictOf(i) } }));
  return pypiReleaseRoutes(project, version, files);
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
const isIntegrity = (url: string) => url.startsWith('https://pypi.org/integrity/');

afterEach(() => {
  vi.useRealTimers();
});

/** Runs `work` under fake timers, advancing the clock until it settles (at most `limitMs`). */
async function underFakeTime<T>(work: () => Promise<T>, limitMs = 300_000): Promise<T> {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  let settled = false;
  const p = work().finally(() => (settled = true));
  for (let t = 0; !settled && t < limitMs; t += 50) await vi.advanceTimersByTimeAsync(50);
  if (!settled) throw new Error(`not settled within ${limitMs} ms`);
  return p;
}

// ---------------------------------------------------------------------------------------------
// A link of limited bandwidth, shared fairly by every response in flight (HTTP/2 streams on one
// connection): each response's headers come `rttMs` after its request, as a server sends them
// at once; its body then takes its share of the link and arrives when all its bytes have.
interface LinkOptions {
  bytesPerMs: number;
  rttMs: number;
  /** Bytes on the wire per answer (gzip): a PyPI provenance document is ~6 KiB (9.5 KiB raw). */
  wireBytes: (url: string) => number;
  routes: Record<string, unknown>;
  /** One body at a time, in the order the responses began (a server sending one stream's data after another). */
  serial?: boolean;
}

function sharedLink(o: LinkOptions) {
  type Flow = { left: number; done: () => void };
  const flows = new Set<Flow>();
  let last = Date.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let peak = 0;
  const outcomes: { url: string; at: number; ok: boolean }[] = [];
  const progress = () => {
    const t = Date.now();
    const sharing = o.serial === true ? [...flows].slice(0, 1) : [...flows];
    const share = sharing.length === 0 ? 0 : (o.bytesPerMs * (t - last)) / sharing.length;
    for (const f of sharing) f.left -= share;
    last = t;
  };
  const schedule = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (flows.size === 0) return;
    const sharing = o.serial === true ? 1 : flows.size;
    const least = Math.min(...[...flows].slice(0, o.serial === true ? 1 : flows.size).map((f) => f.left));
    timer = setTimeout(tick, Math.max(1, Math.ceil((least * sharing) / o.bytesPerMs)));
  };
  const tick = () => {
    progress();
    for (const f of [...flows]) {
      if (f.left <= 0.5) {
        flows.delete(f);
        f.done();
      }
    }
    schedule();
  };
  const fetchImpl = ((input: URL | RequestInfo, init?: RequestInit) => {
    const url = String(input);
    const signal = init?.signal ?? undefined;
    const routed = o.routes[url];
    return new Promise<Response>((resolve, reject) => {
      let body: ReadableStreamDefaultController<Uint8Array> | undefined;
      const stream = new ReadableStream<Uint8Array>({ start: (c) => void (body = c) });
      const flow: Flow = {
        left: o.wireBytes(url),
        done: () => {
          signal?.removeEventListener('abort', onAbort);
          outcomes.push({ url, at: Date.now(), ok: true });
          body?.enqueue(new TextEncoder().encode(JSON.stringify(routed ?? {})));
          body?.close();
        },
      };
      const start = setTimeout(() => {
        progress();
        flows.add(flow);
        peak = Math.max(peak, flows.size);
        schedule();
        resolve(new Response(stream, { status: routed === undefined ? 404 : 200, headers: { 'content-type': 'application/json' } }));
      }, o.rttMs);
      const onAbort = () => {
        clearTimeout(start);
        if (flows.delete(flow)) {
          progress();
          schedule();
        }
        outcomes.push({ url, at: Date.now(), ok: false });
        const aborted = new DOMException('aborted', 'AbortError');
        body?.error(aborted);
        reject(aborted);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }) as typeof fetch;
  return { fetchImpl, outcomes, peak: () => peak };
}

/** 256 kbit/s (a weak 3G or EDGE link, DevTools' "Slow 3G" is 400), 300 ms away. */
const SLOW = { bytesPerMs: 32, rttMs: 300 };
const wireBytes = (url: string) => (isIntegrity(url) ? 6 * 1024 : 12 * 1024);

type Link = { bytesPerMs: number; rttMs: number; serial?: boolean };

async function releaseOverLink(files: number, perHost: number, link: Link) {
  const routes = pypiRelease('demo', '1.0', files);
  const net = sharedLink({ ...link, wireBytes, routes });
  const fetcher = createLimitedFetcher({ fetchImpl: net.fetchImpl, perHost });
  let started = 0;
  let took = 0;
  const verdict = await underFakeTime(async () => {
    started = Date.now();
    const v = await verifyPypiRelease({ registry: 'pypi', name: 'demo', version: '1.0' }, { fetcher, verifiers, trust, now: () => Date.now() });
    took = Date.now() - started;
    return v;
  });
  return { verdict, net, took };
}

/** `limits`: the fetcher's other limits (a fixed 10 s cap is how the worker timed requests before). */
async function searchOverLink(perHost: number, link: Link, limits: { totalMs?: number } = {}) {
  const routes: Record<string, unknown> = {};
  for (let r = 0; r < 20; r++) Object.assign(routes, pypiRelease(`p${r}`, '1.0', 7));
  const net = sharedLink({ ...link, wireBytes, routes });
  const fetcher = createLimitedFetcher({ fetchImpl: net.fetchImpl, perHost, ...limits });
  const verdicts = await underFakeTime(() =>
    Promise.all(Array.from({ length: 20 }, (_, r) => verifyPypiRelease({ registry: 'pypi', name: `p${r}` }, { fetcher, verifiers, trust, now: () => Date.now() }))),
  );
  return verdicts.map((v) => (v.status === 'unavailable' ? v.code : v.status));
}

// The review found A4 and A6 against a change to 64 per host, when a request's 10 s ran from its
// start; the worker went back to 16 until the limit judged the host's silence instead
// (fetch-watchdog.ts), and is at 64 again: these cases say why that is safe.
describe('review7 A: 64 requests at once on a link of limited bandwidth', () => {
  it("A1 the caps: 64 per host, 64 files of a release at once, 10 s of the host's silence, 40 s per request", () => {
    expect(DEFAULT_LIMITS.perHost).toBe(64);
    expect(FILE_CONCURRENCY).toBe(64);
    expect(DEFAULT_LIMITS.timeoutMs).toBe(10_000);
    expect(DEFAULT_LIMITS.totalMs).toBe(40_000);
  });

  it('A2 a request that times out is not retried (only 429 and 5xx are): one timeout is the file\'s "couldn\'t check"', async () => {
    let calls = 0;
    const hang = ((_: unknown, init?: RequestInit) => {
      calls++;
      return new Promise<Response>((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
    }) as typeof fetch;
    const fetcher = createLimitedFetcher({ fetchImpl: hang });
    const outcome = await underFakeTime(() => fetcher(provenanceUrl('demo', '1.0', 'demo-1.0.tar.gz'), { accept: 'application/json', maxBytes: 1000, keptByDigest: true }));
    expect(outcome).toMatchObject({ ok: false, code: 'FETCH_TIMEOUT' });
    expect(calls).toBe(1);
  });

  it("A3 held: at the worker's cap, a 60-file release verifies over a 256 kbit/s link 300 ms away", async () => {
    const { verdict, net } = await releaseOverLink(60, DEFAULT_LIMITS.perHost, SLOW);
    expect(verdict.status).toBe('verified');
    expect(net.peak()).toBeLessThanOrEqual(DEFAULT_LIMITS.perHost);
  });

  it("A5 held: at 16 per host, a cold 20-result PyPI search page (7 attested files a result) gets every verdict over a 256 kbit/s link 400 ms away", async () => {
    expect(await searchOverLink(16, { bytesPerMs: 32, rttMs: 400 })).toEqual(Array(20).fill('verified'));
  });

  it("A6 held: at the worker's cap of 64 the same search page over the same link gets every verdict too", async () => {
    expect(await searchOverLink(DEFAULT_LIMITS.perHost, { bytesPerMs: 32, rttMs: 400 })).toEqual(Array(20).fill('verified'));
  });

  // What the review found, with the limit as it was: 10 s from each request's start.
  it('A6 baseline: at 64 with a fixed 10 s per request, that page greys out: most results "couldn\'t check" (FETCH_TIMEOUT)', async () => {
    const results = await searchOverLink(64, { bytesPerMs: 32, rttMs: 400 }, { totalMs: 10_000 });
    expect(results.filter((r) => r === 'FETCH_TIMEOUT').length).toBeGreaterThanOrEqual(15);
  });

  // A stream silent for longer than two of its own windows while the host sends others' bodies
  // (the 60th file's body waits 60 x 6 KiB at 128 kbit/s, 23 s): judged by its own silence, it
  // would time out; judged by the host's, it is read.
  it('A9 held: a server that sends one body after another (each stream silent while it waits its turn) still gets every verdict at 64', async () => {
    expect(await searchOverLink(DEFAULT_LIMITS.perHost, { bytesPerMs: 32, rttMs: 400, serial: true })).toEqual(Array(20).fill('verified'));
    const { verdict, took } = await releaseOverLink(60, DEFAULT_LIMITS.perHost, { bytesPerMs: 16, rttMs: 300, serial: true });
    expect(verdict.status).toBe('verified');
    expect(took).toBeGreaterThan(20_000);
  });

  it('A8 held: the 10 s starts when the host lets a request go, not while it waits its turn: 200 files answered in 1 s each all verify', async () => {
    const routes = pypiRelease('big', '1.0', 200);
    let open = 0;
    let peak = 0;
    const slow = ((input: URL | RequestInfo) => {
      open++;
      peak = Math.max(peak, open);
      return new Promise<Response>((resolve) =>
        setTimeout(() => {
          open--;
          const body = routes[String(input)];
          resolve(body === undefined ? json({}, 404) : json(body));
        }, 1_000),
      );
    }) as typeof fetch;
    const fetcher = createLimitedFetcher({ fetchImpl: slow });
    const v = await underFakeTime(() => verifyPypiRelease({ registry: 'pypi', name: 'big', version: '1.0' }, { fetcher, verifiers, trust, now: () => Date.now() }));
    expect(v).toMatchObject({ status: 'verified' });
    expect(v.files).toHaveLength(200);
    expect(peak).toBe(DEFAULT_LIMITS.perHost);
  });
});

/** A CDN that answers 429 when its token bucket (per client) is empty; `retryAfter` seconds if given. */
function rateLimited(o: { capacity: number; perSecond: number; rttMs: number; routes: Record<string, unknown>; retryAfter?: number }) {
  let tokens = o.capacity;
  let last = Date.now();
  let open = 0;
  let peak = 0;
  const sent: { url: string; at: number; status: number }[] = [];
  const fetchImpl = ((input: URL | RequestInfo, init?: RequestInit) => {
    const url = String(input);
    open++;
    peak = Math.max(peak, open);
    return new Promise<Response>((resolve, reject) => {
      const signal = init?.signal ?? undefined;
      const t = setTimeout(() => {
        open--;
        const now = Date.now();
        tokens = Math.min(o.capacity, tokens + ((now - last) / 1000) * o.perSecond);
        last = now;
        if (tokens < 1) {
          sent.push({ url, at: now, status: 429 });
          resolve(json({}, 429, o.retryAfter === undefined ? {} : { 'retry-after': String(o.retryAfter) }));
          return;
        }
        tokens -= 1;
        sent.push({ url, at: now, status: 200 });
        const body = o.routes[url];
        resolve(body === undefined ? json({}, 404) : json(body));
      }, o.rttMs);
      signal?.addEventListener('abort', () => (clearTimeout(t), open--, reject(new DOMException('aborted', 'AbortError'))), { once: true });
    });
  }) as typeof fetch;
  return { fetchImpl, sent, peak: () => peak };
}

describe('review7 B: 64 at once against a rate-limiting CDN (429, backoff 0.5 s then 1 s, two retries)', () => {
  async function searchAgainst(perHost: number, cdn: { capacity: number; perSecond: number }) {
    const routes: Record<string, unknown> = {};
    for (let r = 0; r < 20; r++) Object.assign(routes, pypiRelease(`p${r}`, '1.0', 7));
    return underFakeTime(async () => {
      const net = rateLimited({ ...cdn, rttMs: 100, routes });
      const fetcher = createLimitedFetcher({ fetchImpl: net.fetchImpl, perHost });
      const verdicts = await Promise.all(
        Array.from({ length: 20 }, (_, r) => verifyPypiRelease({ registry: 'pypi', name: `p${r}` }, { fetcher, verifiers, trust, now: () => Date.now() })),
      );
      const attempts = new Map<string, number>();
      for (const s of net.sent) attempts.set(s.url, (attempts.get(s.url) ?? 0) + 1);
      return { grey: verdicts.filter((v) => v.status !== 'verified').length, sent: net.sent.length, maxAttempts: Math.max(...attempts.values()), peak: net.peak() };
    });
  }

  it('B1 held: a cold search page against a token bucket (40, 20/s) is no greyer at 64 than at 16, and no document is asked more than 3 times', async () => {
    const cdn = { capacity: 40, perSecond: 20 };
    const old = await searchAgainst(16, cdn);
    const now64 = await searchAgainst(DEFAULT_LIMITS.perHost, cdn);
    expect(now64.grey).toBeLessThanOrEqual(old.grey);
    expect(now64.maxAttempts).toBeLessThanOrEqual(1 + DEFAULT_LIMITS.maxRetries);
    expect(now64.peak).toBeLessThanOrEqual(64);
    // 64 at once does send more (the 429s that 16 would have queued instead): bounded, not a storm.
    expect(now64.sent).toBeLessThanOrEqual(old.sent * 1.5);
  });

  it('B2 held: a bucket deep enough for the page (100, 50/s) gives every verdict at both caps', async () => {
    const cdn = { capacity: 100, perSecond: 50 };
    expect((await searchAgainst(16, cdn)).grey).toBe(0);
    expect((await searchAgainst(DEFAULT_LIMITS.perHost, cdn)).grey).toBe(0);
  });
});

// ---------------------------------------------------------------------------------------------
// A browser HTTP cache in front of a registry that answers with its real Cache-Control
// (e2e/server/registry-cache-headers.ts): PyPI's JSON API 900 s, its Simple API and Integrity API
// 600 s (the latter on its 404 too), npm's version documents 300 s, npm's attestations none.
// `default` reuses a fresh copy, `no-cache` asks the registry (a conditional request: still one),
// `no-store` neither reads nor writes the cache.
function cacheControlOf(url: string, status: number): string | undefined {
  const u = new URL(url);
  if (u.host === 'pypi.org') {
    if (status === 200 && /^\/pypi\/[^/]+(\/[^/]+)?\/json\/?$/.test(u.pathname)) return 'max-age=900, public';
    if ((status === 200 || status === 404) && u.pathname.startsWith('/integrity/')) return 'max-age=600, public';
    if (status === 200 && u.pathname.startsWith('/simple/')) return 'max-age=600, public';
  }
  if (u.host === 'registry.npmjs.org' && status === 200 && !u.pathname.startsWith('/-/')) return 'public, max-age=300';
  return undefined;
}

/** `ages`: a document's Age as the CDN sends it (seconds it has held it already), by URL. */
function browserWithCache(routes: Record<string, unknown>, ages: Record<string, number> = {}) {
  const disk = new Map<string, { body: unknown; status: number; at: number; age: number; maxAgeMs: number }>();
  const network: { url: string; mode: RequestCache }[] = [];
  const fetchImpl = (async (input: URL | RequestInfo, init?: RequestInit) => {
    const url = String(input);
    const mode = init?.cache ?? 'default';
    const now = Date.now();
    const kept = disk.get(url);
    const headers = (cc: string | undefined, at: number, age: number): Record<string, string> => ({
      date: new Date(at).toUTCString(),
      ...(age > 0 ? { age: String(age) } : {}),
      ...(cc === undefined ? {} : { 'cache-control': cc }),
    });
    if (mode === 'default' && kept && now - kept.at + kept.age * 1000 < kept.maxAgeMs) return json(kept.body, kept.status, headers(cacheControlOf(url, kept.status), kept.at, kept.age));
    network.push({ url, mode });
    const body = routes[url];
    const status = body === undefined ? 404 : 200;
    const cc = cacheControlOf(url, status);
    const maxAge = cc === undefined ? undefined : Number(/max-age=(\d+)/.exec(cc)?.[1]);
    const age = ages[url] ?? 0;
    if (mode !== 'no-store' && maxAge !== undefined) disk.set(url, { body: body ?? {}, status, at: now, age, maxAgeMs: maxAge * 1000 });
    return json(body ?? {}, status, headers(cc, now, age));
  }) as typeof fetch;
  const integrity = () => network.filter((n) => isIntegrity(n.url) || n.url.includes('/-/npm/v1/attestations/'));
  return { fetchImpl, network, integrity, clearLog: () => void network.splice(0) };
}

/** The fetcher as it was before 419c5d9: provenance documents went through the HTTP cache like any other. */
const beforeNoStore = (fetcher: Fetcher): Fetcher => (url, init) => {
  const { keptByDigest: _dropped, ...rest } = init;
  return fetcher(url, rest);
};

/** The worker's composition (worker.ts) over `storage` and a browser; a new one is a worker restart. */
function workerOver(fetchImpl: typeof fetch, storage: FakeStorage, options: { trustVersion?: () => string; legacy?: boolean; verifiers?: Verifiers } = {}) {
  const limited = createLimitedFetcher({ fetchImpl });
  const fetcher = options.legacy ? beforeNoStore(limited) : limited;
  const v = options.verifiers ?? verifiers;
  const cache = createVerdictCache(storage, { trustVersion: options.trustVersion ?? (() => '2@tuf-a'), gatherWritesMs: 0 });
  const continuity = createContinuityService({ fetcher, verifiers: v, cache });
  const verdicts = createVerdictService({ fetcher, verifiers: v, trust: () => trust, cache, continuity });
  const timelines = createTimelineService({ fetcher, verifiers: v, trust: () => trust, cache });
  return { verdicts, timelines, cache };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 30));
const MINUTE = 60_000;

/** A PyPI project of `versions`, each release's files attested (verdicts by `verdictOf`), uploaded a day apart. */
function pypiProject(name: string, versions: string[], filesPer: number, verdictOf: ((version: string, i: number) => ArtifactVerdict) | 'unattested' = () => verified) {
  const routes: Record<string, unknown> = {};
  const releases: Record<string, unknown[]> = {};
  const simpleFiles: unknown[] = [];
  versions.forEach((version, n) => {
    const uploaded = new Date(Date.UTC(2025, 0, 1 + n)).toISOString();
    const files = Array.from({ length: filesPer }, (_, i) => ({ filename: wheel(name, version, i), sha256: hex(`${name}|${version}|${i}`) }));
    releases[version] = files.map((f) => ({ filename: f.filename, packagetype: 'bdist_wheel', digests: { sha256: f.sha256 }, upload_time_iso_8601: uploaded, yanked: false }));
    routes[releaseUrl(name, version).href] = { info: { name, version }, urls: releases[version] };
    files.forEach((f, i) => {
      const attested = verdictOf !== 'unattested';
      if (attested) routes[provenanceUrl(name, version, f.filename).href] = { verdict: verdictOf(version, i) };
      simpleFiles.push({ filename: f.filename, hashes: { sha256: f.sha256 }, provenance: attested ? provenanceUrl(name, version, f.filename).href : null });
    });
  });
  const latest = versions[versions.length - 1] as string;
  routes[releaseUrl(name).href] = { info: { name, version: latest }, urls: releases[latest], releases };
  routes[simpleUrl(name).href] = { meta: { 'api-version': '1.4' }, name, versions, files: simpleFiles };
  return routes;
}

describe("review7 C: provenance documents past the browser's HTTP cache (no-store), on revisits", () => {
  afterEach(() => {
    vi.useRealTimers();
  });
  const at = (t: number) => vi.setSystemTime(t);
  const T0 = Date.UTC(2026, 11, 7, 9, 0, 0);
  const release = { registry: 'pypi' as const, name: 'demo', version: '1.2' };

  it('C1 held: provenance documents go out no-store on every path (first ask, revalidating ask, retry); release documents through the HTTP cache', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    at(T0);
    const browser = browserWithCache(pypiProject('demo', ['1.0', '1.1', '1.2'], 3));
    const w = workerOver(browser.fetchImpl, fakeStorage());
    await w.verdicts.getVerdict(release);
    await w.verdicts.getVerdict(release, { revalidate: true });
    await w.verdicts.getVerdict(release, { fresh: true });
    await settle();
    const modes = new Set(browser.network.filter((n) => isIntegrity(n.url)).map((n) => n.mode));
    expect([...modes]).toEqual(['no-store']);
    expect(browser.network.filter((n) => !isIntegrity(n.url)).every((n) => n.mode !== 'no-store')).toBe(true);
  });

  it('C2 held: a revisit after the release JSON went stale (16 min) and a worker restart re-reads the release, not one provenance document', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    at(T0);
    const browser = browserWithCache(pypiProject('demo', ['1.0', '1.1', '1.2'], 5));
    const storage = fakeStorage();
    expect((await workerOver(browser.fetchImpl, storage).verdicts.getVerdict(release)).status).toBe('verified');
    await settle();
    // First visit: the release's five files and the continuity note's one file of 1.1 (verified: it stops there).
    expect(browser.integrity()).toHaveLength(5 + 1);
    browser.clearLog();
    at(T0 + 16 * MINUTE);
    const again = workerOver(browser.fetchImpl, storage);
    expect((await again.verdicts.getVerdict(release)).status).toBe('verified');
    await settle();
    expect(browser.integrity()).toEqual([]);
    expect(browser.network.map((n) => n.url)).toContain(releaseUrl('demo', '1.2').href);
  });

  it('C3 held: a retry asks each attested file once, as the no-cache revalidation did before (one request each either way)', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    at(T0);
    for (const legacy of [true, false]) {
      const browser = browserWithCache(pypiProject('demo', ['1.0', '1.1', '1.2'], 4));
      const w = workerOver(browser.fetchImpl, fakeStorage(), { legacy });
      await w.verdicts.getVerdict(release);
      await settle();
      browser.clearLog();
      expect((await w.verdicts.getVerdict(release, { fresh: true })).status).toBe('verified');
      const release12 = browser.integrity().filter((n) => n.url.includes('/1.2/'));
      expect(release12).toHaveLength(4);
    }
  });

  it('C4 held: the continuity note and the release history, asked after the page (and after a worker restart), read no provenance document the page or the note decided', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    at(T0);
    const browser = browserWithCache(pypiProject('demo', ['1.0', '1.1', '1.2'], 3));
    const storage = fakeStorage();
    const w = workerOver(browser.fetchImpl, storage);
    await w.verdicts.getVerdict(release);
    await settle();
    const first = browser.integrity().length;
    // A continuity note reads one file per earlier release; the timeline verifies every file.
    const restarted = workerOver(browser.fetchImpl, storage);
    browser.clearLog();
    const answer = await restarted.timelines.timeline({ registry: 'pypi', name: 'demo' }, 'popup');
    expect(answer.kind).toBe('timeline');
    // Only the files neither the page nor its note looked at: all of 1.0, and 1.1's but the first.
    const unseen = [...[0, 1, 2].map((i) => ['1.0', i] as const), ...[1, 2].map((i) => ['1.1', i] as const)];
    expect(browser.integrity().map((n) => n.url).sort()).toEqual(unseen.map(([v, i]) => provenanceUrl('demo', v, wheel('demo', v, i)).href).sort());
    expect(first).toBe(3 + 1);
    // The note after its 30 minutes, in another restarted worker: from the digest cache only.
    at(T0 + 31 * MINUTE);
    browser.clearLog();
    const later = workerOver(browser.fetchImpl, storage);
    await later.verdicts.getVerdict(release);
    await settle();
    expect(browser.integrity()).toEqual([]);
  });

  it('C5 held: an npm version revisited after a worker restart costs no request at all (its verdict is immutable by digest)', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    at(T0);
    const integrity = `sha512-${createHash('sha512').update('tarball').digest('base64')}`;
    const routes = {
      [versionUrl('left-pad', '1.3.0').href]: { name: 'left-pad', version: '1.3.0', dist: { integrity, tarball: 'https://registry.npmjs.org/left-pad/-/left-pad-1.3.0.tgz', attestations: { url: 'x' } } },
      [attestationsUrl('left-pad', '1.3.0').href]: { verdict: verified },
    };
    const browser = browserWithCache(routes);
    const storage = fakeStorage();
    const pkg = { registry: 'npm' as const, name: 'left-pad', version: '1.3.0' };
    expect((await workerOver(browser.fetchImpl, storage).verdicts.getVerdict(pkg)).status).toBe('verified');
    await settle();
    expect(browser.network.filter((n) => n.url.includes('/attestations/')).map((n) => n.mode)).toEqual(['no-store']);
    browser.clearLog();
    at(T0 + 2 * MINUTE);
    expect((await workerOver(browser.fetchImpl, storage).verdicts.getVerdict(pkg)).status).toBe('verified');
    await settle();
    expect(browser.network.filter((n) => !n.url.includes('/packages/') && !n.url.endsWith('left-pad'))).toEqual([]);
  });

  // A file whose provenance arrived and was read, but whose verdict is "couldn't check" for a
  // reason no network can change: a publisher the core has no cross-check for, or a log or CA the
  // trust material does not know yet (TUF refresh blocked, snapshot older than the entry). Such
  // verdicts are never kept (cache.ts keeps no `unavailable`), so "kept by digest" does not hold.
  const undecidable = (version: string, i: number): ArtifactVerdict =>
    version !== '1.2'
      ? verified
      : i === 0
        ? { status: 'unavailable', code: 'POLICY_UNSUPPORTED_PUBLISHER', message: 'publisher kind Other is not supported' }
        : { status: 'unavailable', code: 'TRUST_UNKNOWN_LOG', message: 'transparency log is not in the trusted root (trust root may be out of date)' };

  async function revisitUndecidable(legacy: boolean) {
    vi.useFakeTimers({ toFake: ['Date'] });
    at(T0);
    const browser = browserWithCache(pypiProject('demo', ['1.0', '1.1', '1.2'], 2, undecidable));
    const storage = fakeStorage();
    const first = await workerOver(browser.fetchImpl, storage, { legacy }).verdicts.getVerdict(release);
    await settle();
    browser.clearLog();
    // The reader comes back two minutes later (the worker stopped meanwhile, as MV3 workers do).
    at(T0 + 2 * MINUTE);
    const again = await workerOver(browser.fetchImpl, storage, { legacy }).verdicts.getVerdict(release);
    await settle();
    return { first, again, integrity: browser.integrity().map((n) => n.url).filter((u) => u.includes('/1.2/')) };
  }

  it('C6 baseline (provenance through the HTTP cache, as before 419c5d9): revisiting a release whose files are "couldn\'t check" for good, within 10 minutes, reads its provenance from the browser cache', async () => {
    const { first, again, integrity } = await revisitUndecidable(true);
    expect(first).toMatchObject({ status: 'unavailable', code: 'POLICY_UNSUPPORTED_PUBLISHER', retryable: false });
    expect(again).toMatchObject({ status: 'unavailable', code: 'POLICY_UNSUPPORTED_PUBLISHER' });
    expect(integrity).toEqual([]);
  });

  // Found, and accepted: a "couldn't check" is never kept (it is checked anew), so with no-store
  // its provenance is downloaded again; worth the network process's CPU no-store saves on every
  // cold page, and it happens only for releases no verdict can be given for.
  it('C7 accepted cost: revisiting that release within the Integrity API\'s 10 minutes downloads both provenance documents again: their verdicts are not kept by digest, and no-store keeps them from the HTTP cache', async () => {
    const { again, integrity } = await revisitUndecidable(false);
    expect(again).toMatchObject({ status: 'unavailable', code: 'POLICY_UNSUPPORTED_PUBLISHER' });
    expect(integrity).toHaveLength(2);
  });

  // A red release: its files' verdicts are kept by digest (invalid is cached). Its continuity
  // look-ahead (verdicts.ts lookAhead -> continuity anticipate) verifies 1.1 beside it, but a red
  // verdict takes no note, so that work is never stored (annotate stores only what it used). The
  // release JSON comes from the CDN already 14 of its 15 minutes old (Age: 840), as a popular
  // project's often does: the kept answer stands for one minute, the page is decided again after.
  const forged: ArtifactVerdict = { status: 'invalid', code: 'SIGNATURE_INVALID', message: 'signature does not verify' };
  async function revisitRed(legacy: boolean) {
    vi.useFakeTimers({ toFake: ['Date'] });
    at(T0);
    const routes = pypiProject('demo', ['1.0', '1.1', '1.2'], 2, (version) => (version === '1.2' ? forged : verified));
    const browser = browserWithCache(routes, { [releaseUrl('demo', '1.2').href]: 840, [releaseUrl('demo').href]: 840 });
    const storage = fakeStorage();
    const first = await workerOver(browser.fetchImpl, storage, { legacy }).verdicts.getVerdict(release);
    await settle();
    const firstIntegrity = browser.integrity().map((n) => n.url);
    browser.clearLog();
    at(T0 + 2 * MINUTE);
    const again = await workerOver(browser.fetchImpl, storage, { legacy }).verdicts.getVerdict(release);
    await settle();
    return { first, again, firstIntegrity, integrity: browser.integrity().map((n) => n.url) };
  }

  it('C9 baseline (as before 419c5d9): a red release revisited 2 minutes later, in a restarted worker, costs no provenance request', async () => {
    const { first, again, firstIntegrity, integrity } = await revisitRed(true);
    expect(first).toMatchObject({ status: 'invalid', code: 'SIGNATURE_INVALID' });
    expect(again).toMatchObject({ status: 'invalid', code: 'SIGNATURE_INVALID' });
    // The first visit's look-ahead did verify 1.1 beside the page's own two files.
    expect(firstIntegrity).toContain(provenanceUrl('demo', '1.1', wheel('demo', '1.1', 0)).href);
    expect(integrity).toEqual([]);
  });

  // Found, and accepted for now (a follow-up: keep the look-ahead's verdicts whatever the page's).
  it("C10 accepted cost: the same revisit now downloads 1.1's provenance again: the continuity look-ahead's verdicts are dropped when the page's verdict is red or grey, and no-store keeps the document from the HTTP cache", async () => {
    const { again, integrity } = await revisitRed(false);
    expect(again).toMatchObject({ status: 'invalid', code: 'SIGNATURE_INVALID' });
    expect(integrity).toEqual([provenanceUrl('demo', '1.1', wheel('demo', '1.1', 0)).href]);
  });

  it('C11 held: the page asked again in the same worker (the popup, the details panel, a reload) costs no request at all while the release JSON is fresh', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    at(T0);
    const browser = browserWithCache(pypiProject('demo', ['1.0', '1.1', '1.2'], 4));
    const w = workerOver(browser.fetchImpl, fakeStorage());
    await w.verdicts.getVerdict(release);
    await settle();
    browser.clearLog();
    at(T0 + 5 * MINUTE);
    expect((await w.verdicts.getVerdict(release)).status).toBe('verified');
    expect((await w.verdicts.getVerdict({ registry: 'pypi', name: 'demo' })).status).toBe('verified');
    expect(await w.verdicts.kept?.(release)).toMatchObject({ verdict: { status: 'verified' } });
    await settle();
    // "latest" reads the project JSON (through the HTTP cache, fresh): no document goes out.
    expect(browser.network).toEqual([]);
  });

  it("C12 held: npm's attestations endpoint sends no Cache-Control, so no-store costs npm nothing: a verdict not kept (unsupported builder) re-reads its attestations on a revisit with or without it", async () => {
    const counts: number[] = [];
    for (const legacy of [true, false]) {
      vi.useFakeTimers({ toFake: ['Date'] });
      at(T0);
      const integrity = `sha512-${createHash('sha512').update('tarball').digest('base64')}`;
      const routes = {
        [versionUrl('gl-built', '1.0.0').href]: { name: 'gl-built', version: '1.0.0', dist: { integrity, tarball: 'https://registry.npmjs.org/gl-built/-/gl-built-1.0.0.tgz', attestations: { url: 'x' } } },
        [attestationsUrl('gl-built', '1.0.0').href]: { verdict: { status: 'unavailable', code: 'POLICY_UNSUPPORTED_PUBLISHER', message: 'SLSA build type x is not supported' } },
      };
      const browser = browserWithCache(routes);
      const storage = fakeStorage();
      const pkg = { registry: 'npm' as const, name: 'gl-built', version: '1.0.0' };
      await workerOver(browser.fetchImpl, storage, { legacy }).verdicts.getVerdict(pkg);
      await settle();
      browser.clearLog();
      at(T0 + MINUTE);
      expect(await workerOver(browser.fetchImpl, storage, { legacy }).verdicts.getVerdict(pkg)).toMatchObject({ status: 'unavailable', code: 'POLICY_UNSUPPORTED_PUBLISHER' });
      counts.push(browser.integrity().length);
      vi.useRealTimers();
    }
    expect(counts).toEqual([1, 1]);
  });

  it('C13 held: a worker start whose stored trust material is installed before the release document arrives reads the files from the digest cache', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    at(T0);
    const browser = browserWithCache(pypiProject('demo', ['1.0', '1.1', '1.2'], 3));
    const storage = fakeStorage();
    await workerOver(browser.fetchImpl, storage, { trustVersion: () => '2@tuf-a' }).verdicts.getVerdict(release);
    await settle();
    browser.clearLog();
    at(T0 + 20 * MINUTE);
    // worker.ts: trustVersion() names the embedded snapshot until liveTrust.start() has read and
    // installed the stored material; here it is installed as the first registry answer arrives.
    let version = '2@2025-01-01';
    const installing: typeof fetch = async (input, init) => {
      version = '2@tuf-a';
      return browser.fetchImpl(input, init);
    };
    const w = workerOver(installing, storage, { trustVersion: () => version });
    expect((await w.verdicts.getVerdict(release)).status).toBe('verified');
    await settle();
    expect(browser.integrity()).toEqual([]);
  });
});

describe('review7 D: 64 files at once: right verdict per file, bounded work, cancellation, hung registries', () => {
  it('D1 held: 64 files answered in a shuffled order each get their own verdict (no file takes another\'s answer)', async () => {
    const verdictOf = (i: number): ArtifactVerdict =>
      i % 3 === 0 ? verified : i % 3 === 1 ? { ...verified, identity: { ...identity, ref: `refs/tags/v${i}` } } : { status: 'invalid', code: 'SIGNATURE_INVALID', message: `file ${i}` };
    const routes = pypiRelease('mix', '1.0', 64, verdictOf);
    // A deterministic shuffle of delays: later files often answer first.
    const delay = (url: string) => (createHash('sha256').update(url).digest()[0] as number) * 10;
    const shuffled = ((input: URL | RequestInfo) =>
      new Promise<Response>((resolve) => {
        const url = String(input);
        setTimeout(() => resolve(routes[url] === undefined ? json({}, 404) : json(routes[url])), delay(url));
      })) as typeof fetch;
    const fetcher = createLimitedFetcher({ fetchImpl: shuffled });
    const v = await underFakeTime(() => verifyPypiRelease({ registry: 'pypi', name: 'mix', version: '1.0' }, { fetcher, verifiers, trust, now: () => Date.now() }));
    expect(v.files.map((f) => f.filename)).toEqual(Array.from({ length: 64 }, (_, i) => wheel('mix', '1.0', i)));
    v.files.forEach((f, i) => expect(f.verdict).toEqual(verdictOf(i)));
    expect(v).toMatchObject({ status: 'invalid', message: `${wheel('mix', '1.0', 2)}: file 2` });
  });

  it('D2 held: a 500-file release never holds more than 64 provenance documents at once (in flight or awaiting verification)', async () => {
    const routes = pypiRelease('huge', '1.0', 500);
    let held = 0;
    let peak = 0;
    const fetchImpl = ((input: URL | RequestInfo) => {
      const url = String(input);
      if (isIntegrity(url)) peak = Math.max(peak, ++held);
      return new Promise<Response>((resolve) => setTimeout(() => resolve(json(routes[url] ?? {}, routes[url] === undefined ? 404 : 200)), 20));
    }) as typeof fetch;
    const slowVerifiers: Verifiers = {
      ...verifiers,
      // Verification takes longer than the fetch: documents would pile up if nothing bounded them.
      verifyPypiProvenance: (doc) =>
        new Promise((resolve) =>
          setTimeout(() => {
            held--;
            resolve((doc as { verdict: ArtifactVerdict }).verdict);
          }, 200),
        ),
    };
    const fetcher = createLimitedFetcher({ fetchImpl });
    const v = await underFakeTime(() => verifyPypiRelease({ registry: 'pypi', name: 'huge', version: '1.0' }, { fetcher, verifiers: slowVerifiers, trust, now: () => Date.now() }));
    expect(v).toMatchObject({ status: 'verified' });
    expect(peak).toBe(FILE_CONCURRENCY);
  });

  it('D3 held: a registry that never answers the Integrity API: a 130-file release is "couldn\'t check" after 3 timeouts in a row at 64 (30 s; 9 and 90 s at 16)', async () => {
    const routes = pypiRelease('hung', '1.0', 130);
    const fetchImpl = ((input: URL | RequestInfo, init?: RequestInit) => {
      const url = String(input);
      if (!isIntegrity(url)) return Promise.resolve(json(routes[url] ?? {}, routes[url] === undefined ? 404 : 200));
      return new Promise<Response>((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
    }) as typeof fetch;
    const timed = async (perHost: number) => {
      const fetcher = createLimitedFetcher({ fetchImpl, perHost });
      let took = 0;
      const v = await underFakeTime(async () => {
        const start = Date.now();
        const verdict = await verifyPypiRelease({ registry: 'pypi', name: 'hung', version: '1.0' }, { fetcher, verifiers, trust, now: () => Date.now() });
        took = Date.now() - start;
        return verdict;
      });
      return { v, took };
    };
    const worker = await timed(DEFAULT_LIMITS.perHost);
    expect(worker.v).toMatchObject({ status: 'unavailable', code: 'FETCH_TIMEOUT' });
    expect(worker.took).toBeGreaterThanOrEqual(30_000);
    expect(worker.took).toBeLessThan(31_000);
    const sixteen = await timed(16);
    expect(sixteen.took).toBeGreaterThanOrEqual(90_000);
    expect(sixteen.took).toBeLessThan(91_000);
  });

  it('D4 held: cancelling a release history with its Integrity requests open (as many as the host allows) aborts them all, sends none of those queued behind them, and frees the host for a badge', async () => {
    const routes = pypiProject('deep', ['1.0', '1.1', '1.2'], 50);
    Object.assign(routes, pypiRelease('other', '2.0', 3));
    const sent: { url: string; signal: AbortSignal | undefined }[] = [];
    const fetchImpl = ((input: URL | RequestInfo, init?: RequestInit) => {
      const url = String(input);
      const signal = init?.signal ?? undefined;
      sent.push({ url, signal });
      const answer = () => (routes[url] === undefined ? json({}, 404) : json(routes[url]));
      // The timeline's Integrity API requests hang until torn down; everything else answers.
      if (!url.includes('/integrity/deep/')) return Promise.resolve(answer());
      return new Promise<Response>((_resolve, reject) => signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
    }) as typeof fetch;
    const fetcher = createLimitedFetcher({ fetchImpl, timeoutMs: 600_000 });
    const timelines = createTimelineService({ fetcher, verifiers, trust: () => trust });
    const asked = timelines.timeline({ registry: 'pypi', name: 'deep' }, 'popup');
    for (let i = 0; i < 20; i++) await new Promise((r) => setTimeout(r, 1));
    const open = () => sent.filter((s) => s.url.includes('/integrity/deep/'));
    expect(open()).toHaveLength(DEFAULT_LIMITS.perHost);
    // A badge for another package, on the same fetcher: queued behind the open requests.
    const badge = verifyPypiRelease({ registry: 'pypi', name: 'other', version: '2.0' }, { fetcher, verifiers, trust, now: () => Date.now() });
    timelines.gone('popup');
    expect(await asked).toEqual({ kind: 'cancelled' });
    expect(await badge).toMatchObject({ status: 'verified' });
    for (let i = 0; i < 10; i++) await new Promise((r) => setTimeout(r, 1));
    expect(open()).toHaveLength(DEFAULT_LIMITS.perHost);
    expect(open().every((s) => s.signal?.aborted === true)).toBe(true);
  });
});

describe('review7 E: the digest cache evicted by a large release history', () => {
  afterEach(() => {
    vi.useRealTimers();
  });
  const T0 = Date.UTC(2026, 11, 7, 9, 0, 0);

  // The reader checks a 7-file release, then opens the Release history of a big project without
  // provenance (100 releases of 25 wheels: one Simple API request says none has any, and 2,500
  // "none" verdicts are kept by digest, over the cache's 2,000 entries), then goes back to the
  // release three minutes later. The evicted verdicts are decided again; where do the documents come from?
  async function backAfterHistory(legacy: boolean) {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(T0);
    const versions = Array.from({ length: 100 }, (_, i) => `1.${i}`);
    const routes = { ...pypiProject('demo', ['1.0'], 7), ...pypiProject('big', versions, 25, 'unattested') };
    const browser = browserWithCache(routes);
    const w = workerOver(browser.fetchImpl, fakeStorage(), { legacy });
    const page = { registry: 'pypi' as const, name: 'demo', version: '1.0' };
    expect((await w.verdicts.getVerdict(page)).status).toBe('verified');
    await settle();
    vi.setSystemTime(T0 + MINUTE);
    const history = await w.timelines.timeline({ registry: 'pypi', name: 'big' }, 'popup');
    expect(history.kind).toBe('timeline');
    await settle();
    browser.clearLog();
    vi.setSystemTime(T0 + 3 * MINUTE);
    expect((await w.verdicts.getVerdict(page)).status).toBe('verified');
    return browser.integrity().map((n) => n.url);
  }

  it('E1 baseline (as before 419c5d9): going back to the release reads its 7 provenance documents from the browser cache', async () => {
    expect(await backAfterHistory(true)).toEqual([]);
  });

  // Found, and accepted for now (a follow-up: index-derived "none" verdicts should not push
  // badge verdicts out of the cache's 2,000 entries).
  it('E2 accepted cost: going back to the release now downloads its 7 provenance documents again (evicted from the digest cache, kept out of the HTTP cache)', async () => {
    expect(await backAfterHistory(false)).toHaveLength(7);
  });
});

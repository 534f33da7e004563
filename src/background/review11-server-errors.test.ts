// Review 11: an independent attack on the memory of URLs that answered 5xx lately, as kept in
// storage.session (server-errors.ts, fetch-limited.ts). A refusal is FETCH_THROTTLED only at a URL
// that answered 5xx in this browser session within two minutes; a storage that throws, rejects,
// answers nonsense or never answers must neither hold nor break a verdict.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLimitedBytesFetcher, createLimitedFetcher } from './fetch-limited';
import { SERVER_ERROR_MEMORY_MS, SERVER_ERRORS_KEY } from './server-errors';
import type { StorageArea } from './storage-area';

afterEach(() => vi.useRealTimers());

const init = { accept: 'application/json', maxBytes: 10_000 };
const LATEST = new URL('https://pypi.org/pypi/demo/json');
const refusal = () => Promise.reject(new TypeError('Failed to fetch'));
const unavailable = () => Promise.resolve(new Response('x', { status: 503, headers: { 'content-type': 'text/plain' } }));
const T0 = 1_000_000;

/** A storage.session stand-in; `get` may be replaced to misbehave. Counts every call. */
function area(stored?: unknown, get?: () => Promise<Record<string, unknown>>) {
  const items = new Map<string, unknown>(stored === undefined ? [] : [[SERVER_ERRORS_KEY, stored]]);
  const calls = { get: 0, set: 0 };
  const store: StorageArea = {
    get: (key) => (calls.get++, get ? get() : Promise.resolve(Object.fromEntries([...items].filter(([k]) => k === key)))),
    set: async (values) => void (calls.set++, Object.entries(values).forEach(([k, v]) => items.set(k, v))),
    remove: async () => undefined,
  };
  return { store, items, calls };
}

/** A worker's fetcher: URLs in `failing` answer 503, everything else is refused before any answer. */
function worker(store: StorageArea | undefined, now: () => number, failing: (u: string) => boolean = () => false, throttling = true) {
  const fetchImpl = ((input: URL | RequestInfo) => (failing(String(input)) ? unavailable() : refusal())) as typeof fetch;
  return createLimitedFetcher({ fetchImpl, sleep: async () => undefined, now, browserThrottling: throttling, ...(store ? { serverErrorStore: store } : {}) });
}

describe('a storage that misbehaves never holds or breaks a verdict', () => {
  it('get() throws synchronously: the fetcher is still made, a refusal is FETCH_NETWORK', async () => {
    const { store } = area(undefined, () => {
      throw new Error('storage.session unavailable');
    });
    const made = () => worker(store, () => T0);
    expect(made).not.toThrow();
    expect(await made()(LATEST, init)).toMatchObject({ ok: false, code: 'FETCH_NETWORK' });
  });

  it('get() rejects, or resolves to nothing while a refusal waits for it: an answer, never a rejected fetch', async () => {
    const later = <T>(v: () => T) => new Promise<T>((r) => setTimeout(() => r(v()), 20));
    const nothing = () => later(() => undefined as unknown as Record<string, unknown>);
    for (const get of [() => Promise.reject(new Error('no')), () => later(() => Promise.reject(new Error('no'))) as never, nothing]) {
      const fetcher = worker(area(undefined, get).store, () => T0);
      await expect(fetcher(LATEST, init)).resolves.toMatchObject({ ok: false, code: 'FETCH_NETWORK' });
    }
  });

  async function timed(run: () => Promise<unknown>): Promise<number> {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const started = Date.now();
    let done = false;
    const p = run().finally(() => (done = true));
    for (let t = 0; t < 60_000 && !done; t += 50) await vi.advanceTimersByTimeAsync(50);
    await p;
    return Date.now() - started;
  }
  const hanging = () => area(undefined, () => new Promise(() => undefined)).store;

  it('a storage that never answers: 64 concurrent refusals all answer within about 1 s', async () => {
    const fetcher = worker(hanging(), () => Date.now());
    const took = await timed(() => Promise.all(Array.from({ length: 64 }, (_, i) => fetcher(new URL(`/pypi/p${i}/json`, LATEST), init))));
    expect(took).toBeLessThanOrEqual(1_200);
  });

  it('a storage that never answers: 200 concurrent refusals on one host (beyond its 64 slots) still about 1 s', async () => {
    const fetcher = worker(hanging(), () => Date.now());
    const took = await timed(() => Promise.all(Array.from({ length: 200 }, (_, i) => fetcher(new URL(`/pypi/p${i}/json`, LATEST), init))));
    expect(took).toBeLessThanOrEqual(1_200);
  });

  it('a storage that never answers: the wait is paid once per worker, not once per refusal', async () => {
    const fetcher = worker(hanging(), () => Date.now());
    const took = await timed(async () => {
      for (let i = 0; i < 5; i++) expect(await fetcher(LATEST, init)).toMatchObject({ code: 'FETCH_NETWORK' });
    });
    expect(took).toBeLessThanOrEqual(1_200);
  });
});

describe('stored data names only what answered 5xx, in this session, within two minutes', () => {
  it('an entry stamped in the future (clock set back, or hostile data) is not a recent 5xx', async () => {
    for (const at of [T0 + 3_600_000, 1e300]) {
      expect(await worker(area([[LATEST.origin + LATEST.pathname, at]]).store, () => T0)(LATEST, init)).toMatchObject({ code: 'FETCH_NETWORK' });
    }
  });

  it('an entry matches by origin and path only: query and default port aside, case, scheme and encoding apart', async () => {
    const fetcher = worker(area([[LATEST.origin + LATEST.pathname, T0 - 1_000]]).store, () => T0);
    for (const same of ['https://PYPI.org/pypi/demo/json?x=1', 'https://pypi.org:443/pypi/demo/json#f']) expect(await fetcher(new URL(same), init)).toMatchObject({ code: 'FETCH_THROTTLED' });
    for (const other of ['http://pypi.org/pypi/demo/json', 'https://pypi.org/pypi/Demo/json', 'https://pypi.org/pypi/demo/json/', 'https://files.pythonhosted.org/pypi/demo/json', 'https://pypi.org/pypi/d%C3%A9mo/json'])
      expect(await fetcher(new URL(other), init)).toMatchObject({ code: 'FETCH_NETWORK' });
  });

  it('past 256 URLs the oldest go; the store never holds more than 256', async () => {
    const clock = { now: T0 };
    const s = area();
    const urls = Array.from({ length: 300 }, (_, i) => new URL(`/pypi/p${i}/json`, LATEST));
    const first = worker(s.store, () => clock.now, () => true);
    for (const u of urls) {
      await first(u, { ...init, once: true });
      clock.now += 1;
    }
    await new Promise((r) => setTimeout(r, 0));
    expect((s.items.get(SERVER_ERRORS_KEY) as unknown[]).length).toBeLessThanOrEqual(256);
    const next = worker(s.store, () => clock.now);
    expect(await next(urls[0]!, init)).toMatchObject({ code: 'FETCH_NETWORK' });
    expect(await next(urls[299]!, init)).toMatchObject({ code: 'FETCH_THROTTLED' });
  });

  it('records made while the first read is still open lose neither them nor what was stored', async () => {
    let answer: (v: Record<string, unknown>) => void = () => undefined;
    const s = area(undefined, () => new Promise((r) => (answer = r)));
    const fetcher = worker(s.store, () => T0, (u) => u.includes('/new'));
    await Promise.all([1, 2, 3].map((i) => fetcher(new URL(`/pypi/new${i}/json`, LATEST), { ...init, once: true })));
    answer({ [SERVER_ERRORS_KEY]: [['https://pypi.org/pypi/old/json', T0 - 5_000]] });
    await new Promise((r) => setTimeout(r, 0));
    const keys = (s.items.get(SERVER_ERRORS_KEY) as [string, number][]).map(([k]) => k).sort();
    expect(keys).toEqual(['https://pypi.org/pypi/new1/json', 'https://pypi.org/pypi/new2/json', 'https://pypi.org/pypi/new3/json', 'https://pypi.org/pypi/old/json']);
  });

  it('a very long URL that answered 503 is not written where the next worker would not read it back', async () => {
    const s = area();
    const long = new URL(`/integrity/demo/1.0/${'a'.repeat(50_000)}.whl/provenance`, LATEST);
    await worker(s.store, () => T0, () => true)(long, { ...init, once: true });
    await new Promise((r) => setTimeout(r, 0));
    const stored = (s.items.get(SERVER_ERRORS_KEY) ?? []) as [string, number][];
    expect(stored.every(([k]) => k.length <= 2048)).toBe(true);
  });
});

describe('no storage where no browser throttles (the CLI)', () => {
  it('fetchers with browserThrottling false never read or write the store, even when handed one', async () => {
    const s = area([[LATEST.origin + LATEST.pathname, T0]]);
    const fetchImpl = (() => (s.calls.set === 0 ? unavailable() : refusal())) as typeof fetch;
    const cli = createLimitedFetcher({ fetchImpl, sleep: async () => undefined, now: () => T0, serverErrorStore: s.store });
    const bytes = createLimitedBytesFetcher({ fetchImpl, sleep: async () => undefined, now: () => T0, serverErrorStore: s.store });
    expect(await cli(LATEST, init)).toMatchObject({ code: 'FETCH_HTTP_STATUS' });
    expect(await bytes(LATEST, init)).toMatchObject({ code: 'FETCH_HTTP_STATUS' });
    expect(await worker(s.store, () => T0, () => false, false)(LATEST, init)).toMatchObject({ code: 'FETCH_NETWORK' });
    expect(s.calls).toEqual({ get: 0, set: 0 });
    expect(SERVER_ERROR_MEMORY_MS).toBe(120_000);
  });
});

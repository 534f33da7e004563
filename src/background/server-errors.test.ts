// The browser's refusal after server errors (server-errors.ts), told apart from the network: a
// fetch() that rejects before any answer, at a URL this fetcher saw answer 5xx within two
// minutes, is FETCH_THROTTLED; anything else stays FETCH_NETWORK. And one deadline per request,
// its retries included.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLimitedFetcher } from './fetch-limited';
import { SERVER_ERROR_MEMORY_MS, SERVER_ERRORS_KEY } from './server-errors';

afterEach(() => {
  vi.useRealTimers();
});

const init = { accept: 'application/json', maxBytes: 10_000 };
const LATEST = new URL('https://pypi.org/pypi/demo/json');
const refusal = () => Promise.reject(new TypeError('Failed to fetch'));
const unavailable = () => Promise.resolve(new Response('Service Unavailable', { status: 503, headers: { 'content-type': 'text/plain' } }));

/** A browser that answers `LATEST` 503 `fails` times, then refuses it; every other URL is refused too. */
function browser(fails: number) {
  let clock = 0;
  let served = 0;
  const fetchImpl = ((input: URL | RequestInfo) => {
    if (String(input).startsWith(LATEST.href) && served < fails) {
      served++;
      return unavailable();
    }
    return refusal();
  }) as typeof fetch;
  const fetcher = createLimitedFetcher({ fetchImpl, sleep: async () => undefined, now: () => clock, browserThrottling: true });
  return { fetcher, advance: (ms: number) => (clock += ms) };
}

describe('a request the browser refuses after server errors', () => {
  it('refused after the URL answered 503: FETCH_THROTTLED, at once, and so are its later requests, query or not', async () => {
    const b = browser(3);
    expect(await b.fetcher(LATEST, init)).toMatchObject({ ok: false, code: 'FETCH_HTTP_STATUS', status: 503 });
    expect(await b.fetcher(LATEST, init)).toMatchObject({ ok: false, code: 'FETCH_THROTTLED' });
    expect(await b.fetcher(new URL('?page=2', LATEST), init)).toMatchObject({ ok: false, code: 'FETCH_THROTTLED' });
  });

  it('a retry refused after its first attempt answered 503 ends as FETCH_THROTTLED, not retried further', async () => {
    expect(await browser(1).fetcher(LATEST, init)).toMatchObject({ ok: false, code: 'FETCH_THROTTLED' });
  });

  it('another URL refused, or the same one after two minutes: FETCH_NETWORK (the network, as far as anyone can tell)', async () => {
    const b = browser(3);
    await b.fetcher(LATEST, init);
    expect(await b.fetcher(new URL('https://pypi.org/pypi/demo/1.0/json'), init)).toMatchObject({ ok: false, code: 'FETCH_NETWORK' });
    b.advance(SERVER_ERROR_MEMORY_MS);
    expect(await b.fetcher(LATEST, init)).toMatchObject({ ok: false, code: 'FETCH_NETWORK' });
  });

  it("where no browser throttles (the CLI's fetcher), a refusal after a 503 is the network's: FETCH_NETWORK", async () => {
    let calls = 0;
    const fetchImpl = (() => (calls++ === 0 ? unavailable() : refusal())) as typeof fetch;
    const cli = createLimitedFetcher({ fetchImpl, sleep: async () => undefined });
    expect(await cli(LATEST, init)).toMatchObject({ ok: false, code: 'FETCH_NETWORK' });
  });

  it('never a 5xx from this URL: a refusal is FETCH_NETWORK', async () => {
    expect(await browser(0).fetcher(LATEST, init)).toMatchObject({ ok: false, code: 'FETCH_NETWORK' });
  });

  it('a body cut short after a 200, at a URL that answered 503 before: FETCH_NETWORK (the registry answered)', async () => {
    let calls = 0;
    const fetchImpl = (() => {
      if (calls++ === 0) return unavailable();
      const body = new ReadableStream<Uint8Array>({
        start(c) {
          c.enqueue(new TextEncoder().encode('{"info":'));
          c.error(new TypeError('network error'));
        },
      });
      return Promise.resolve(new Response(body, { status: 200, headers: { 'content-type': 'application/json' } }));
    }) as typeof fetch;
    const fetcher = createLimitedFetcher({ fetchImpl, sleep: async () => undefined, browserThrottling: true });
    expect(await fetcher(LATEST, init)).toMatchObject({ ok: false, code: 'FETCH_NETWORK' });
  });
});

describe('one deadline per request, its retries included', () => {
  it('a registry whose 503 comes after 15 s is given up at 40 s, not waited out three times', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    let attempts = 0;
    const slow503 = ((_: unknown, init?: RequestInit) => {
      attempts++;
      return new Promise<Response>((resolve, reject) => {
        const t = setTimeout(() => void unavailable().then(resolve), 15_000);
        init?.signal?.addEventListener('abort', () => {
          clearTimeout(t);
          reject(new DOMException('aborted', 'AbortError'));
        });
      });
    }) as typeof fetch;
    // Silence is not what ends it here (the host keeps talking to others, as in review8's A8).
    const fetcher = createLimitedFetcher({ fetchImpl: slow503, timeoutMs: 20_000 });
    const started = Date.now();
    const outcome = fetcher(LATEST, init);
    let settled = false;
    void outcome.finally(() => (settled = true));
    for (let t = 0; t < 120_000 && !settled; t += 100) await vi.advanceTimersByTimeAsync(100);
    expect(await outcome).toMatchObject({ ok: false, code: 'FETCH_TIMEOUT', message: 'no whole answer within 40000 ms' });
    expect(Date.now() - started).toBeLessThanOrEqual(40_100);
    expect(attempts).toBe(3);
  });
});

/** A storage.session stand-in: a Map, optionally one that never answers a read. */
function sessionArea(hang = false) {
  const items = new Map<string, unknown>();
  return {
    items,
    get: (key: string | string[] | null) => (hang ? new Promise<Record<string, unknown>>(() => undefined) : Promise.resolve(Object.fromEntries([...items].filter(([k]) => k === key)))),
    set: async (values: Record<string, unknown>) => void Object.entries(values).forEach(([k, v]) => items.set(k, v)),
    remove: async () => undefined,
  };
}

describe('the memory of server errors across worker restarts (storage.session)', () => {
  /** A worker's fetcher over `session`: LATEST answers 503 `fails` times, then is refused. */
  function worker(session: ReturnType<typeof sessionArea> | undefined, fails: number, clock: { now: number }, throttling = true) {
    let served = 0;
    const fetchImpl = ((input: URL | RequestInfo) => (String(input).startsWith(LATEST.href) && served++ < fails ? unavailable() : refusal())) as typeof fetch;
    return createLimitedFetcher({ fetchImpl, sleep: async () => undefined, now: () => clock.now, browserThrottling: throttling, ...(session ? { serverErrorStore: session } : {}) });
  }

  it('a new worker takes a refusal at a URL the worker before it saw answer 5xx for the browser throttling', async () => {
    const clock = { now: 1_000 };
    const session = sessionArea();
    expect(await worker(session, 3, clock)(LATEST, init)).toMatchObject({ code: 'FETCH_HTTP_STATUS', status: 503 });
    clock.now += 60_000;
    expect(await worker(session, 0, clock)(LATEST, init)).toMatchObject({ ok: false, code: 'FETCH_THROTTLED' });
    // Without the stored memory the same refusal reads as the network.
    expect(await worker(undefined, 0, clock)(LATEST, init)).toMatchObject({ ok: false, code: 'FETCH_NETWORK' });
  });

  it('forgets after two minutes, and keeps other URLs apart', async () => {
    const clock = { now: 1_000 };
    const session = sessionArea();
    await worker(session, 3, clock)(LATEST, init);
    expect(await worker(session, 0, clock)(new URL('https://pypi.org/pypi/other/json'), init)).toMatchObject({ code: 'FETCH_NETWORK' });
    clock.now += SERVER_ERROR_MEMORY_MS;
    expect(await worker(session, 0, clock)(LATEST, init)).toMatchObject({ code: 'FETCH_NETWORK' });
  });

  it('ignores stored data it did not write, and a storage that never answers holds nothing for more than a second', async () => {
    const clock = { now: 1_000 };
    const odd = sessionArea();
    odd.items.set(SERVER_ERRORS_KEY, [['https://pypi.org/pypi/demo/json', 'soon'], 'x', [1, 2], { a: 1 }]);
    expect(await worker(odd, 0, clock)(LATEST, init)).toMatchObject({ code: 'FETCH_NETWORK' });
    odd.items.set(SERVER_ERRORS_KEY, 'not a list');
    expect(await worker(odd, 0, clock)(LATEST, init)).toMatchObject({ code: 'FETCH_NETWORK' });
    const started = Date.now();
    expect(await worker(sessionArea(true), 0, clock)(LATEST, init)).toMatchObject({ code: 'FETCH_NETWORK' });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('is not kept by a fetcher the browser does not throttle (the CLI)', async () => {
    const clock = { now: 1_000 };
    const session = sessionArea();
    await worker(session, 3, clock, false)(LATEST, init);
    expect(session.items.has(SERVER_ERRORS_KEY)).toBe(false);
  });
});

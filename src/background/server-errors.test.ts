// The browser's refusal after server errors (server-errors.ts), told apart from the network: a
// fetch() that rejects before any answer, at a URL this fetcher saw answer 5xx within two
// minutes, is FETCH_THROTTLED; anything else stays FETCH_NETWORK. And one deadline per request,
// its retries included.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLimitedFetcher } from './fetch-limited';
import { SERVER_ERROR_MEMORY_MS } from './server-errors';

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

// The worker's real Fetcher: every registry request passes through here, so every limit the
// adapters rely on (time, size, redirects, content type, rate) is enforced in one place.
import type { ErrorCode } from '../core/errors';
import type { FetchInit, FetchOutcome, Fetcher } from '../registries/fetcher';
import { type HostHearing, watchRequest } from './fetch-watchdog';
import { HostLimiter } from './host-limiter';
import { freshForMs } from './http-freshness';
import { BodyTooLarge, readLimited, retryAfterMs } from './read-body';

export interface FetchLimits {
  /** Silence allowed: a window this long in which the host sent nothing ends a request (fetch-watchdog.ts). */
  timeoutMs: number;
  /** The whole answer's cap, however steadily it arrives (fetch-watchdog.ts). */
  totalMs: number;
  /** Retries after a 429 or 5xx, on top of the first attempt. */
  maxRetries: number;
  backoffBaseMs: number;
  /** Cap on any wait, including a server's Retry-After: a badge must not wait minutes. */
  maxDelayMs: number;
  perHost: number;
  fetchImpl: typeof fetch;
  sleep: (ms: number) => Promise<void>;
  now: () => number;
}

export const DEFAULT_LIMITS: FetchLimits = {
  timeoutMs: 10_000,
  totalMs: 30_000,
  maxRetries: 2,
  backoffBaseMs: 500,
  maxDelayMs: 4_000,
  // The registries answer over HTTP/2 (one connection, many streams), where a browser asks for a
  // page's resources all at once, up to the server's stream limit (commonly 100); uv downloads 50
  // files from PyPI at once. A release's files are one request each (PyPI has no batch call): on
  // a registry 50 ms away a 60-file release waits 17.6 round trips at 4, 6.4 at 16 and 3.9 at 64
  // (bench/round-trips.ts). At 64 on a slow link each answer takes longer while the link is
  // shared, which a limit on the host's silence allows and a fixed one did not (fetch-watchdog.ts;
  // review7-fetching.test.ts A3-A6).
  perHost: 64,
  fetchImpl: (input, init) => fetch(input, init),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  now: () => Date.now(),
};

/** A raw body (TUF metadata and targets: signatures and hashes cover the exact bytes). */
export type BytesOutcome = { ok: true; status: number; bytes: Uint8Array; freshForMs?: number } | Extract<FetchOutcome, { ok: false }>;
type Attempt<T = FetchOutcome> = T | { retry: true; status: number; delayMs: number | undefined };

function fail(code: ErrorCode, message: string, status?: number): Extract<FetchOutcome, { ok: false }> {
  return status === undefined ? { ok: false, code, message } : { ok: false, status, code, message };
}

function isJsonType(contentType: string | null): boolean {
  const essence = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  return essence === 'application/json' || /^application\/[a-z0-9.+-]*\+json$/.test(essence);
}

async function attempt(url: URL, init: FetchInit, limits: FetchLimits, host: HostHearing): Promise<Attempt> {
  const result = await attemptBytes(url, init, limits, host, true);
  if ('retry' in result || !result.ok) return result;
  try {
    const json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(result.bytes)) as unknown;
    return { ok: true, status: result.status, json, ...(result.freshForMs === undefined ? {} : { freshForMs: result.freshForMs }) };
  } catch {
    return fail('PARSE_JSON', 'malformed JSON', result.status);
  }
}

const cancelled = () => fail('FETCH_NETWORK', 'cancelled: nobody waits for this answer any more');
// A function, not an inline test: the signal changes while the request is open.
const isCancelled = (init: FetchInit): boolean => init.signal?.aborted === true;

async function attemptBytes(url: URL, init: FetchInit, limits: FetchLimits, host: HostHearing, requireJson: boolean): Promise<Attempt<BytesOutcome>> {
  if (isCancelled(init)) return cancelled();
  const controller = new AbortController();
  const watchdog = watchRequest(() => controller.abort(), host, limits.timeoutMs, limits.totalMs);
  const cancel = () => controller.abort();
  init.signal?.addEventListener('abort', cancel, { once: true });
  try {
    const response = await limits.fetchImpl(url, {
      method: 'GET',
      headers: { Accept: init.accept },
      credentials: 'omit',
      // Same-origin redirects are real (PyPI redirects to a project's canonical name); the
      // final URL is checked below, so a redirect off the registry is never read.
      redirect: 'follow',
      referrerPolicy: 'no-referrer',
      // The browser's HTTP cache keeps the registry's answers as long as its Cache-Control says,
      // but for provenance documents, whose verdicts our cache keeps by digest (fetcher.ts).
      cache: init.keptByDigest === true ? 'no-store' : init.revalidate === true ? 'no-cache' : 'default',
      signal: controller.signal,
    });
    if (response.type === 'opaqueredirect' || (response.url !== '' && new URL(response.url).origin !== url.origin)) {
      await response.body?.cancel().catch(() => undefined);
      return fail('FETCH_REDIRECT', `redirected away from ${url.origin}`);
    }
    watchdog.progressed();
    const { status } = response;
    if (status === 429 || status >= 500) {
      await response.body?.cancel().catch(() => undefined);
      return { retry: true, status, delayMs: retryAfterMs(response.headers.get('retry-after'), limits.now()) };
    }
    if (status < 200 || status > 299) {
      await response.body?.cancel().catch(() => undefined);
      if (status === 404) return fail('FETCH_NOT_FOUND', 'HTTP 404', status);
      if (status === 403) return fail('FETCH_FORBIDDEN', 'HTTP 403', status);
      return fail('FETCH_HTTP_STATUS', `HTTP ${status}`, status);
    }
    if (requireJson && !isJsonType(response.headers.get('content-type'))) {
      await response.body?.cancel().catch(() => undefined);
      return fail('PARSE_JSON', `not JSON: ${(response.headers.get('content-type') ?? 'no content type').slice(0, 64)}`, status);
    }
    const freshFor = freshForMs(response.headers, limits.now());
    return { ok: true, status, bytes: await readLimited(response, init.maxBytes, watchdog.progressed), freshForMs: freshFor };
  } catch (error) {
    if (error instanceof BodyTooLarge) return fail('FETCH_TOO_LARGE', error.message);
    if (isCancelled(init)) return cancelled();
    const timedOut = watchdog.reason();
    if (timedOut !== undefined) return fail('FETCH_TIMEOUT', timedOut);
    return fail('FETCH_NETWORK', error instanceof Error ? error.message : 'network error');
  } finally {
    watchdog.stop();
    init.signal?.removeEventListener('abort', cancel);
  }
}

/** One count per origin (the adapters' few registry hosts). */
function hostHearing(): (origin: string) => HostHearing {
  const hosts = new Map<string, HostHearing>();
  return (origin) => {
    let host = hosts.get(origin);
    if (host === undefined) hosts.set(origin, (host = { heard: 0 }));
    return host;
  };
}

export function createLimitedFetcher(overrides: Partial<FetchLimits> = {}): Fetcher {
  const limits: FetchLimits = { ...DEFAULT_LIMITS, ...overrides };
  const limiter = new HostLimiter(limits.perHost);
  const hearing = hostHearing();
  return (url, init) => withRetries(url, init, limits, limiter, () => attempt(url, init, limits, hearing(url.origin)));
}

/** The same limits for a raw body of any content type (the caller checks it: TUF signatures, hashes). */
export function createLimitedBytesFetcher(overrides: Partial<FetchLimits> = {}): (url: URL, init: FetchInit) => Promise<BytesOutcome> {
  const limits: FetchLimits = { ...DEFAULT_LIMITS, ...overrides };
  const limiter = new HostLimiter(limits.perHost);
  const hearing = hostHearing();
  return (url, init) => withRetries(url, init, limits, limiter, () => attemptBytes(url, init, limits, hearing(url.origin), false));
}

/** A backoff that ends early when the request is cancelled: nobody waits out a Retry-After for nothing. */
function sleepUnlessCancelled(ms: number, init: FetchInit, limits: FetchLimits): Promise<void> {
  const { signal } = init;
  if (signal === undefined) return limits.sleep(ms);
  return new Promise((resolve) => {
    const done = () => {
      signal.removeEventListener('abort', done);
      resolve();
    };
    signal.addEventListener('abort', done, { once: true });
    void limits.sleep(ms).then(done);
  });
}

async function withRetries<T extends FetchOutcome | BytesOutcome>(
  url: URL,
  init: FetchInit,
  limits: FetchLimits,
  limiter: HostLimiter,
  once: () => Promise<Attempt<T>>,
): Promise<T | Extract<FetchOutcome, { ok: false }>> {
  for (let retry = 0; ; retry++) {
    // The host slot is held only while a request is open, not while backing off.
    const result = await limiter.run(url.origin, once);
    if (!('retry' in result)) return result;
    if (retry >= limits.maxRetries) {
      return result.status === 429
        ? fail('FETCH_RATE_LIMITED', `HTTP 429 after ${retry + 1} attempts`, 429)
        : fail('FETCH_HTTP_STATUS', `HTTP ${result.status} after ${retry + 1} attempts`, result.status);
    }
    const backoff = limits.backoffBaseMs * 2 ** retry;
    await sleepUnlessCancelled(Math.min(result.delayMs ?? backoff, limits.maxDelayMs), init, limits);
    if (isCancelled(init)) return cancelled();
  }
}

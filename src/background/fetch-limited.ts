// The worker's real Fetcher: every registry request passes through here, so every limit the
// adapters rely on (time, size, redirects, content type, rate) is enforced in one place.
import type { FetchInit, FetchOutcome, Fetcher } from '../registries/fetcher';
import { type Attempt, cancelled, fail, isCancelled, withRetries } from './fetch-retries';
import { type HostHearing, watchRequest } from './fetch-watchdog';
import { HostLimiter } from './host-limiter';
import { freshForMs } from './http-freshness';
import { BodyTooLarge, readLimited, retryAfterMs } from './read-body';
import { recentServerErrors, type RecentServerErrors } from './server-errors';
import type { StorageArea } from './storage-area';

export interface FetchLimits {
  /** Silence allowed: a window this long in which the host sent nothing ends a request (fetch-watchdog.ts). */
  timeoutMs: number;
  /** A request's cap, however steadily its answer arrives, its retries included (fetch-watchdog.ts). */
  totalMs: number;
  /** Retries after a 429 or 5xx, on top of the first attempt. */
  maxRetries: number;
  backoffBaseMs: number;
  /** Cap on any wait, including a server's Retry-After: a badge must not wait minutes. */
  maxDelayMs: number;
  perHost: number;
  /**
   * The browser refuses requests to a URL after its server errors (Chromium; server-errors.ts): a
   * refusal there is FETCH_THROTTLED. The worker's fetcher only: no browser stands in the CLI's way.
   */
  browserThrottling: boolean;
  /** Where the memory of recent server errors outlives the worker (storage.session; server-errors.ts). */
  serverErrorStore?: StorageArea;
  fetchImpl: typeof fetch;
  sleep: (ms: number) => Promise<void>;
  now: () => number;
}

export const DEFAULT_LIMITS: FetchLimits = {
  timeoutMs: 10_000,
  // 64 answers sharing a slow link each take their share of it: at 96 kbit/s a 64-file release's
  // documents all arrive after 34 s. The old limit allowed 10 s for 16 at once, 0.625 s an answer.
  totalMs: 40_000,
  maxRetries: 2,
  backoffBaseMs: 500,
  maxDelayMs: 4_000,
  // The registries answer over HTTP/2 (one connection, many streams), where a browser asks for a
  // page's resources all at once, up to the server's stream limit (commonly 100); uv downloads 50
  // files from PyPI at once. A release's files are one request each (PyPI has no batch call): on
  // a registry 50 ms away a 60-file release waits 17.6 round trips at 4, 6.4 at 16 and 3.9 at 64
  // (bench/round-trips.ts). At 64 on a slow link each answer takes longer while the link is
  // shared, which a limit on the host's silence allows and a fixed one did not (fetch-watchdog.ts;
  // review7-fetching.test.ts A3-A9, review8-fetch-limits.test.ts).
  perHost: 64,
  browserThrottling: false,
  fetchImpl: (input, init) => fetch(input, init),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  now: () => Date.now(),
};

/** A raw body (TUF metadata and targets: signatures and hashes cover the exact bytes). */
export type BytesOutcome = { ok: true; status: number; bytes: Uint8Array; freshForMs?: number } | Extract<FetchOutcome, { ok: false }>;

/** What a fetcher remembers of each registry host: what it sent lately, which URLs failed with 5xx. */
interface Heard {
  host: HostHearing;
  serverErrors: RecentServerErrors;
}

function isJsonType(contentType: string | null): boolean {
  const essence = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  return essence === 'application/json' || /^application\/[a-z0-9.+-]*\+json$/.test(essence);
}

async function attempt(url: URL, init: FetchInit, limits: FetchLimits, heard: Heard, capMs: number): Promise<Attempt> {
  const result = await attemptBytes(url, init, limits, heard, capMs, true);
  if ('retry' in result || !result.ok) return result;
  try {
    const json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(result.bytes)) as unknown;
    return { ok: true, status: result.status, json, ...(result.freshForMs === undefined ? {} : { freshForMs: result.freshForMs }) };
  } catch {
    return fail('PARSE_JSON', 'malformed JSON', result.status);
  }
}

async function attemptBytes(url: URL, init: FetchInit, limits: FetchLimits, heard: Heard, capMs: number, requireJson: boolean): Promise<Attempt<BytesOutcome>> {
  if (isCancelled(init)) return cancelled();
  const controller = new AbortController();
  const watchdog = watchRequest(() => controller.abort(), heard.host, limits.timeoutMs, capMs, limits.totalMs);
  let answered = false;
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
    answered = true;
    watchdog.progressed();
    const { status } = response;
    if (status === 429 || status >= 500) {
      // Remembered only where a refusal is read against it (browserThrottling: the worker's fetcher).
      if (status >= 500 && limits.browserThrottling) heard.serverErrors.record(url);
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
    // Rejected before any answer, where this URL answered 5xx lately: the browser's refusal (server-errors.ts).
    if (!answered && limits.browserThrottling && (await heard.serverErrors.lately(url))) return fail('FETCH_THROTTLED', 'the browser holds back requests to this address after its recent server errors');
    return fail('FETCH_NETWORK', error instanceof Error ? error.message : 'network error');
  } finally {
    watchdog.stop();
    init.signal?.removeEventListener('abort', cancel);
  }
}

/** One record per origin (the adapters' few registry hosts); one memory of server errors for all. */
function hostRecords(limits: FetchLimits): (origin: string) => Heard {
  const hosts = new Map<string, Heard>();
  const serverErrors = recentServerErrors(limits.now, limits.browserThrottling ? limits.serverErrorStore : undefined);
  return (origin) => {
    let heard = hosts.get(origin);
    if (heard === undefined) hosts.set(origin, (heard = { host: { heard: 0 }, serverErrors }));
    return heard;
  };
}

export function createLimitedFetcher(overrides: Partial<FetchLimits> = {}): Fetcher {
  const limits: FetchLimits = { ...DEFAULT_LIMITS, ...overrides };
  const limiter = new HostLimiter(limits.perHost);
  const records = hostRecords(limits);
  return (url, init) => withRetries(url, init, limits, limiter, (capMs) => attempt(url, init, limits, records(url.origin), capMs));
}

/** The same limits for a raw body of any content type (the caller checks it: TUF signatures, hashes). */
export function createLimitedBytesFetcher(overrides: Partial<FetchLimits> = {}): (url: URL, init: FetchInit) => Promise<BytesOutcome> {
  const limits: FetchLimits = { ...DEFAULT_LIMITS, ...overrides };
  const limiter = new HostLimiter(limits.perHost);
  const records = hostRecords(limits);
  return (url, init) => withRetries(url, init, limits, limiter, (capMs) => attemptBytes(url, init, limits, records(url.origin), capMs, false));
}

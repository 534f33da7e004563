// A registry request's retries: after a 429 or a 5xx, with backoff (or the server's Retry-After,
// capped), under one deadline for the whole request, and never once its asker has cancelled it.
import type { ErrorCode } from '../core/errors';
import type { FetchInit, FetchOutcome } from '../registries/fetcher';
import type { BytesOutcome, FetchLimits } from './fetch-limited';
import type { HostLimiter } from './host-limiter';

/** One attempt's outcome, or a status worth another attempt (`delayMs`: the server's Retry-After). */
export type Attempt<T = FetchOutcome> = T | { retry: true; status: number; delayMs: number | undefined };

export function fail(code: ErrorCode, message: string, status?: number): Extract<FetchOutcome, { ok: false }> {
  return status === undefined ? { ok: false, code, message } : { ok: false, status, code, message };
}

export const cancelled = () => fail('FETCH_NETWORK', 'cancelled: nobody waits for this answer any more');
// A function, not an inline test: the signal changes while the request is open.
export const isCancelled = (init: FetchInit): boolean => init.signal?.aborted === true;

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

/**
 * One deadline for a request, its retries included: `totalMs` from its first attempt's start. A
 * registry that fails slowly (a CDN's 503 after its own 15 s) is not waited out three times.
 */
export async function withRetries<T extends FetchOutcome | BytesOutcome>(
  url: URL,
  init: FetchInit,
  limits: FetchLimits,
  limiter: HostLimiter,
  once: (capMs: number) => Promise<Attempt<T>>,
): Promise<T | Extract<FetchOutcome, { ok: false }>> {
  let started: number | undefined;
  const left = () => limits.totalMs - (started === undefined ? 0 : limits.now() - started);
  for (let retry = 0; ; retry++) {
    // The host slot is held only while a request is open, not while backing off.
    const result = await limiter.run(url.origin, () => {
      started ??= limits.now();
      return once(left());
    });
    if (!('retry' in result)) return result;
    const wait = Math.min(result.delayMs ?? limits.backoffBaseMs * 2 ** retry, limits.maxDelayMs);
    if (retry >= (init.once === true ? 0 : limits.maxRetries) || wait >= left()) {
      return result.status === 429
        ? fail('FETCH_RATE_LIMITED', `HTTP 429 after ${retry + 1} attempts`, 429)
        : fail('FETCH_HTTP_STATUS', `HTTP ${result.status} after ${retry + 1} attempts`, result.status);
    }
    await sleepUnlessCancelled(wait, init, limits);
    if (isCancelled(init)) return cancelled();
  }
}

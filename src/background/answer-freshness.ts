// One verdict's registry reads, watched: how long the answer they make may be reused (until the
// first document it read that names a release goes stale by the registry's Cache-Control,
// http-freshness.ts), and, for a retry, every read sent past the browser's HTTP cache.
import type { Fetcher } from '../registries/fetcher';

export interface TrackedFetcher {
  fetcher: Fetcher;
  /**
   * When the earliest-expiring release document read so far (FetchInit.namesRelease) goes stale;
   * 0 when none was read or any said nothing. Failed reads do not count: a verdict that depends on
   * one is never kept (cache.ts). Provenance documents do not count: each file's verdict is kept by
   * the file's digest, whatever they say.
   */
  freshUntil(): number;
}

export function trackFreshness(inner: Fetcher, options: { revalidate: boolean; now: () => number }): TrackedFetcher {
  let until = Number.POSITIVE_INFINITY;
  let read = 0;
  let silent = false;
  const fetcher: Fetcher = async (url, init) => {
    const outcome = await inner(url, options.revalidate ? { ...init, revalidate: true } : init);
    if (outcome.ok && init.namesRelease === true) {
      read++;
      if (!outcome.freshForMs) silent = true;
      else until = Math.min(until, options.now() + outcome.freshForMs);
    }
    return outcome;
  };
  return { fetcher, freshUntil: () => (read === 0 || silent ? 0 : until) };
}

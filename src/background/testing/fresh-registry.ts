// Test registries that say how long their answers stay fresh, as PyPI's JSON API does
// (`Cache-Control: max-age=900`), for the tests of answers reused while fresh; and a toolbar
// button that answers at once, for routers whose tests do not look at it.
import type { Fetcher, FetchInit } from '../../registries/fetcher';
import { fakeFetcher } from '../../registries/testing/fake-fetcher';
import type { BadgeApi } from '../action-badge';

/** Fresh for 15 minutes, as PyPI's JSON API answers. */
export const PYPI_FRESH_MS = 900_000;

/**
 * A fetcher answering `routes` (read at each ask: a test may change the object), each good answer
 * fresh for `ms`; `heard` sees every ask first.
 */
export function freshRegistry(routes: Record<string, unknown>, heard: (url: URL, init: FetchInit) => void = () => undefined, ms = PYPI_FRESH_MS): Fetcher {
  return freshAnswers(async (url, init) => {
    heard(url, init);
    return fakeFetcher(routes)(url, init);
  }, ms);
}

/** `inner`'s good answers, fresh for `ms`. */
export function freshAnswers(inner: Fetcher, ms = PYPI_FRESH_MS): Fetcher {
  return async (url, init) => {
    const outcome = await inner(url, init);
    return outcome.ok ? { ...outcome, freshForMs: ms } : outcome;
  };
}

export const NO_BADGE: BadgeApi = { setBadgeText: async () => undefined, setBadgeBackgroundColor: async () => undefined, setTitle: async () => undefined };

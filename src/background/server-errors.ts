// Chromium holds back an extension's requests to a URL (its query aside) for a while after that
// URL answered with server errors a few times in a row (its anti-DDoS throttling of extension
// requests, https://www.chromium.org/throttling): fetch() then rejects at once, as it does when
// the network is down. This fetcher's memory of the URLs that answered 5xx lately tells the two
// apart: a rejection there is the browser's refusal (FETCH_THROTTLED), anywhere else the network.

/** How long a URL's server error is remembered; Chromium's back-off grows with repeated errors. */
export const SERVER_ERROR_MEMORY_MS = 120_000;
/** URLs remembered at once: the least recent goes first. */
const MAX_URLS = 256;

export interface RecentServerErrors {
  /** `url` answered with a 5xx status just now. */
  record(url: URL): void;
  /** Whether `url` answered with a 5xx status within SERVER_ERROR_MEMORY_MS. */
  lately(url: URL): boolean;
}

export function recentServerErrors(now: () => number): RecentServerErrors {
  const seen = new Map<string, number>();
  const key = (url: URL) => url.origin + url.pathname;
  return {
    record(url) {
      seen.delete(key(url));
      seen.set(key(url), now());
      if (seen.size > MAX_URLS) seen.delete(seen.keys().next().value as string);
    },
    lately(url) {
      const at = seen.get(key(url));
      return at !== undefined && now() - at < SERVER_ERROR_MEMORY_MS;
    },
  };
}

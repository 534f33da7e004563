// Chromium holds back an extension's requests to a URL (its query aside) for a while after that
// URL answered with server errors a few times in a row (its anti-DDoS throttling of extension
// requests, https://www.chromium.org/throttling): fetch() then rejects at once, as it does when
// the network is down. This fetcher's memory of the URLs that answered 5xx lately tells the two
// apart: a rejection there is the browser's refusal (FETCH_THROTTLED), anywhere else the network.
//
// The browser's throttling outlives the worker, which is stopped after 30 s idle; so, given
// storage.session (the browser session's, as the throttling is), the memory outlives it too.
import { isRecord, type StorageArea } from './storage-area';

/** How long a URL's server error is remembered; Chromium's back-off grows with repeated errors. */
export const SERVER_ERROR_MEMORY_MS = 120_000;
/** URLs remembered at once: the least recent goes first. */
const MAX_URLS = 256;
/** How long a refusal waits for the stored memory; storage.session answers in milliseconds. */
const LOAD_WAIT_MS = 1_000;
/** storage.session key: [url key, time of its latest 5xx] pairs, oldest first. */
export const SERVER_ERRORS_KEY = 'recent-server-errors';

export interface RecentServerErrors {
  /** `url` answered with a 5xx status just now. */
  record(url: URL): void;
  /** Whether `url` answered with a 5xx status within SERVER_ERROR_MEMORY_MS (this worker or an earlier one). */
  lately(url: URL): Promise<boolean>;
}

/** Longest key kept in storage.session: a registry's file names are not length-limited. */
const MAX_STORED_KEY = 2048;

/** Pairs as stored, kept only where well formed and not from the future (a clock set back). */
function storedPairs(value: unknown, at: number): [string, number][] {
  if (!Array.isArray(value)) return [];
  return value
    .slice(-MAX_URLS)
    .filter((p): p is [string, number] => Array.isArray(p) && p.length === 2 && typeof p[0] === 'string' && p[0].length <= MAX_STORED_KEY && Number.isFinite(p[1]) && (p[1] as number) <= at);
}

export function recentServerErrors(now: () => number, session?: StorageArea): RecentServerErrors {
  let seen = new Map<string, number>();
  const key = (url: URL) => url.origin + url.pathname;
  const keepNewest = (pairs: [string, number][]) => {
    const newest = new Map<string, number>();
    for (const [k, at] of pairs) newest.set(k, Math.max(at, newest.get(k) ?? at));
    seen = new Map([...newest].sort((a, b) => a[1] - b[1]).slice(-MAX_URLS));
  };
  // What earlier workers of this browser session saw; read once, as the worker starts. Never
  // rejects and never throws here, whatever the storage does: a broken one only costs the memory.
  const loaded: Promise<void> =
    session === undefined
      ? Promise.resolve()
      : Promise.resolve()
          .then(() => session.get(SERVER_ERRORS_KEY))
          .then((items) => keepNewest([...storedPairs(isRecord(items) ? items[SERVER_ERRORS_KEY] : undefined, now()), ...seen]))
          .catch(() => undefined);
  // One wait for every refusal (review 11: a wait each queued behind the host's request slots):
  // a storage that does not answer costs the worker one second once, then memory alone decides.
  let ready: Promise<void> | undefined = session === undefined ? loaded : undefined;
  const loadedOrGiveUp = () => (ready ??= Promise.race([loaded, new Promise<void>((resolve) => setTimeout(resolve, LOAD_WAIT_MS))]));
  const stored = () => [...seen].filter(([k]) => k.length <= MAX_STORED_KEY);
  return {
    record(url) {
      seen.delete(key(url));
      seen.set(key(url), now());
      if (seen.size > MAX_URLS) seen.delete(seen.keys().next().value as string);
      // After the load, so a write never drops what an earlier worker stored.
      if (session !== undefined) void loaded.then(() => session.set({ [SERVER_ERRORS_KEY]: stored() })).catch(() => undefined);
    },
    async lately(url) {
      await loadedOrGiveUp();
      const at = seen.get(key(url));
      if (at === undefined) return false;
      const age = now() - at;
      return age >= 0 && age < SERVER_ERROR_MEMORY_MS;
    },
  };
}

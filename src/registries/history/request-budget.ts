// The requests of one timeline, bounded (issue 17.3): a per-package budget, cancellation when
// the page goes away, and one request for what several releases ask alike (PyPI's Simple API
// index, fetched per release by the adapter, is one document for the whole project). Per-host
// concurrency stays the caller's fetcher's (the worker's fetch-limited.ts, the CLI's the same).
import type { FetchOutcome, Fetcher } from '../fetcher';

/** Enough for 200 releases of a few files each; a project with 60 wheels a release runs out. */
export const DEFAULT_REQUEST_BUDGET = 1500;

export interface RequestBudget {
  /** For the listing and anything not tied to one release. */
  fetcher: Fetcher;
  /** A fetcher for one release's check, which remembers whether the budget refused it. */
  forRelease(): { fetcher: Fetcher; refused: () => boolean };
  /** Requests sent so far (answers shared from an earlier identical request not counted). */
  used(): number;
  exhausted(): boolean;
}

const REFUSED: FetchOutcome = { ok: false, code: 'FETCH_RATE_LIMITED', message: "the timeline's request budget is used up" };
/** Answers kept for a repeat that has not come yet; answers asked for twice are kept to the end. */
const KEPT_UNREPEATED = 16;
const CANCELLED: FetchOutcome = { ok: false, code: 'FETCH_NETWORK', message: 'cancelled: the timeline is no longer wanted' };

export function createRequestBudget(inner: Fetcher, options: { limit: number; signal?: AbortSignal }): RequestBudget {
  let used = 0;
  // Keyed by URL and Accept: the same URL asked for another representation is another answer.
  const shared = new Map<string, Promise<FetchOutcome>>();
  const repeated = new Set<string>();
  const exhausted = () => used >= options.limit;

  function send(url: URL, init: Parameters<Fetcher>[1], onRefused: () => void): Promise<FetchOutcome> {
    if (options.signal?.aborted) return Promise.resolve(CANCELLED);
    const key = `${init.accept}\n${url.href}`;
    const earlier = shared.get(key);
    if (earlier) {
      repeated.add(key);
      return earlier;
    }
    if (exhausted()) {
      onRefused();
      return Promise.resolve(REFUSED);
    }
    used++;
    // The build's signal goes with every request: a cancelled timeline tears down what is open.
    const answer = inner(url, options.signal ? { ...init, signal: options.signal } : init);
    // Failures are shared too: within one timeline, a Simple API index that failed once gives no
    // hints to any release (each file is probed), rather than cost one more request per release.
    shared.set(key, answer);
    forgetUnrepeated();
    return answer;
  }

  // Most answers (one provenance document per file) are never asked for again: keeping each
  // for the whole timeline would hold hundreds of documents in the worker's memory.
  function forgetUnrepeated(): void {
    const unrepeated = [...shared.keys()].filter((k) => !repeated.has(k));
    for (const key of unrepeated.slice(0, Math.max(0, unrepeated.length - KEPT_UNREPEATED))) shared.delete(key);
  }

  return {
    fetcher: (url, init) => send(url, init, () => undefined),
    forRelease() {
      let refused = false;
      return {
        fetcher: (url, init) => send(url, init, () => (refused = true)),
        refused: () => refused,
      };
    },
    used: () => used,
    exhausted,
  };
}

// Registry answers shared for a few seconds. A page's verdict and its continuity note read the same
// documents moments apart (a "latest" PyPI page: the project's JSON, twice), and a page prepared
// while loading asks again once parsed; each should cost the registry one request, as if the
// browser's HTTP cache held it (the registries' own CDNs cache these documents for minutes).
// Only good answers are shared, and only for `ttlMs`; a failure is asked again next time.
// Requests that carry a signal (release timelines, with their own budget) pass straight through.
import type { FetchOutcome, Fetcher } from '../registries/fetcher';

export interface RecentOptions {
  /** How long a good answer is shared after it arrived. */
  ttlMs: number;
  /** Answers kept at once; the oldest goes first (a project document can be megabytes). */
  max: number;
  now?: () => number;
}

export const RECENT_DEFAULTS: RecentOptions = { ttlMs: 5_000, max: 16 };

export function createRecentFetcher(inner: Fetcher, options: RecentOptions = RECENT_DEFAULTS): Fetcher {
  const now = options.now ?? (() => Date.now());
  const recent = new Map<string, { answer: Promise<FetchOutcome>; until: number }>();

  return (url, init) => {
    if (init.signal !== undefined) return inner(url, init);
    // Keyed by URL, Accept and size limit: another representation or limit is another request.
    const key = `${init.accept}\n${init.maxBytes}\n${url.href}`;
    const found = recent.get(key);
    if (found !== undefined && now() < found.until) return found.answer;
    recent.delete(key);
    const entry = { answer: inner(url, init), until: Number.POSITIVE_INFINITY };
    recent.set(key, entry);
    if (recent.size > options.max) recent.delete(recent.keys().next().value as string);
    void entry.answer.then(
      (outcome) => {
        if (!outcome.ok) {
          if (recent.get(key) === entry) recent.delete(key);
          return;
        }
        entry.until = now() + options.ttlMs;
      },
      () => recent.get(key) === entry && recent.delete(key),
    );
    return entry.answer;
  };
}

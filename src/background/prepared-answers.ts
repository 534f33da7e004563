// Verdicts started while a tab's page loads (content/prepare, tabs.onUpdated), each kept for that
// tab's own page only. A prepared answer is taken once, by the first ask of the tab it was
// prepared for, about the same package, within PREPARED_MS of the registry read it rests on;
// nothing else ever sees it: not another tab, not a reload (a new document prepares anew), not a
// retry. An independent review showed why it must be this narrow: kept per package, a reload or
// another tab could take an answer read before a new release, and a page's re-ask after a retry
// could take an answer older than the retry's.

/** How long a prepared answer waits for its page's ask, counted from the registry read. */
export const PREPARED_MS = 15_000;
/** Tabs remembered at once (one entry per loading tab; a burst of new tabs is not a leak). */
const MAX_TABS = 32;

/** Where a prepare came from: the tab's URL changing, or a new document of the page itself. */
export type PreparedBy = 'navigation' | 'document';

interface Entry<T> {
  key: string;
  /** When the answer's registry read started. */
  at: number;
  answer: Promise<T>;
  /** A document of this load said so too: another document (a reload) is another visit. */
  documented: boolean;
}

export interface PreparedAnswers<T> {
  /**
   * Whether `tabId` needs a new answer for `key`. False when this load already has one (the URL
   * changed, then its document said so too), or when the tab's page has just asked for it (a
   * navigation signal that came late). A new document always needs one.
   */
  wants(tabId: number, key: string, by: PreparedBy): boolean;
  /** Keeps `answer` for `tabId`'s page; `at`: when its registry read started. */
  keep(tabId: number, key: string, at: number, answer: Promise<T>, by: PreparedBy): void;
  /** The tab's prepared answer for `key`, once, while recent; the ask is remembered either way. */
  take(tabId: number, key: string): Promise<T> | undefined;
  /**
   * The tab's prepared answer for `key` while recent, left in place for the page's own ask (which
   * takes it): what the page's first script is told early (content/prepare).
   */
  peek(tabId: number, key: string): Promise<T> | undefined;
  /** A retry decided anew: no prepared answer about this package may stand in for it. */
  drop(matches: (key: string) => boolean): void;
}

export function createPreparedAnswers<T>(now: () => number): PreparedAnswers<T> {
  const entries = new Map<number, Entry<T>>();
  const asked = new Map<number, { key: string; at: number }>();
  const recent = (at: number) => now() - at < PREPARED_MS;

  function remember<V>(map: Map<number, V>, tabId: number, value: V): void {
    map.delete(tabId);
    map.set(tabId, value);
    // Map order is insertion order: the first tab is the one heard from longest ago.
    if (map.size > MAX_TABS) map.delete(map.keys().next().value as number);
  }

  return {
    wants(tabId, key, by) {
      const entry = entries.get(tabId);
      if (entry?.key === key && recent(entry.at) && !(by === 'document' && entry.documented)) {
        if (by === 'document') entry.documented = true;
        return false;
      }
      const last = asked.get(tabId);
      return !(by === 'navigation' && last?.key === key && recent(last.at));
    },
    keep(tabId, key, at, answer, by) {
      remember(entries, tabId, { key, at, answer, documented: by === 'document' });
    },
    take(tabId, key) {
      const entry = entries.get(tabId);
      remember(asked, tabId, { key, at: now() });
      if (entry?.key !== key) return undefined;
      entries.delete(tabId);
      return recent(entry.at) ? entry.answer : undefined;
    },
    peek(tabId, key) {
      const entry = entries.get(tabId);
      return entry?.key === key && recent(entry.at) ? entry.answer : undefined;
    },
    drop(matches) {
      for (const [tabId, entry] of entries) if (matches(entry.key)) entries.delete(tabId);
    },
  };
}

// Which packages a search page's results asked about, per search URL, so that the next visit of
// the same results (a reload, coming back from a result) can be told their kept verdicts before
// it is parsed (content/prepare, early-verdict.ts) and draw its badges at DOMContentLoaded; a
// reply asked for after DOMContentLoaded waits behind the page's first layout.
// Held in the worker's memory only, never written to storage: a search text is the reader's own,
// and forgetting it when the worker stops costs only the early draw.
import { packageKey, type PackageRef } from '../core/verdict';
import type { VerdictService } from './verdict-service-types';
import type { EarlySearchVerdict } from '../shared/messages';

/** Search pages remembered at once; the one heard from longest ago goes first. */
const MAX_PAGES = 8;
/** Results remembered per page: PyPI and npm show 20 a page; a scrolled npm list asks more. */
export const MAX_RESULTS = 60;

export interface SearchMemory {
  /** The page at `url` asked about `pkgs` (a batch of its results). */
  note(url: string, pkgs: readonly PackageRef[]): void;
  /** What the page at `url` asked about before, newest last (the page counts as heard from now). */
  recall(url: string): PackageRef[];
  clear(): void;
}

/** One key per result list: the fragment never changes the results. */
function pageKey(url: string): string | null {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}${parsed.search}`;
  } catch {
    return null;
  }
}

export function createSearchMemory(): SearchMemory {
  const pages = new Map<string, Map<string, PackageRef>>();
  return {
    note(url, pkgs) {
      const key = pageKey(url);
      if (key === null) return;
      const results = pages.get(key) ?? new Map<string, PackageRef>();
      pages.delete(key);
      pages.set(key, results);
      if (pages.size > MAX_PAGES) pages.delete(pages.keys().next().value as string);
      for (const pkg of pkgs) {
        const attr = packageKey(pkg);
        results.delete(attr);
        results.set(attr, { ...pkg });
        if (results.size > MAX_RESULTS) results.delete(results.keys().next().value as string);
      }
    },
    recall(url) {
      const key = pageKey(url);
      const results = key === null ? undefined : pages.get(key);
      if (key === null || results === undefined) return [];
      // Heard from now: a revisit told all its results asks nothing, yet it is the newest.
      pages.delete(key);
      pages.set(key, results);
      return [...results.values()].map((pkg) => ({ ...pkg }));
    },
    clear() {
      pages.clear();
    },
  };
}

/**
 * What a search page's first script is told (content/prepare): the kept verdicts of the results
 * its URL asked about before. Only kept ones: a prepare for a list that may have changed since
 * never sends a request of its own.
 */
export async function keptSearchVerdicts(memory: SearchMemory, url: string, kept: Required<VerdictService>['kept']): Promise<EarlySearchVerdict[]> {
  const found = await Promise.all(memory.recall(url).map(async (asked) => ({ asked, ...(await kept(asked)) })));
  return found.filter((f): f is EarlySearchVerdict => f.verdict !== undefined);
}

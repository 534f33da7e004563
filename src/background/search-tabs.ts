// Which tabs lately showed a package among their search results, so that when its verdict is
// decided anew (the popup's Retry, a pin set or removed) those pages are asked to ask again, as
// a package page is (tab-state.ts). A revisited search page takes the verdicts it was told as it
// loaded (search-memory.ts) without asking: without this it would keep one a retry or pin
// replaced while it loaded, and a search page never learnt of either before.
import type { PackageRef } from '../core/verdict';
import { sameName } from '../shared/package-names';

/** How long a tab counts as showing its results: a page left open is judged by then anyway. */
export const SHOWING_MS = 15 * 60_000;
/** Tabs remembered at once; the one heard from longest ago goes first. */
const MAX_TABS = 32;
const MAX_NAMES = 120;

export interface SearchTabs {
  /** `tabId`'s search page shows (was told, or asked about) these results. */
  shown(tabId: number, pkgs: readonly PackageRef[]): void;
  /** The tabs showing a result of `pkg`'s name lately; every search tab when `pkg` is null (a pin import). */
  showing(pkg: PackageRef | null): number[];
  removed(tabId: number): void;
}

export function createSearchTabs(now: () => number = () => Date.now()): SearchTabs {
  const tabs = new Map<number, { at: number; pkgs: PackageRef[] }>();
  return {
    shown(tabId, pkgs) {
      const before = tabs.get(tabId);
      const recent = before !== undefined && now() - before.at < SHOWING_MS ? before.pkgs : [];
      tabs.delete(tabId);
      tabs.set(tabId, { at: now(), pkgs: [...recent, ...pkgs].slice(-MAX_NAMES) });
      if (tabs.size > MAX_TABS) tabs.delete(tabs.keys().next().value as number);
    },
    showing(pkg) {
      const found: number[] = [];
      for (const [tabId, entry] of tabs) {
        if (now() - entry.at >= SHOWING_MS) continue;
        if (pkg === null || entry.pkgs.some((shown) => sameName(shown, pkg))) found.push(tabId);
      }
      return found;
    },
    removed(tabId) {
      tabs.delete(tabId);
    },
  };
}

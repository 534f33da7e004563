// What the verdict service (verdicts.ts) offers the router and the navigation preparer.
import type { PackageRef, PackageVerdict } from '../core/verdict';
import type { PreparedBy } from './prepared-answers';

export interface VerdictOptions {
  /** Skips cached verdicts and asks the registry past any cache (the popup's retry); the result is cached as usual. */
  fresh?: boolean;
  /**
   * Asks the registry past any cache, not taking the release's cached answer; each file's verdict
   * still comes from the digest cache (a page lists a file the last answer did not).
   */
  revalidate?: boolean;
  /** The asking page's tab, whose prepared answer (if any) this ask takes. */
  tabId?: number;
}

export interface VerdictService {
  getVerdict(pkg: PackageRef, options?: VerdictOptions): Promise<PackageVerdict>;
  /**
   * Starts deciding `pkg` for `tabId`'s page while it is still loading (prepared-answers.ts):
   * that page's first ask about `pkg` within PREPARED_MS takes this answer rather than ask the
   * registry again. Resolves to that prepared answer (pinned) without taking it, if there is one;
   * never rejects (a failure is the page's own ask's to report).
   */
  prepare?(pkg: PackageRef, tabId: number, by: PreparedBy): Promise<PackageVerdict | undefined>;
  /**
   * `pkg`'s verdict if the cache holds one an ask now would answer without the registry (fresh by
   * the registry's own Cache-Control, or immutable), pinned as getVerdict's, with the time its
   * freshness ends (none: immutable); else undefined. Never reaches the registry, never rejects.
   */
  kept?(pkg: PackageRef): Promise<{ verdict: PackageVerdict; until?: number } | undefined>;
}

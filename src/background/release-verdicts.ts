// Verdicts for a package page's release history (PyPI's Release history tab, npm's Versions tab).
// The page asks with the search results' batch message, for the rows that scrolled into view. It
// may name only releases of the package its tab shows, and each package has a budget of distinct
// releases per window: a long history, or a page that lists thousands of versions, cannot make
// the worker fetch and verify them all. A release asked again costs nothing from the budget (its
// final verdict is cached, so it is not checked again).
import type { PackageRef } from '../core/verdict';
import { normalizePypiName } from '../shared/package-names';
import type { Reply } from '../shared/messages';
import { sameName } from './page-match';

export interface ReleaseBudget {
  /** Whether `pkg` (a release) may be checked now; counts it when it is new to the window. */
  take(pkg: PackageRef): boolean;
}

export interface ReleaseBudgetOptions {
  /** Distinct releases of one package per window. */
  perPackage?: number;
  windowMs?: number;
  /** Packages remembered at once; the oldest window is forgotten first. */
  maxPackages?: number;
  now?: () => number;
}

/** A screenful of history is 15 to 30 rows: a few screens, then a pause. */
export const RELEASES_PER_PACKAGE = 100;
export const RELEASE_WINDOW_MS = 10 * 60_000;

export function createReleaseBudget(options: ReleaseBudgetOptions = {}): ReleaseBudget {
  const limit = options.perPackage ?? RELEASES_PER_PACKAGE;
  const windowMs = options.windowMs ?? RELEASE_WINDOW_MS;
  const maxPackages = options.maxPackages ?? 200;
  const now = options.now ?? (() => Date.now());
  const windows = new Map<string, { start: number; versions: Set<string> }>();

  return {
    take(pkg) {
      // The PyPI site accepts any spelling of a name: each spelling must not get a budget of its own.
      const key = `${pkg.registry}:${pkg.registry === 'pypi' ? normalizePypiName(pkg.name) : pkg.name}`;
      const t = now();
      let entry = windows.get(key);
      if (entry === undefined || t - entry.start >= windowMs) {
        windows.delete(key);
        entry = { start: t, versions: new Set() };
        windows.set(key, entry);
        // Map order is insertion order: the first key is the package whose window is oldest.
        if (windows.size > maxPackages) windows.delete(windows.keys().next().value as string);
      }
      const version = pkg.version ?? '';
      if (entry.versions.has(version)) return true;
      if (entry.versions.size >= limit) return false;
      entry.versions.add(version);
      return true;
    },
  };
}

/** Whether a batch names only versioned releases of the package `shown` (the tab's page). */
export function onlyReleasesOf(shown: PackageRef, pkgs: readonly PackageRef[]): boolean {
  return pkgs.every((pkg) => pkg.version !== undefined && sameName(shown, pkg));
}

/** The reply for one release over the budget: "couldn't check", and a retry later may. */
export const OVER_BUDGET: Reply<never> = {
  ok: false,
  code: 'MSG_FORBIDDEN_SENDER',
  message: 'Too many releases of this package were asked for at once; try again in a few minutes.',
};

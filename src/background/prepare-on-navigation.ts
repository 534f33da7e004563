// The earliest moment the worker can know which package a tab is about to show: the browser's
// own tabs.onUpdated, whose URL changes as a navigation commits (and as npm's client pushes a
// package path). A registry package page there starts its verdict (VerdictService.prepare)
// while the page is still on its way; the page's content script asks `content/prepare` too, for
// a reload, which changes no URL. Only the browser's URL is read, never anything of the page.
import type { PackageRef } from '../core/verdict';
import { viewOf } from '../registries/sites';
import { isValidPackageRef } from '../registries/verify-package';
import { sameName } from './page-match';
import type { VerdictService } from './verdicts';

/** The package a registry page at `url` shows (its URL's version, or its latest), or null. */
export function packageAtUrl(raw: string): PackageRef | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  const found = viewOf(url);
  if (found?.view.kind !== 'package') return null;
  const { pkg } = found.view;
  if (!isValidPackageRef(pkg)) return null;
  return pkg.version === undefined ? { registry: pkg.registry, name: pkg.name } : pkg;
}

export interface NavigationPreparer {
  /** The tab's URL changed (tabs.onUpdated). */
  navigated(tabId: number, url: string): Promise<void>;
  /** The tab closed. */
  removed(tabId: number): void;
}

// The same page of a package: its name as the registry compares names, and the same version or none.
const samePackage = (a: PackageRef, b: PackageRef): boolean => sameName(a, b) && a.version === b.version;

/**
 * Prepares when a tab comes to show another package: a change within the same package's page (a
 * tab of it, `?activeTab=versions`, `#history`) asks the registry nothing. `shownBefore` is what
 * the tab's record says it showed (tab-state.ts, kept in storage.session): after the worker was
 * stopped and started again, this module's own memory of the tab is gone, the record is not.
 */
export function prepareOnNavigation(
  verdicts: Pick<VerdictService, 'prepare'>,
  shownBefore: (tabId: number) => Promise<PackageRef | null> = async () => null,
): NavigationPreparer {
  const shown = new Map<number, PackageRef>();
  return {
    async navigated(tabId, url) {
      const pkg = packageAtUrl(url);
      const known = shown.get(tabId);
      if (pkg === null) return void shown.delete(tabId);
      shown.set(tabId, pkg);
      if (known !== undefined && samePackage(known, pkg)) return;
      if (known === undefined) {
        const before = await shownBefore(tabId);
        if (before !== null && samePackage(before, pkg)) return;
      }
      verdicts.prepare?.(pkg, tabId, 'navigation');
    },
    removed(tabId) {
      shown.delete(tabId);
    },
  };
}

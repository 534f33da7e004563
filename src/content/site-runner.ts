// Runs the right features for the page the tab shows, and swaps them when the site navigates
// without reloading. Which package a page is about comes from the URL path only.
import type { PackageRef } from '../core/verdict';
import type { PageView } from '../shared/page-path';
import type { Ask, OnAskAgain } from '../ui/worker-client';
import { packageAttr } from '../ui/display-state';
import { closeDetailsPanel, usePanelLoader } from './details-panel';
import { forgoEarly, takeEarlySearch } from './early-verdict';
import { type SearchResult, startSearchBadges } from './search-badges';

/** A package page's badges: `refresh` asks for the verdict again and redraws in place. */
export interface PackagePage {
  stop(): void;
  refresh(): void;
}

export interface Site {
  parsePath(pathname: string, search: string): PageView | null;
  /** Mounts the package page's badges. */
  packagePage(pkg: PackageRef, ask: Ask): PackagePage;
  searchResults(): SearchResult[];
}

// A content script cannot see the page's pushState calls, so it compares location.href whenever
// the document changes or history moves.
export function watchUrl(onChange: () => void): () => void {
  let last = location.href;
  const check = () => {
    if (location.href === last) return;
    last = location.href;
    onChange();
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true });
  window.addEventListener('popstate', check);
  return () => {
    observer.disconnect();
    window.removeEventListener('popstate', check);
  };
}

function pageKey(view: PageView | null): string {
  if (view === null) return 'other';
  // A new query is a new result list; a tab switch (`?activeTab=`) is the same package page.
  if (view.kind === 'search') return `search:${location.search}`;
  return `package:${packageAttr(view.pkg)}`;
}

export function runSite(site: Site, ask: Ask, onAskAgain: OnAskAgain = () => () => undefined): () => void {
  let key: string | null = null;
  let stop: () => void = () => undefined;
  let refresh: (() => void) | null = null;
  usePanelLoader(ask);

  const route = () => {
    const view = site.parsePath(location.pathname, location.search);
    const next = pageKey(view);
    if (next === key) return;
    key = next;
    stop();
    closeDetailsPanel();
    refresh = null;
    if (view?.kind === 'package') {
      const page = site.packagePage(view.pkg, ask);
      stop = () => page.stop();
      refresh = () => page.refresh();
    } else if (view?.kind === 'search') stop = startSearchBadges(() => site.searchResults(), ask, takeEarlySearch());
    else stop = () => undefined;
  };

  route();
  // The early reply is for the page first set up in this document, whatever kind it was.
  forgoEarly();
  const unwatch = watchUrl(route);
  // A page restored from the back/forward cache still shows its badges, but the browser reset
  // the toolbar button and the worker forgot the tab when it left: ask again.
  const restored = (event: PageTransitionEvent) => {
    if (!event.persisted) return;
    key = null;
    route();
  };
  addEventListener('pageshow', restored);
  // The popup's retry or a pin change decided this page's verdict anew: its badges ask again, in
  // place, so an open details panel follows instead of closing under the reader's focus.
  const unlisten = onAskAgain(() => {
    if (refresh !== null) return refresh();
    key = null;
    route();
  });
  return () => {
    unlisten();
    removeEventListener('pageshow', restored);
    unwatch();
    stop();
    closeDetailsPanel();
  };
}

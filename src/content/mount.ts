// A badge host in the page: our own element with the contract's data attributes, a shadow root
// holding the Preact view and the shared stylesheet, and re-insertion when the site's rendering
// (React hydration on npm, tab scripts on PyPI) throws our node away.
import { type ComponentChild, render } from 'preact';
import { darkUnder, watchPageScheme } from './page-scheme';
import { styleShadowRoot } from './shadow-styles';

export interface Placement {
  parent: Node;
  /** Insert before this child; null appends. */
  before: Node | null;
}

/** Finds where the host goes now; null while the landmark is not (yet) in the page. */
export type Locate = () => Placement | null;

export interface MountedBadge {
  readonly host: HTMLElement;
  /**
   * `continuity`: the verdict's continuity note kind; `consistency`: 'inconsistent' when the
   * release's files were signed from different sources. null drops the attribute.
   */
  setData(status: string, packageAttr: string, continuity?: string | null, consistency?: string | null): void;
  render(view: ComponentChild): void;
  destroy(): void;
}

export interface MountOptions {
  locate: Locate;
  css: string;
  tagName?: string;
  /** Extra `data-*` attributes for the host, e.g. the file a per-file badge is about. */
  data?: Record<string, string>;
  /**
   * Keep the host where `locate` says, not only while it is detached: a title badge sits beside
   * the heading, and when the site re-renders that heading for another package (or moves it),
   * the badge leaves with it rather than stay beside the wrong one.
   */
  follow?: boolean;
}

// A page that keeps deleting us is fighting us on purpose; after this many re-inserts, give up.
const MAX_REINSERTS = 50;

interface Live {
  host: HTMLElement;
  locate: Locate;
  follow: boolean;
  placed: boolean;
  reinserts: number;
}

const live = new Set<Live>();
let observer: MutationObserver | null = null;
let stopSchemeWatch: (() => void) | null = null;

function place(entry: Live): void {
  const { host } = entry;
  if ((host.isConnected && !entry.follow) || entry.reinserts >= MAX_REINSERTS) return;
  const where = entry.locate();
  if (where === null || !where.parent.isConnected) {
    // The landmark is gone or shows something else: so does the badge, until it is back.
    if (host.isConnected) host.remove();
    return;
  }
  const there = host.parentNode === where.parent && (where.before === host || host.nextSibling === where.before);
  if (there) return;
  // Only putting back a badge the site took away counts towards the limit, not following it.
  if (entry.placed && !host.isConnected) entry.reinserts++;
  where.parent.insertBefore(host, where.before);
  entry.placed = true;
  unschemed.add(host);
}

// Hosts placed since their colours were last read. Read after a whole pass of placements, not
// after each: a style read after every insert would recompute the page's styles 121 times on a
// 60-file release.
const unschemed = new Set<HTMLElement>();

/**
 * Colours from what each badge sits on (styles.ts PAGE_PALETTE), read where it was placed. Every
 * colour is read before any badge is marked: a mark changes the page's styles, so a read after
 * it makes the browser recompute them, once per badge on a 20-result search page.
 */
function applySchemes(hosts: Iterable<HTMLElement>): void {
  const known = new Map<Element, boolean>();
  const decided: [HTMLElement, boolean][] = [];
  for (const host of hosts) {
    const parent = host.parentElement;
    if (parent !== null) decided.push([host, darkUnder(parent, known)]);
  }
  for (const [host, dark] of decided) {
    if (dark) host.setAttribute('data-pl-scheme', 'dark');
    else host.removeAttribute('data-pl-scheme');
  }
  unschemed.clear();
}

function reschemeAll(): void {
  applySchemes([...live].map((entry) => entry.host));
}

function reattachAll(): void {
  for (const entry of live) place(entry);
  if (unschemed.size > 0) applySchemes([...unschemed]);
}

/**
 * Places every badge not on the page yet, for a site whose landmarks became usable without a
 * DOM change (npm: its hydration is over).
 */
export const placeBadges = reattachAll;

// One observer for every badge on the page, created with the first and dropped with the last.
function track(entry: Live): void {
  live.add(entry);
  if (observer === null) {
    observer = new MutationObserver(reattachAll);
    // characterData too: React updates a heading's text in place, and a locate may read it.
    observer.observe(document.documentElement, { childList: true, subtree: true, characterData: true });
    stopSchemeWatch = watchPageScheme(reschemeAll);
  }
}

function untrack(entry: Live): void {
  live.delete(entry);
  if (live.size === 0 && observer !== null) {
    observer.disconnect();
    observer = null;
    stopSchemeWatch?.();
    stopSchemeWatch = null;
  }
}

/** An attribute present only while the verdict says so: a stale one would mislead page scripts. */
function setOptional(host: HTMLElement, name: string, value: string | null | undefined): void {
  if (value == null) host.removeAttribute(name);
  else host.setAttribute(name, value);
}

export function mountBadge(options: MountOptions): MountedBadge {
  const host = document.createElement(options.tagName ?? 'provenance-lens-badge');
  for (const [key, value] of Object.entries(options.data ?? {})) host.setAttribute(`data-${key}`, value);
  // Open so page tests and users' scripts can inspect it; nothing in it is secret.
  const shadow = host.attachShadow({ mode: 'open' });
  styleShadowRoot(shadow, options.css);
  const container = document.createElement('span');
  shadow.append(container);

  const entry: Live = { host, locate: options.locate, follow: options.follow === true, placed: false, reinserts: 0 };
  let destroyed = false;
  // Watched before it is placed: the page's observer sees this first insert too, and reads what
  // a lone badge sits on (a badge placed before any other would otherwise wait for a change).
  track(entry);
  place(entry);

  return {
    host,
    setData(status, packageAttr, continuity, consistency) {
      host.setAttribute('data-provenance-status', status);
      host.setAttribute('data-provenance-package', packageAttr);
      setOptional(host, 'data-provenance-continuity', continuity);
      setOptional(host, 'data-provenance-consistency', consistency);
    },
    render(view) {
      if (!destroyed) render(view, container);
    },
    destroy() {
      if (destroyed) return;
      destroyed = true;
      untrack(entry);
      render(null, container);
      host.remove();
    },
  };
}

/** Right after `anchor`, as its next sibling: beside a heading or a link, not inside it. */
export function after(find: () => Element | null): Locate {
  return () => {
    const anchor = find();
    return anchor?.parentNode == null ? null : { parent: anchor.parentNode, before: anchor.nextSibling };
  };
}

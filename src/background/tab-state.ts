// The last package verdict per tab, for the popup and the toolbar badge. Mirrored to
// storage.session (when the browser has it) because MV3 workers are stopped when idle.
// Keyed by the release the tab shows: no path puts another version's verdict on a tab.
import type { PackageRef, PackageVerdict } from '../core/verdict';
import { withPageInputs } from '../registries/page-inputs';
import type { PackageName, PageInputs } from '../shared/messages';
import { clearBadge, showBadge, type BadgeApi } from './action-badge';
import { packageShownAt, pageShows, sameName, sameRelease } from './page-match';
import { isRecord, type StorageArea } from './storage-area';

const key = (tabId: number) => `tab|${tabId}`;

export type Release = PackageRef & { version: string };

export interface TabEntry {
  /** As the page asked for it: no version on a "latest" page. */
  pkg: PackageRef;
  /** About `pkg`; on a "latest" page its version is the one the tab shows. */
  verdict: PackageVerdict;
  /** What the page said of itself (files listed, PyPI's notice), applied to later verdicts too. */
  inputs?: PageInputs;
  /** The version a "latest" page's header shows (checked against the registry grammar). */
  shownVersion?: string;
}

/**
 * The release a tab shows: a "latest" page's version is the one its own verdict resolved, or,
 * when that check could not learn it (an outage), the one the page's header shows: a retry then
 * asks about that release, not about whatever is latest by then.
 */
export function shownRelease(entry: TabEntry): Release {
  const resolved = entry.verdict.pkg.version !== '' ? entry.verdict.pkg.version : (entry.shownVersion ?? '');
  return { registry: entry.pkg.registry, name: entry.pkg.name, version: entry.pkg.version ?? resolved };
}

/** A "latest" page whose check never learnt which version it shows (its verdict names ''). */
const unresolved = (entry: TabEntry) => entry.pkg.version === undefined && shownRelease(entry).version === '';

/**
 * What the popup is told the tab shows, and so asks about on retry: the release, or for an
 * unresolved "latest" page just the name (no version: '' is outside the registry grammar).
 */
export function tabPackage(entry: TabEntry): PackageRef {
  return unresolved(entry) ? { registry: entry.pkg.registry, name: entry.pkg.name } : shownRelease(entry);
}

export interface TabState {
  /** Shows "checking" and returns a token; a `set` with an outdated token is dropped. */
  loading(tabId: number, pkg: PackageRef): Promise<number>;
  /** Throws (and clears the tab) for a verdict about another package or version than `entry.pkg`. */
  set(tabId: number, entry: TabEntry, token?: number): Promise<void>;
  get(tabId: number): Promise<TabEntry | null>;
  /** The package the tab's page asked about and is still waiting for, or null. */
  checking(tabId: number): PackageRef | null;
  /**
   * The package the tab's page asked about, as its URL names it (no version on a "latest" page),
   * answered or still waiting; null when none. Kept in storage.session: it survives the worker.
   */
  pageAsked(tabId: number): Promise<PackageRef | null>;
  /**
   * A verdict decided anew (retry, pin change): update the tabs showing exactly its release.
   * `asked` without a version (a retry of "latest") also reaches that name's unresolved
   * "latest" tabs, which show whatever is latest; no tab that resolved a version.
   */
  replaceVerdict(verdict: PackageVerdict, asked?: PackageRef): Promise<void>;
  /** Each release of the package that some tab shows, once per version; unresolved tabs show none yet. */
  releasesShown(pkg: PackageName): Release[];
  /** The tab's URL changed: forget whatever is not about the package it shows now. */
  navigated(tabId: number, url: string): Promise<void>;
  removed(tabId: number): Promise<void>;
}

function isStoredEntry(v: unknown): v is TabEntry {
  const shown = isRecord(v) ? v.shownVersion : undefined;
  return isRecord(v) && isRecord(v.pkg) && isRecord(v.verdict) && isRecord(v.verdict.pkg) && typeof v.verdict.pkg.version === 'string' && (shown === undefined || typeof shown === 'string');
}

/**
 * `tell`: asks a tab's page to ask again. A verdict decided anew from the popup is the tab's
 * toolbar verdict at once; the page's own badges hold the one they were answered.
 */
export function createTabState(badge: BadgeApi, session?: StorageArea, tell?: (tabId: number) => void): TabState {
  const tabs = new Map<number, TabEntry>();
  // A slow verdict for the page a tab showed before must not land on the page it shows now.
  const pending = new Map<number, { token: number; pkg: PackageRef }>();
  let nextToken = 1;

  async function forget(tabId: number): Promise<void> {
    tabs.delete(tabId);
    await session?.remove(key(tabId));
  }

  async function set(tabId: number, entry: TabEntry, token?: number): Promise<void> {
    if (token !== undefined) {
      if (pending.get(tabId)?.token !== token) return;
      pending.delete(tabId);
    }
    if (!pageShows(entry.pkg, entry.verdict.pkg)) {
      // A caller's mistake, never the page's: show nothing rather than another release's verdict.
      await forget(tabId);
      await clearBadge(badge, tabId);
      const { name, version } = entry.verdict.pkg;
      throw new Error(`tab state: a verdict for ${name}@${version} is not about the package the tab shows`);
    }
    tabs.set(tabId, entry);
    await session?.set({ [key(tabId)]: entry });
    await showBadge(badge, tabId, entry.verdict);
  }

  async function get(tabId: number): Promise<TabEntry | null> {
    const known = tabs.get(tabId);
    if (known || !session) return known ?? null;
    // Only our own worker writes this area, and the popup only displays it.
    const stored = (await session.get(key(tabId)))[key(tabId)];
    // The page's own answer may have been recorded while storage was read: it is newer.
    const fresher = tabs.get(tabId);
    if (fresher) return fresher;
    if (!isStoredEntry(stored)) return null;
    tabs.set(tabId, stored);
    return stored;
  }

  return {
    set,
    get,
    checking: (tabId) => pending.get(tabId)?.pkg ?? null,
    async pageAsked(tabId) {
      return pending.get(tabId)?.pkg ?? (await get(tabId))?.pkg ?? null;
    },
    async removed(tabId) {
      pending.delete(tabId);
      await forget(tabId);
    },
    async loading(tabId, pkg) {
      const token = nextToken++;
      pending.set(tabId, { token, pkg });
      await showBadge(badge, tabId, 'loading');
      return token;
    },
    async replaceVerdict(verdict, asked) {
      // A "latest" tab matches by the version it resolved, not by having none; one that never
      // resolved one only a retry of "latest" itself (any version would otherwise match '').
      const latestAsked = asked !== undefined && asked.version === undefined && sameName(asked, verdict.pkg);
      for (const [tabId, entry] of [...tabs]) {
        const lands = unresolved(entry) ? latestAsked && sameName(entry.pkg, verdict.pkg) : sameRelease(shownRelease(entry), verdict.pkg);
        if (!lands) continue;
        // A page answer about this name still on its way was asked before this verdict was decided
        // (the page's re-ask, told below, comes after): landing later, it must not overwrite it.
        const waiting = pending.get(tabId);
        if (waiting !== undefined && sameName(waiting.pkg, verdict.pkg)) pending.delete(tabId);
        // Judged against the page as the page's own answer was: a retry cannot skip its files.
        const { inputs, shownVersion } = entry;
        await set(tabId, { pkg: entry.pkg, verdict: withPageInputs(verdict, inputs), ...(inputs ? { inputs } : {}), ...(shownVersion === undefined ? {} : { shownVersion }) });
        tell?.(tabId);
      }
    },
    releasesShown(pkg) {
      const found = new Map<string, Release>();
      for (const entry of tabs.values()) {
        if (unresolved(entry)) continue; // version '' is no release to judge again
        const shown = shownRelease(entry);
        if (sameName(shown, pkg) && !found.has(shown.version)) found.set(shown.version, shown);
      }
      return [...found.values()];
    },
    async navigated(tabId, url) {
      const shown = packageShownAt(url);
      // Exact: a version's page keeps only that version's entry, a "latest" page only an entry
      // asked as "latest" (its resolved version is still the one the page rendered).
      const isShown = (pkg: PackageRef | undefined) =>
        pkg !== undefined && shown !== null && pageShows(shown, pkg) && shown.version === pkg.version;
      const request = pending.get(tabId);
      if (request && !isShown(request.pkg)) pending.delete(tabId);
      const entry = await get(tabId);
      // Re-read after the wait: the new page's request may have been answered meanwhile, and
      // forgetting that record would leave a package page with no toolbar badge or popup record.
      const current = tabs.get(tabId) ?? entry;
      if (current && isShown(current.pkg)) return;
      await forget(tabId);
      // Decided after the wait: the new page's request may have started ("checking") or been
      // answered (a record) meanwhile, and clearing would wipe the badge it just showed.
      if (!pending.has(tabId) && !tabs.has(tabId)) await clearBadge(badge, tabId);
    },
  };
}

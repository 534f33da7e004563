// The last package verdict per tab, for the popup and the toolbar badge. Mirrored to
// storage.session (when the browser has it) because MV3 workers are stopped when idle.
import type { PackageRef, PackageVerdict } from '../core/verdict';
import { clearBadge, showBadge, type BadgeApi } from './action-badge';
import { packageShownAt, pageShows } from './page-match';
import { isRecord, type StorageArea } from './storage-area';

const key = (tabId: number) => `tab|${tabId}`;

export interface TabEntry {
  /** As the page asked for it: no version on a "latest" page. */
  pkg: PackageRef;
  verdict: PackageVerdict;
}

export interface TabState {
  /** Shows "checking" and returns a token; a `set` with an outdated token is dropped. */
  loading(tabId: number, pkg: PackageRef): Promise<number>;
  set(tabId: number, entry: TabEntry, token?: number): Promise<void>;
  get(tabId: number): Promise<TabEntry | null>;
  /** A retry decided anew: update every tab showing that package. */
  replaceVerdict(verdict: PackageVerdict): Promise<void>;
  /** The tab's URL changed: forget whatever is not about the package it shows now. */
  navigated(tabId: number, url: string): Promise<void>;
  removed(tabId: number): Promise<void>;
}

export function createTabState(badge: BadgeApi, session?: StorageArea): TabState {
  const tabs = new Map<number, TabEntry>();
  // A slow verdict for the page a tab showed before must not land on the page it shows now.
  const pending = new Map<number, { token: number; pkg: PackageRef }>();
  let nextToken = 1;

  async function set(tabId: number, entry: TabEntry, token?: number): Promise<void> {
    if (token !== undefined) {
      if (pending.get(tabId)?.token !== token) return;
      pending.delete(tabId);
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
    if (!isRecord(stored) || !isRecord(stored.pkg) || !isRecord(stored.verdict)) return null;
    const entry = stored as unknown as TabEntry;
    tabs.set(tabId, entry);
    return entry;
  }

  async function forget(tabId: number): Promise<void> {
    tabs.delete(tabId);
    await session?.remove(key(tabId));
  }

  return {
    set,
    get,
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
    async replaceVerdict(verdict) {
      for (const [tabId, entry] of tabs) {
        if (pageShows(entry.pkg, verdict.pkg)) await set(tabId, { pkg: entry.pkg, verdict });
      }
    },
    async navigated(tabId, url) {
      const shown = packageShownAt(url);
      const isShown = (pkg: PackageRef | undefined) =>
        pkg !== undefined && shown !== null && pageShows(shown, pkg) && shown.version === pkg.version;
      const request = pending.get(tabId);
      if (request && !isShown(request.pkg)) pending.delete(tabId);
      const entry = await get(tabId);
      if (entry && isShown(entry.pkg)) return;
      await forget(tabId);
      // Keep the "checking" badge of a request that is about the new page.
      if (!pending.has(tabId)) await clearBadge(badge, tabId);
    },
  };
}

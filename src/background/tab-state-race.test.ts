// A navigation and the new page's answer can interleave: `navigated` waits on session storage
// while the page's request (a cached verdict) is answered. The answer is newer and must stay.
import { describe, expect, it } from 'vitest';
import type { PackageVerdict } from '../core/verdict';
import type { BadgeApi } from './action-badge';
import { createTabState } from './tab-state';
import { fakeStorage } from './testing/fake-storage';
import { NPM_SITE_ORIGIN } from '../registries/npm/hosts';

const pkg = { registry: 'npm' as const, name: '@trishankatdatadog/supreme-goggles' };
const verdict: PackageVerdict = { pkg: { ...pkg, version: '1.0.5' }, files: [], checkedAt: 0, status: 'invalid', code: 'TLOG_BODY', message: 'm' };

function slowSession() {
  const storage = fakeStorage();
  let release: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (release = resolve));
  return {
    // Reads what is stored now and answers later, as a browser's storage round trip does.
    area: {
      ...storage,
      get: async (keys: Parameters<typeof storage.get>[0]) => {
        const snapshot = await storage.get(keys);
        await gate;
        return snapshot;
      },
    },
    release,
  };
}

describe('tab state: a navigation racing the new page\'s answer', () => {
  it('keeps the record and the toolbar badge the page set while storage was read', async () => {
    const text = new Map<number, string>();
    const badge: BadgeApi = { setBadgeText: async (d) => void text.set(d.tabId, d.text), setBadgeBackgroundColor: async () => undefined, setTitle: async () => undefined };
    const session = slowSession();
    const tabs = createTabState(badge, session.area);
    const navigation = tabs.navigated(3, new URL(`/package/${pkg.name}`, NPM_SITE_ORIGIN).href);
    const token = await tabs.loading(3, pkg);
    await tabs.set(3, { pkg, verdict }, token);
    session.release();
    await navigation;
    expect((await tabs.get(3))?.verdict).toEqual(verdict);
    expect(text.get(3)).toBe('!');
  });

  // Seen in Chromium: the request started before the navigation event, so the navigation finds
  // no record and forgets the tab; the answer lands while that removal is written.
  it('keeps the toolbar badge when the answer lands while the navigation forgets the tab', async () => {
    const text = new Map<number, string>();
    const titles = new Map<number, string>();
    const badge: BadgeApi = {
      setBadgeText: async (d) => void text.set(d.tabId, d.text),
      setBadgeBackgroundColor: async () => undefined,
      setTitle: async (d) => void titles.set(d.tabId, d.title),
    };
    const storage = fakeStorage();
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let removing: () => void = () => undefined;
    const removeStarted = new Promise<void>((resolve) => (removing = resolve));
    const area = {
      ...storage,
      remove: async (keys: Parameters<typeof storage.remove>[0]) => {
        removing();
        await gate;
        await storage.remove(keys);
      },
    };
    const tabs = createTabState(badge, area);
    const token = await tabs.loading(3, pkg);
    const navigation = tabs.navigated(3, new URL(`/package/${pkg.name}`, NPM_SITE_ORIGIN).href);
    await removeStarted;
    const answered = tabs.set(3, { pkg, verdict }, token);
    release();
    await Promise.all([navigation, answered]);
    expect((await tabs.get(3))?.verdict).toEqual(verdict);
    expect(text.get(3)).toBe('!');
    expect(titles.get(3)).toContain(`${pkg.name}@1.0.5 failed verification`);
  });
});

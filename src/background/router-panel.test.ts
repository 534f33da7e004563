// content/panel: a badge click asks the worker to inject the details panel's script. Only a
// content script of ours on a registry page may ask, and only for its own tab.
import { describe, expect, it } from 'vitest';
import { PYPI_ORIGIN } from '../registries/pypi/hosts';
import type { BadgeApi } from './action-badge';
import { createPinStore } from './pins';
import { createRouter, type RouterDeps } from './router';
import type { Sender } from './sender';
import { createSettingsStore } from './settings';
import { createTabState } from './tab-state';
import { fakeStorage } from './testing/fake-storage';

const RUNTIME = 'our-extension-id';
const onPypi = (path: string, extra: Partial<Sender> = {}): Sender => ({ id: RUNTIME, url: new URL(path, PYPI_ORIGIN).href, frameId: 0, tab: { id: 7 }, ...extra });

function setup(showPanel?: RouterDeps['showPanel']) {
  const noBadge: BadgeApi = { setBadgeText: async () => undefined, setBadgeBackgroundColor: async () => undefined, setTitle: async () => undefined };
  const storage = fakeStorage();
  return createRouter({
    runtimeId: RUNTIME,
    extensionBase: 'chrome-extension://our-extension-id/',
    verdicts: { getVerdict: async () => Promise.reject(new Error('not asked')) },
    tabs: createTabState(noBadge),
    settings: createSettingsStore(storage),
    cache: { clear: async () => 0 },
    pins: createPinStore(storage),
    ...(showPanel ? { showPanel } : {}),
  });
}

describe('router: content/panel', () => {
  it('injects into the asking tab, from a package page or a search page', async () => {
    const tabs: number[] = [];
    const router = setup(async (tabId) => void tabs.push(tabId));
    expect(await router({ type: 'content/panel' }, onPypi('/project/widgets/'))).toEqual({ ok: true, value: true });
    expect(await router({ type: 'content/panel' }, onPypi('/search/?q=w', { tab: { id: 9 } }))).toEqual({ ok: true, value: true });
    expect(tabs).toEqual([7, 9]);
  });

  it('refuses other extensions, sub-frames, our own pages and pages that are not registry pages', async () => {
    const tabs: number[] = [];
    const router = setup(async (tabId) => void tabs.push(tabId));
    const refused = [
      onPypi('/project/widgets/', { id: 'someone-else' }),
      onPypi('/project/widgets/', { frameId: 3 }),
      { id: RUNTIME, url: 'chrome-extension://our-extension-id/popup.html' },
      onPypi('/help/'),
      { id: RUNTIME, url: 'https://evil.example/project/widgets/', frameId: 0, tab: { id: 7 } },
    ];
    for (const sender of refused) {
      expect(await router({ type: 'content/panel' }, sender), JSON.stringify(sender)).toMatchObject({ ok: false });
    }
    expect(tabs).toEqual([]);
  });

  it('answers an error, never throws, when the injection fails or is not available', async () => {
    const failing = setup(async () => Promise.reject(new Error('Cannot access contents of the page')));
    expect(await failing({ type: 'content/panel' }, onPypi('/project/widgets/'))).toMatchObject({ ok: false, code: 'MSG_INTERNAL' });
    expect(await setup()({ type: 'content/panel' }, onPypi('/project/widgets/'))).toMatchObject({ ok: false, code: 'MSG_INTERNAL' });
  });
});

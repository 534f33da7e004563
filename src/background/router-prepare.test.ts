// content/prepare: a registry package page starts its own verdict as it loads. The package is the
// one the tab's URL shows (read from the browser's sender), whatever the message says; nothing
// else may prepare anything: other extensions, sub-frames, our own pages, non-package pages.
import { describe, expect, it } from 'vitest';
import type { PackageRef } from '../core/verdict';
import { NPM_SITE_ORIGIN } from '../registries/npm/hosts';
import { PYPI_ORIGIN } from '../registries/pypi/hosts';
import type { BadgeApi } from './action-badge';
import { createPinStore } from './pins';
import { createRouter } from './router';
import type { Sender } from './sender';
import { createSettingsStore } from './settings';
import { createTabState } from './tab-state';
import { fakeStorage } from './testing/fake-storage';

const RUNTIME = 'our-extension-id';
const page = (url: string, extra: Partial<Sender> = {}): Sender => ({ id: RUNTIME, url, frameId: 0, tab: { id: 7, url }, ...extra });
const onPypi = (path: string, extra: Partial<Sender> = {}) => page(new URL(path, PYPI_ORIGIN).href, extra);

function setup() {
  const prepared: PackageRef[] = [];
  const noBadge: BadgeApi = { setBadgeText: async () => undefined, setBadgeBackgroundColor: async () => undefined, setTitle: async () => undefined };
  const storage = fakeStorage();
  const router = createRouter({
    runtimeId: RUNTIME,
    extensionBase: `chrome-extension://${RUNTIME}/`,
    verdicts: { getVerdict: async () => Promise.reject(new Error('not asked')), prepare: async (pkg) => void prepared.push(pkg) },
    tabs: createTabState(noBadge),
    settings: createSettingsStore(storage),
    cache: { clear: async () => 0 },
    pins: createPinStore(storage),
  });
  return { router, prepared };
}

describe('router: content/prepare', () => {
  it("prepares the package the tab's URL shows, never one the message names", async () => {
    const { router, prepared } = setup();
    expect(await router({ type: 'content/prepare', pkg: { registry: 'pypi', name: 'evil' } }, onPypi('/project/demo/2.0/'))).toEqual({ ok: true, value: null });
    expect(await router({ type: 'content/prepare' }, onPypi('/project/Demo/'))).toEqual({ ok: true, value: null });
    expect(await router({ type: 'content/prepare' }, page(new URL('/package/@scope/pkg', NPM_SITE_ORIGIN).href))).toEqual({ ok: true, value: null });
    expect(prepared).toEqual([
      { registry: 'pypi', name: 'demo', version: '2.0' },
      { registry: 'pypi', name: 'Demo' },
      { registry: 'npm', name: '@scope/pkg' },
    ]);
  });

  it('prepares nothing for other extensions, sub-frames, our own pages and pages that show no package', async () => {
    const { router, prepared } = setup();
    const refused = [
      onPypi('/project/demo/', { id: 'someone-else' }),
      onPypi('/project/demo/', { frameId: 2 }),
      { id: RUNTIME, url: `chrome-extension://${RUNTIME}/popup.html` },
      page('https://evil.example/project/demo/'),
    ];
    for (const sender of refused) expect(await router({ type: 'content/prepare' }, sender), JSON.stringify(sender)).toMatchObject({ ok: false });
    // A search page prepares no package; with no memory of searches (search-early.test.ts) it is told nothing.
    expect(await router({ type: 'content/prepare' }, onPypi('/search/?q=demo'))).toEqual({ ok: true, value: [] });
    expect(prepared).toEqual([]);
  });
});

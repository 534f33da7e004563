// Pins through the router: only extension pages may read or change them, and an import is
// checked in full before anything is written.
import { describe, expect, it } from 'vitest';
import type { PackageRef, PackageVerdict } from '../core/verdict';
import { PYPI_ORIGIN } from '../registries/pypi/hosts';
import { createPinStore } from './pins';
import { MAX_PINS } from './pin-records';
import { createRouter } from './router';
import type { Sender } from './sender';
import { createSettingsStore } from './settings';
import { createTabState } from './tab-state';
import { fakeStorage, type FakeStorage } from './testing/fake-storage';

const RUNTIME = 'our-extension-id';
const BASE = 'chrome-extension://our-extension-id/';
const pageSender: Sender = { id: RUNTIME, url: `${BASE}popup.html` };
const contentSender: Sender = { id: RUNTIME, url: new URL('/project/demo/1.0/', PYPI_ORIGIN).href, frameId: 0, tab: { id: 3 } };
const GH = 'https://token.actions.githubusercontent.com';
const pin = { issuer: GH, repository: 'acme/demo', workflowPath: '.github/workflows/release.yml' };
const demo = { registry: 'pypi', name: 'demo' };

function setup(storage: FakeStorage = fakeStorage()) {
  const asked: PackageRef[] = [];
  const noBadge = { setBadgeText: async () => undefined, setBadgeBackgroundColor: async () => undefined, setTitle: async () => undefined };
  const router = createRouter({
    runtimeId: RUNTIME,
    extensionBase: BASE,
    verdicts: {
      async getVerdict(pkg) {
        asked.push(pkg);
        const verdict: PackageVerdict = { pkg: { ...pkg, version: pkg.version ?? '1.0' }, files: [], checkedAt: 1, status: 'none' };
        return verdict;
      },
    },
    tabs: createTabState(noBadge),
    settings: createSettingsStore(storage),
    cache: { clear: async () => 0 },
    pins: createPinStore(storage, () => 1_700_000_000_000),
  });
  return { router, storage, asked };
}

describe('pins over messages', () => {
  it('sets, reads and removes a pin from an extension page; a versioned request re-answers the verdict', async () => {
    const { router, asked } = setup();
    expect(await router({ type: 'page/pin-set', pkg: { ...demo, version: '1.0' }, pin: { ...pin, extra: 'dropped' } }, pageSender)).toEqual({
      ok: true,
      value: { pin, verdict: expect.objectContaining({ status: 'none' }) },
    });
    expect(asked).toEqual([{ ...demo, version: '1.0' }]);
    expect(await router({ type: 'page/pin-get', pkg: { registry: 'pypi', name: 'Demo' } }, pageSender)).toEqual({ ok: true, value: { pin, seen: [] } });
    expect(await router({ type: 'page/pin-remove', pkg: demo }, pageSender)).toEqual({ ok: true, value: { removed: true, verdict: null } });
    expect(await router({ type: 'page/pin-get', pkg: demo }, pageSender)).toEqual({ ok: true, value: { pin: null, seen: [] } });
  });

  it('refuses bad pins and bad package names', async () => {
    const { router, storage } = setup();
    for (const bad of [{ ...pin, issuer: 'http://x' }, { ...pin, repository: 'no-slash' }, { ...pin, workflowPath: '../x.yml' }, { issuer: GH }]) {
      expect(await router({ type: 'page/pin-set', pkg: demo, pin: bad }, pageSender)).toMatchObject({ ok: false, code: 'MSG_MALFORMED' });
    }
    expect(await router({ type: 'page/pin-set', pkg: { registry: 'pypi', name: '<x>' }, pin }, pageSender)).toMatchObject({ ok: false, code: 'MSG_BAD_PACKAGE' });
    expect(storage.data.has('pins')).toBe(false);
  });

  it('never lets a content script read or change pins', async () => {
    const { router, storage } = setup();
    for (const msg of [
      { type: 'page/pin-set', pkg: demo, pin },
      { type: 'page/pin-remove', pkg: demo },
      { type: 'page/pin-get', pkg: demo },
      { type: 'page/pins-export' },
      { type: 'page/pins-import', data: { version: 1, pins: [{ ...demo, pin, createdAt: 1 }] } },
    ]) {
      expect(await router(msg, contentSender)).toMatchObject({ ok: false, code: 'MSG_FORBIDDEN_SENDER' });
    }
    expect(storage.data.size).toBe(0);
  });

  it('exports pins and history, and imports them into a fresh profile (object or JSON text)', async () => {
    const { router } = setup();
    await router({ type: 'page/pin-set', pkg: demo, pin }, pageSender);
    await router({ type: 'page/pin-set', pkg: { registry: 'npm', name: '@scope/pkg' }, pin: { issuer: GH, repository: 'scope/pkg' } }, pageSender);
    const exported = await router({ type: 'page/pins-export' }, pageSender);
    expect(exported).toMatchObject({ ok: true, value: { version: 1, pins: [{ ...demo, pin }, { name: '@scope/pkg' }], history: [] } });
    const data = exported.ok ? exported.value : null;
    for (const payload of [data, JSON.stringify(data)]) {
      const fresh = setup();
      expect(await fresh.router({ type: 'page/pins-import', data: payload }, pageSender)).toEqual({ ok: true, value: { pins: 2, history: 0 } });
      expect(await fresh.router({ type: 'page/pins-export' }, pageSender)).toEqual(exported);
    }
  });

  it('refuses a malformed import whole, writing nothing', async () => {
    const { router, storage } = setup();
    await router({ type: 'page/pin-set', pkg: demo, pin }, pageSender);
    const before = structuredClone(Object.fromEntries(storage.data));
    const good = { ...demo, pin, createdAt: 1 };
    const tooMany = Array.from({ length: MAX_PINS + 1 }, (_, i) => ({ ...good, name: `p${i}` }));
    for (const data of [
      'not json',
      { version: 2, pins: [] },
      { version: 1 },
      { version: 1, pins: {} },
      { version: 1, pins: [good, { ...good, pin: { ...pin, repository: 'evil' } }] },
      { version: 1, pins: [good, { ...good, name: 'Demo' }] },
      { version: 1, pins: [good], history: [{ ...demo, seen: [{ version: '1.0', issuer: GH, seenAt: -1 }] }] },
      { version: 1, pins: tooMany },
      'x'.repeat(3 * 1024 * 1024),
    ]) {
      expect(await router({ type: 'page/pins-import', data }, pageSender)).toMatchObject({ ok: false, code: 'MSG_MALFORMED' });
    }
    expect(Object.fromEntries(storage.data)).toEqual(before);
  });

  it('drops corrupted stored entries instead of trusting them', async () => {
    const storage = fakeStorage({ pins: [{ ...demo, pin, createdAt: 5 }, { registry: 'pypi', name: 'x', pin: { issuer: 'javascript:1' }, createdAt: 1 }, 'junk'] });
    const { router } = setup(storage);
    const exported = await router({ type: 'page/pins-export' }, pageSender);
    expect(exported).toEqual({ ok: true, value: { version: 1, pins: [{ ...demo, pin, createdAt: 5 }], history: [] } });
  });
});

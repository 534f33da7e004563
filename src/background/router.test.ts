import { describe, expect, it, vi } from 'vitest';
import type { PackageRef, PackageVerdict } from '../core/verdict';
import type { BadgeApi } from './action-badge';
import { MAX_SEARCH_BATCH } from '../shared/messages';
import { IDENTITY, VERDICTS } from '../ui/test-verdicts';
import { createRouter } from './router';
import type { Sender } from './sender';
import { createPinStore } from './pins';
import { createSettingsStore } from './settings';
import { createTabState } from './tab-state';
import { workerTrust } from './trust';
import { fakeStorage } from './testing/fake-storage';
import { NPM_SITE_ORIGIN } from '../registries/npm/hosts';
import { PYPI_ORIGIN } from '../registries/pypi/hosts';

const onPypi = (path: string) => new URL(path, PYPI_ORIGIN).href;
const onNpmSite = (path: string) => new URL(path, NPM_SITE_ORIGIN).href;

const RUNTIME = 'our-extension-id';
const BASE = 'chrome-extension://our-extension-id/';

function setup(verdictFor?: (pkg: PackageRef) => PackageVerdict) {
  const asked: { pkg: PackageRef; fresh: boolean }[] = [];
  const badges: { tabId: number; text: string }[] = [];
  const badge: BadgeApi = {
    setBadgeText: async (d) => void badges.push(d),
    setBadgeBackgroundColor: async () => undefined,
    setTitle: async () => undefined,
  };
  let cleared = 0;
  const storage = fakeStorage();
  const router = createRouter({
    runtimeId: RUNTIME,
    extensionBase: BASE,
    verdicts: {
      async getVerdict(pkg, options) {
        asked.push({ pkg, fresh: options?.fresh === true });
        const verdict: PackageVerdict = { pkg: { ...pkg, version: pkg.version ?? '9.9' }, files: [], checkedAt: 1, status: 'none' };
        return verdictFor?.(pkg) ?? verdict;
      },
    },
    tabs: createTabState(badge),
    settings: createSettingsStore(storage),
    cache: { clear: async () => ++cleared },
    pins: createPinStore(storage),
  });
  return { router, asked, badges, storage };
}

const tabSender = (url: string, extra: Partial<Sender> = {}): Sender => ({ id: RUNTIME, url, frameId: 0, tab: { id: 7 }, ...extra });
const pageSender: Sender = { id: RUNTIME, url: `${BASE}popup.html` };
const pypi = (name: string, version?: string): PackageRef => (version ? { registry: 'pypi', name, version } : { registry: 'pypi', name });

describe('router: content scripts', () => {
  it('answers the package the page shows, and badges the tab', async () => {
    const { router, asked, badges } = setup();
    const reply = await router({ type: 'content/verdict', pkg: pypi('Sample.Project', '4.0.0') }, tabSender(onPypi('/project/sample_project/4.0.0/')));
    expect(reply).toMatchObject({ ok: true, value: { status: 'none' } });
    expect(asked).toEqual([{ pkg: pypi('Sample.Project', '4.0.0'), fresh: false }]);
    // The tab's badge follows the answer rather than holding it up.
    await vi.waitFor(() => expect(badges.map((b) => b.text)).toEqual(['…', '']));
  });

  it('sends pages each identity once, and extension pages the verdict as it is', async () => {
    const { router } = setup(() => VERDICTS.verified);
    const toPage = await router({ type: 'content/verdict', pkg: pypi('widgets', '1.2.0') }, tabSender(onPypi('/project/widgets/1.2.0/')));
    // The release, both files and each attestation name one publisher: one table entry.
    expect(toPage).toMatchObject({ ok: true, identities: [IDENTITY], value: { identity: { identityRef: 0 } } });
    expect(JSON.stringify(toPage).split(IDENTITY.commit as string)).toHaveLength(2);
    const batch = await router({ type: 'content/search-verdicts', pkgs: [pypi('widgets')] }, tabSender(onPypi('/search/?q=widgets')));
    expect(batch).toMatchObject({ ok: true, identities: [IDENTITY], value: [{ ok: true, value: { identity: { identityRef: 0 } } }] });
    const toPopup = await router({ type: 'page/retry', pkg: pypi('widgets', '1.2.0') }, pageSender);
    expect(toPopup).toEqual({ ok: true, value: VERDICTS.verified });
  });

  it('lets the URL, not the page, choose the version of a latest page', async () => {
    const { router, asked } = setup();
    await router({ type: 'content/verdict', pkg: { registry: 'npm', name: '@sigstore/verify', version: '0.0.1' } }, tabSender(onNpmSite('/package/@sigstore/verify?activeTab=code')));
    expect(asked[0]?.pkg).toEqual({ registry: 'npm', name: '@sigstore/verify' });
  });

  it('refuses another package, another version, or another registry', async () => {
    const { router, asked } = setup();
    const page = tabSender(onPypi('/project/sampleproject/4.0.0/'));
    for (const pkg of [pypi('requests'), pypi('sampleproject', '3.0.0'), { registry: 'npm', name: 'sampleproject' }]) {
      expect(await router({ type: 'content/verdict', pkg }, page)).toMatchObject({ ok: false, code: 'MSG_FORBIDDEN_SENDER' });
    }
    expect(await router({ type: 'content/verdict', pkg: pypi('x') }, tabSender(onPypi('/search/?q=x')))).toMatchObject({
      ok: false,
      code: 'MSG_NOT_A_PACKAGE_PAGE',
    });
    expect(asked).toEqual([]);
  });

  it('serves search verdicts only to search pages, in batches answered result by result', async () => {
    const { router, asked } = setup();
    const msg = { type: 'content/search-verdicts', pkgs: [pypi('requests'), pypi('<script>'), { registry: 'npm', name: 'left-pad' }, pypi('flask')] };
    const reply = (await router(msg, tabSender(onPypi('/search/?q=req')))) as { ok: true; value: { ok: boolean; code?: string }[]; texts?: Record<string, string> };
    expect(reply.ok).toBe(true);
    expect(reply.value.map((r) => (r.ok ? 'ok' : r.code))).toEqual(['ok', 'MSG_BAD_PACKAGE', 'MSG_FORBIDDEN_SENDER', 'ok']);
    expect(asked.map((a) => a.pkg.name)).toEqual(['requests', 'flask']);
    // The sentences for the codes come along, for content scripts that carry no table.
    expect(Object.keys(reply.texts ?? {}).sort()).toEqual(['MSG_BAD_PACKAGE', 'MSG_FORBIDDEN_SENDER']);
    expect(await router(msg, tabSender(onPypi('/project/requests/')))).toMatchObject({ ok: false, code: 'MSG_FORBIDDEN_SENDER' });
    for (const pkgs of [[], Array.from({ length: MAX_SEARCH_BATCH + 1 }, () => pypi('requests')), 'requests']) {
      expect(await router({ type: 'content/search-verdicts', pkgs }, tabSender(onPypi('/search/')))).toMatchObject({ ok: false, code: 'MSG_MALFORMED' });
    }
  });

  it('answers no search verdict while the user has search badges turned off', async () => {
    const { router, asked } = setup();
    const search = tabSender(onPypi('/search/?q=req'));
    expect(await router({ type: 'page/settings-set', settings: { searchBadges: false } }, pageSender)).toMatchObject({ ok: true });
    expect(await router({ type: 'content/search-verdicts', pkgs: [pypi('requests')] }, search)).toMatchObject({ ok: false, code: 'MSG_FORBIDDEN_SENDER' });
    expect(asked).toEqual([]);
  });

  it('follows the tab URL after the site navigates with pushState, within the same origin only', async () => {
    const { router, asked } = setup();
    const msg = { type: 'content/verdict', pkg: { registry: 'npm', name: 'tuf-js' } };
    // The document loaded on /package/sigstore, then the site pushed /package/tuf-js.
    const navigated = tabSender(onNpmSite('/package/sigstore'), { tab: { id: 7, url: onNpmSite('/package/tuf-js') } });
    expect(await router(msg, navigated)).toMatchObject({ ok: true });
    expect(asked[0]?.pkg).toEqual({ registry: 'npm', name: 'tuf-js' });
    const elsewhere = tabSender(onNpmSite('/package/sigstore'), { tab: { id: 7, url: 'https://evil.example/package/tuf-js' } });
    expect(await router(msg, elsewhere)).toMatchObject({ ok: false, code: 'MSG_FORBIDDEN_SENDER' });
  });

  it('refuses content messages from other sites, sub-frames and non-tabs', async () => {
    const { router } = setup();
    const msg = { type: 'content/verdict', pkg: pypi('sampleproject') };
    for (const sender of [
      tabSender('https://evil.example/project/sampleproject/'),
      tabSender(onPypi('/project/sampleproject/').replace('https:', 'http:')),
      tabSender(`${PYPI_ORIGIN}.evil.example/project/sampleproject/`),
      tabSender(onPypi('/project/sampleproject/'), { frameId: 3 }),
      tabSender(onPypi('/project/sampleproject/'), { tab: undefined }),
      tabSender(onPypi('/project/sampleproject/'), { url: undefined }),
    ]) {
      expect(await router(msg, sender)).toMatchObject({ ok: false, code: 'MSG_FORBIDDEN_SENDER' });
    }
  });

  it('never lets a content script use page messages', async () => {
    const { router, storage } = setup();
    const page = tabSender(onPypi('/project/sampleproject/'));
    for (const msg of [
      { type: 'page/settings-set', settings: { searchBadges: false } },
      { type: 'page/cache-clear' },
      { type: 'page/active-verdict', tabId: 1 },
      { type: 'page/retry', pkg: pypi('sampleproject') },
    ]) {
      expect(await router(msg, page)).toMatchObject({ ok: false, code: 'MSG_FORBIDDEN_SENDER' });
    }
    expect(storage.data.size).toBe(0);
  });
});

describe('router: extension pages', () => {
  it('reads and writes settings, clears the cache, retries fresh, reports the tab verdict', async () => {
    const { router, asked } = setup();
    expect(await router({ type: 'page/settings-get' }, pageSender)).toEqual({ ok: true, value: { searchBadges: true } });
    expect(await router({ type: 'page/settings-set', settings: { searchBadges: false } }, pageSender)).toEqual({ ok: true, value: { searchBadges: false } });
    expect(await router({ type: 'content/settings' }, tabSender(onNpmSite('/search?q=x')))).toEqual({ ok: true, value: { searchBadges: false } });
    expect(await router({ type: 'page/cache-clear' }, pageSender)).toEqual({ ok: true, value: { cleared: 1 } });
    expect(await router({ type: 'page/active-verdict', tabId: 7 }, pageSender)).toEqual({ ok: true, value: null });
    await router({ type: 'content/verdict', pkg: pypi('demo') }, tabSender(onPypi('/project/demo/')));
    expect(await router({ type: 'page/active-verdict', tabId: 7 }, pageSender)).toMatchObject({ ok: true, value: { pkg: pypi('demo') } });
    await router({ type: 'page/retry', pkg: pypi('demo') }, pageSender);
    expect(asked.at(-1)).toEqual({ pkg: pypi('demo'), fresh: true });
  });

  // Found by the issue-14 attack review: a popup opened while the page's check ran said no
  // package was shown. It is told which package is being checked, and asks again.
  it('reports a check still running for the tab as checking, then its verdict', async () => {
    let answer: (v: PackageVerdict) => void = () => undefined;
    const slow = createRouter({
      runtimeId: RUNTIME,
      extensionBase: BASE,
      verdicts: { getVerdict: () => new Promise<PackageVerdict>((resolve) => (answer = resolve)) },
      tabs: createTabState({ setBadgeText: async () => undefined, setBadgeBackgroundColor: async () => undefined, setTitle: async () => undefined }),
      settings: createSettingsStore(fakeStorage()),
      cache: { clear: async () => 0 },
      pins: createPinStore(fakeStorage()),
    });
    const page = slow({ type: 'content/verdict', pkg: pypi('demo', '1.0') }, tabSender(onPypi('/project/demo/1.0/')));
    await vi.waitFor(async () =>
      expect(await slow({ type: 'page/active-verdict', tabId: 7 }, pageSender)).toEqual({ ok: true, value: { pkg: pypi('demo', '1.0'), checking: true } }),
    );
    expect(await slow({ type: 'page/active-verdict', tabId: 8 }, pageSender)).toEqual({ ok: true, value: null });
    answer({ pkg: { ...pypi('demo', '1.0'), version: '1.0' }, files: [], checkedAt: 1, status: 'none' });
    await page;
    await vi.waitFor(async () =>
      expect(await slow({ type: 'page/active-verdict', tabId: 7 }, pageSender)).toMatchObject({ ok: true, value: { pkg: pypi('demo', '1.0'), verdict: { status: 'none' } } }),
    );
  });

  it('refuses page messages from another extension or a web page, and content messages from pages', async () => {
    const { router } = setup();
    expect(await router({ type: 'page/cache-clear' }, { ...pageSender, id: 'someone-else' })).toMatchObject({ code: 'MSG_FORBIDDEN_SENDER' });
    for (const url of ['chrome-extension://other-id/popup.html', 'data:text/html,x', 'about:blank']) {
      expect(await router({ type: 'page/cache-clear' }, { id: RUNTIME, url })).toMatchObject({ code: 'MSG_FORBIDDEN_SENDER' });
    }
    expect(await router({ type: 'page/cache-clear' }, { id: RUNTIME, url: onPypi('/'), tab: { id: 1 } })).toMatchObject({ code: 'MSG_FORBIDDEN_SENDER' });
    expect(await router({ type: 'content/verdict', pkg: pypi('demo') }, pageSender)).toMatchObject({ code: 'MSG_FORBIDDEN_SENDER' });
  });
});

describe('router: page/about', () => {
  it('tells extension pages the manifest version and the trusted-root snapshot date', async () => {
    const chrome = { runtime: { getManifest: () => ({ version: '1.2.3' }) } };
    vi.stubGlobal('chrome', chrome);
    try {
      const reply = await setup().router({ type: 'page/about' }, pageSender);
      expect(reply).toEqual({ ok: true, value: { version: '1.2.3', trustedRootDate: workerTrust().trustedRootDate } });
      expect(workerTrust().trustedRootDate).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('refuses it to a content script', async () => {
    const { router } = setup();
    for (const url of [onPypi('/project/sampleproject/'), onNpmSite('/package/left-pad')]) {
      expect(await router({ type: 'page/about' }, tabSender(url))).toMatchObject({ ok: false, code: 'MSG_FORBIDDEN_SENDER' });
    }
  });
});

describe('router: malformed input', () => {
  it.each([null, 'content/verdict', 42, [], { type: 3 }, { type: 'page/active-verdict', tabId: '1' }, { type: 'page/settings-set', settings: {} }])(
    'answers MSG_MALFORMED for %j',
    async (raw) => {
      const { router } = setup();
      expect(await router(raw, pageSender)).toMatchObject({ ok: false, code: 'MSG_MALFORMED' });
    },
  );

  it('answers unknown types and never throws when a dependency does', async () => {
    const { router } = setup();
    expect(await router({ type: 'page/eval' }, pageSender)).toMatchObject({ ok: false, code: 'MSG_UNKNOWN_TYPE' });
    const broken = createRouter({
      runtimeId: RUNTIME,
      extensionBase: BASE,
      verdicts: { getVerdict: () => Promise.reject(new Error('boom')) },
      tabs: createTabState({ setBadgeText: async () => undefined, setBadgeBackgroundColor: async () => undefined, setTitle: async () => undefined }),
      settings: createSettingsStore(fakeStorage()),
      cache: { clear: async () => 0 },
      pins: createPinStore(fakeStorage()),
    });
    expect(await broken({ type: 'page/retry', pkg: pypi('demo') }, pageSender)).toMatchObject({ ok: false, code: 'MSG_INTERNAL' });
  });
});

// @vitest-environment happy-dom
// Second review of the search page's told verdicts (early-verdict.ts takeEarlySearch,
// search-badges.ts toldFirst, router.ts earlySearch, verdicts.ts kept()). The first cases run the
// page's real content code against the real worker router (verdict service, cache, pins, tab
// state, search memory) with fake registries, so they show what the reader finally sees, not what
// one side promises: since a told result no longer asks, anything decided between the tell (at
// document_start) and the page's first look must still reach the page. The other cases attack the
// content side alone. Each asserts the correct behaviour.
import '../testing/idle-callback';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TrustContext } from '../core/api';
import type { ArtifactVerdict, PackageRef, PackageVerdict } from '../core/verdict';
import type { Verifiers } from '../registries/adapter';
import { PYPI_ORIGIN } from '../registries/pypi/hosts';
import { createVerdictCache } from '../background/cache';
import { createPinStore } from '../background/pins';
import { createRouter } from '../background/router';
import { createSearchMemory } from '../background/search-memory';
import { createSearchTabs } from '../background/search-tabs';
import type { Sender } from '../background/sender';
import { createSettingsStore } from '../background/settings';
import { createTabState } from '../background/tab-state';
import { fakeStorage } from '../background/testing/fake-storage';
import { createVerdictService } from '../background/verdicts';
import type { Message } from '../shared/messages';
import { createAsk, type OnAskAgain } from '../ui/worker-client';
import { VERDICTS } from '../ui/test-verdicts';
import { keepEarlyReply } from './early-start';
import { forgoEarly, listenForEarlyVerdict, takeEarlyVerdict } from './early-verdict';
import { pypiSite } from './pypi-site';
import { runSite } from './site-runner';
import { TOLD_WAIT_MS } from './search-badges';
import { el } from '../testing/dom-el';
import { freshRegistry, NO_BADGE } from '../background/testing/fresh-registry';

const RUNTIME = 'our-extension-id';
const on = (path: string) => new URL(path, PYPI_ORIGIN).href;
const SEARCH_URL = on('/search/?q=demo');
const SEARCH_TAB = 3;
const SEARCH: Sender = { id: RUNTIME, url: SEARCH_URL, frameId: 0, tab: { id: SEARCH_TAB, url: SEARCH_URL } };
const OPTIONS: Sender = { id: RUNTIME, url: `chrome-extension://${RUNTIME}/popup.html` };
const GH = 'https://token.actions.githubusercontent.com';
const identity = { forge: 'github' as const, issuer: GH, san: 'https://github.com/o/r/.github/workflows/release.yml@refs/tags/v1', repository: 'o/r', workflowPath: '.github/workflows/release.yml' };
const trust: TrustContext = { kind: 'trust-context', trustedRootDate: '2025-01-01' };
const release = (name: string, version = '1.0') => ({
  [on(`/pypi/${name}/json`)]: { info: { name, version }, urls: [{ filename: `${name}-${version}.tar.gz`, digests: { sha256: 'a'.repeat(64) } }] },
  [on(`/pypi/${name}/${version}/json`)]: { info: { name, version }, urls: [{ filename: `${name}-${version}.tar.gz`, digests: { sha256: 'a'.repeat(64) } }] },
  [on(`/integrity/${name}/${version}/${name}-${version}.tar.gz/provenance`)]: { any: 'doc' },
});

const wait = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));
const statuses = () => Array.from(document.querySelectorAll('provenance-lens-badge')).map((h) => h.getAttribute('data-provenance-status'));
const drawn = () => statuses().filter((s) => s !== 'loading' && s !== null);

function results(hrefs: string[]): void {
  document.body.replaceChildren(...hrefs.map((href) => el('a', { class: 'package-snippet', href }, el('span', { class: 'package-snippet__name' }, href))));
}

/** The real worker's router over fake registries; the page's transport goes straight to it. */
function world() {
  const routes: Record<string, unknown> = { ...release('demo') };
  const requests: string[] = [];
  // The worker's clock is the page's wall clock (a told verdict's freshness is compared across them).
  let clock = Date.now();
  const now = () => clock;
  vi.spyOn(Date, 'now').mockImplementation(now);
  const fetcher = freshRegistry(routes, (url) => requests.push(url.href));
  let status: 'verified' | 'invalid' = 'verified';
  const verifiers: Verifiers = {
    verifyPypiProvenance: (): ArtifactVerdict =>
      status === 'verified' ? { status: 'verified', identity, attestations: [] } : ({ status: 'invalid', code: 'SIGNATURE_INVALID', message: 'tampered' } as unknown as ArtifactVerdict),
    verifyNpmAttestations: () => ({ status: 'none' }),
  };
  const storage = fakeStorage();
  const cache = createVerdictCache(storage, { trustVersion: () => 't', now });
  const pins = createPinStore(storage);
  const verdicts = createVerdictService({ fetcher, verifiers, trust: () => trust, cache, now, pins });
  // The worker's ASK_AGAIN to a tab reaches that tab's page listeners.
  const listeners = new Map<number, Set<() => void>>();
  const told: number[] = [];
  const askAgain = (tabId: number) => {
    told.push(tabId);
    for (const l of listeners.get(tabId) ?? []) l();
  };
  const tabs = createTabState(NO_BADGE, undefined, askAgain);
  const router = createRouter({
    runtimeId: RUNTIME,
    extensionBase: `chrome-extension://${RUNTIME}/`,
    verdicts,
    tabs,
    settings: createSettingsStore(storage),
    cache,
    pins,
    searches: createSearchMemory(),
    searchTabs: createSearchTabs(now),
    askAgain,
  });
  const sentByPage: Message[] = [];
  const ask = createAsk((m) => {
    sentByPage.push(m);
    return router(m, SEARCH);
  });
  const onAskAgain: OnAskAgain = (listener) => {
    const set = listeners.get(SEARCH_TAB) ?? new Set();
    set.add(listener);
    listeners.set(SEARCH_TAB, set);
    return () => set.delete(listener);
  };
  let stopPage: () => void = () => undefined;
  return {
    router,
    requests,
    sentByPage,
    told,
    advance: (ms: number) => (clock += ms),
    setStatus: (s: 'verified' | 'invalid') => (status = s),
    /** The registry now lists a second file for demo 1.0, one without provenance (an upload since). */
    addUnsignedWheel() {
      const wheel = { filename: 'demo-1.0-py3-none-any.whl', digests: { sha256: 'b'.repeat(64) } };
      for (const key of [on('/pypi/demo/json'), on('/pypi/demo/1.0/json')]) {
        const doc = routes[key] as { info: unknown; urls: unknown[] };
        routes[key] = { ...doc, urls: [...doc.urls, wheel] };
      }
    },
    /** One document of the search page: its first script's prepare (if `prepare`), then the page. */
    async visit(options: { prepare: boolean; between?: () => Promise<void> }) {
      stopPage();
      if (options.prepare) keepEarlyReply(router({ type: 'content/prepare' }, SEARCH));
      // The main script runs at document_start right after the first one, in the same task
      // (pypi.ts): it takes the reply and listens for the worker's ask-again from then on.
      listenForEarlyVerdict();
      const unlisten = onAskAgain(forgoEarly);
      // Whatever happens while the document is still loading (after its first script was told).
      if (options.prepare) await wait(5);
      await options.between?.();
      unlisten();
      results(['/project/demo/']);
      stopPage = runSite(pypiSite, ask, onAskAgain);
      await wait(TOLD_WAIT_MS + 100);
    },
    stop: () => stopPage(),
  };
}

let current: ReturnType<typeof world> | null = null;

beforeEach(() => {
  takeEarlyVerdict({ registry: 'pypi', name: 'x' }); // a leftover reply of an earlier case, if any
  history.replaceState(null, '', '/search/?q=demo');
  vi.spyOn(Element.prototype, 'getBoundingClientRect').mockReturnValue(new DOMRect(0, 0, 100, 20));
});
afterEach(() => {
  current?.stop();
  current = null;
  vi.restoreAllMocks();
  document.body.replaceChildren();
});

describe('review2: what is decided after the tell still reaches the search page (real worker)', () => {
  it('baseline: a revisit draws the told verdict, and the page asks nothing', async () => {
    const w = (current = world());
    await w.visit({ prepare: false });
    expect(drawn()).toEqual(['verified']);
    w.sentByPage.length = 0;
    await w.visit({ prepare: true });
    expect(drawn()).toEqual(['verified']);
    expect(w.sentByPage.map((m) => m.type)).not.toContain('content/search-verdicts');
  });

  it('a pin the told verdict contradicts, set (in another tab\'s popup) while the revisited search page loads: the result ends up red, not the told green', async () => {
    const w = (current = world());
    await w.visit({ prepare: false });
    await w.visit({
      prepare: true,
      between: async () => {
        const pinned = await w.router({ type: 'page/pin-set', pkg: { registry: 'pypi', name: 'demo' }, pin: { issuer: GH, repository: 'someone/else' } }, OPTIONS);
        expect(pinned.ok).toBe(true);
      },
    });
    // Before this change the result asked at its first look and was answered with the pin applied.
    expect(drawn()).toEqual(['invalid']);
  });

  it('a popup Retry of the name (another tab) that finds the release tampered, while the revisited search page loads: the result does not keep the told green', async () => {
    const w = (current = world());
    await w.visit({ prepare: false });
    await w.visit({
      prepare: true,
      between: async () => {
        w.setStatus('invalid');
        const retried = await w.router({ type: 'page/retry', pkg: { registry: 'pypi', name: 'demo', version: '1.0' }, tabId: 99 }, OPTIONS);
        expect(retried).toMatchObject({ ok: true, value: { status: 'invalid' } });
      },
    });
    expect(drawn()).toEqual(['invalid']);
  });

  it('told just before the kept answer goes stale, the page set up after it did (a slow load): the stale verdict is not the answer', async () => {
    const w = (current = world());
    await w.visit({ prepare: false });
    // 14m59s after the visit: the answer is still fresh when the worker tells it.
    w.advance(899_000);
    await w.visit({
      prepare: true,
      between: async () => {
        // The document takes 3 s to be parsed; a file without provenance was uploaded meanwhile.
        w.advance(3_000);
        w.addUnsignedWheel();
      },
    });
    // The worker, asked now, would go to the registry (the documents are stale) and find it.
    expect(drawn()).toEqual(['partial']);
  });

  it('a pin set after the told verdict was drawn: the search page is asked to ask again (as a package page is), or learns otherwise', async () => {
    const w = (current = world());
    await w.visit({ prepare: false });
    await w.visit({ prepare: true });
    expect(drawn()).toEqual(['verified']);
    await w.router({ type: 'page/pin-set', pkg: { registry: 'pypi', name: 'demo' }, pin: { issuer: GH, repository: 'someone/else' } }, OPTIONS);
    await wait(TOLD_WAIT_MS + 100);
    expect(drawn()).toEqual(['invalid']);
  });
});

describe('review2: the page side of a told revisit', () => {
  const asked = (name: string, version?: string): PackageRef => ({ registry: 'pypi', name, ...(version === undefined ? {} : { version }) });
  const verdictOf = (name: string, v: PackageVerdict, version = '1.2.0'): PackageVerdict => ({ ...v, pkg: { registry: 'pypi', name, version } });
  let stop: () => void = () => undefined;
  afterEach(() => {
    stop();
    stop = () => undefined;
  });

  function page(settings: Promise<unknown>, answer?: (m: Extract<Message, { type: 'content/search-verdicts' }>) => Promise<unknown>) {
    const sent: Message[] = [];
    const ask = createAsk((m) => {
      sent.push(m);
      if (m.type === 'content/settings') return settings;
      if (m.type === 'content/search-verdicts' && answer !== undefined) return answer(m);
      return new Promise(() => undefined);
    });
    return { ask, sent };
  }
  const ON = Promise.resolve({ ok: true, value: { searchBadges: true } });

  it('the told reply and the own ask both fail (worker gone): the result says "couldn\'t check", never green or red', async () => {
    keepEarlyReply(Promise.reject(new Error('Could not establish connection. Receiving end does not exist.')));
    listenForEarlyVerdict();
    results(['/project/widgets/']);
    const p = page(ON, () => Promise.reject(new Error('Extension context invalidated.')));
    stop = runSite(pypiSite, p.ask);
    await wait(TOLD_WAIT_MS + 100);
    expect(p.sent.filter((m) => m.type === 'content/search-verdicts')).toHaveLength(1);
    // Grey ("couldn't check": data-provenance-status "unavailable"), as a failed ask always was.
    expect(statuses()).toEqual(['unavailable']);
  });

  it('the told reply never comes (a busy worker) in a hidden tab: the results still ask after the wait and draw their answer', async () => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
    try {
      keepEarlyReply(new Promise(() => undefined));
      listenForEarlyVerdict();
      results(['/project/widgets/']);
      const p = page(ON, async (m) => ({ ok: true, value: m.pkgs.map((pkg) => ({ ok: true, value: verdictOf(pkg.name, VERDICTS.none) })) }));
      stop = runSite(pypiSite, p.ask);
      await wait(TOLD_WAIT_MS + 150);
      expect(statuses()).toEqual(['none']);
    } finally {
      delete (document as unknown as Record<string, unknown>).visibilityState;
      delete (document as unknown as Record<string, unknown>).hidden;
    }
  });

  it('the result\'s link became a release link (/project/widgets/1.0/) before the told reply came: the latest\'s told verdict is not drawn on it', async () => {
    let deliver: (v: unknown) => void = () => undefined;
    keepEarlyReply(new Promise((resolve) => (deliver = resolve)));
    listenForEarlyVerdict();
    results(['/project/widgets/']);
    const p = page(ON);
    stop = runSite(pypiSite, p.ask);
    // The site re-renders the result with a link to one release (same name, another page).
    results(['/project/widgets/1.0/']);
    await wait(20);
    deliver({ ok: true, value: [{ asked: asked('widgets'), verdict: verdictOf('widgets', VERDICTS.verified, '1.2.0') }] });
    await wait(TOLD_WAIT_MS + 250);
    // 1.0's result asks for 1.0 and waits for it: 1.2.0's green is never on it.
    expect(drawn()).toEqual([]);
    expect(p.sent.filter((m) => m.type === 'content/search-verdicts')).toContainEqual({ type: 'content/search-verdicts', pkgs: [asked('widgets', '1.0')] });
  });

  it('the results re-rendered as new nodes (same links) before the told reply came: one badge each, the told verdict, no ask', async () => {
    let deliver: (v: unknown) => void = () => undefined;
    keepEarlyReply(new Promise((resolve) => (deliver = resolve)));
    listenForEarlyVerdict();
    results(['/project/widgets/', '/project/gadgets/']);
    const p = page(ON);
    stop = runSite(pypiSite, p.ask);
    results(['/project/widgets/', '/project/gadgets/']);
    await wait(20);
    deliver({ ok: true, value: [asked('widgets'), asked('gadgets')].map((a) => ({ asked: a, verdict: verdictOf(a.name, VERDICTS.partial) })) });
    await wait(TOLD_WAIT_MS + 100);
    expect(statuses()).toEqual(['partial', 'partial']);
    expect(p.sent.map((m) => m.type)).not.toContain('content/search-verdicts');
  });

  it('the told reply comes just after the wait, with the settings answer still out: nothing drawn before consent, and nothing at all when it says off', async () => {
    let deliver: (v: unknown) => void = () => undefined;
    keepEarlyReply(new Promise((resolve) => (deliver = resolve)));
    listenForEarlyVerdict();
    results(['/project/widgets/']);
    let consent: (v: unknown) => void = () => undefined;
    const p = page(new Promise((resolve) => (consent = resolve)), async (m) => ({ ok: true, value: m.pkgs.map((pkg) => ({ ok: true, value: verdictOf(pkg.name, VERDICTS.verified) })) }));
    stop = runSite(pypiSite, p.ask);
    await wait(TOLD_WAIT_MS + 20);
    deliver({ ok: true, value: [{ asked: asked('widgets'), verdict: verdictOf('widgets', VERDICTS.verified) }] });
    await wait(50);
    expect(statuses()).toEqual([]);
    consent({ ok: true, value: { searchBadges: false } });
    await wait(50);
    expect(statuses()).toEqual([]);
  });

  it('a told "none" for a result the pin makes red is never turned into another colour by the page (the page draws what it is told, red stays red)', async () => {
    let deliver: (v: unknown) => void = () => undefined;
    keepEarlyReply(new Promise((resolve) => (deliver = resolve)));
    listenForEarlyVerdict();
    results(['/project/widgets/']);
    stop = runSite(pypiSite, page(ON).ask);
    const pinRed: PackageVerdict = { ...verdictOf('widgets', VERDICTS.none), status: 'invalid', code: 'IDENTITY_PIN', message: 'expected provenance from o/r; this version has none' } as PackageVerdict;
    deliver({ ok: true, value: [{ asked: asked('widgets'), verdict: pinRed }] });
    await wait(50);
    expect(statuses()).toEqual(['invalid']);
  });
});

// Third review, settings kept in memory (settings.ts, commit c7e850e): once the worker has
// received the reader's "search badges off", nothing it answers after that may still act on
// "on". storage.local (Chrome's value store, Firefox's IndexedDB) runs its operations in the
// order they were issued: a read issued after a write sees the write. The store read per ask
// before this change and so answered "off" from the moment the write was issued; it now
// answers from memory, which only follows once storage has confirmed the write.
import { describe, expect, it } from 'vitest';
import type { TrustContext } from '../core/api';
import type { ArtifactVerdict, PackageRef } from '../core/verdict';
import type { Verifiers } from '../registries/adapter';
import { PYPI_ORIGIN } from '../registries/pypi/hosts';
import type { Reply } from '../shared/messages';
import { createVerdictCache } from './cache';
import { createPinStore } from './pins';
import { createRouter } from './router';
import { createSearchMemory } from './search-memory';
import type { Sender } from './sender';
import { createSettingsStore, type SettingsStore } from './settings';
import type { StorageArea } from './storage-area';
import { createTabState } from './tab-state';
import { fakeStorage } from './testing/fake-storage';
import { freshRegistry, NO_BADGE } from './testing/fresh-registry';
import { createVerdictService } from './verdicts';

const RUNTIME = 'our-extension-id';
const on = (path: string) => new URL(path, PYPI_ORIGIN).href;
const SEARCH_URL = on('/search/?q=demo');
const SEARCH: Sender = { id: RUNTIME, url: SEARCH_URL, frameId: 0, tab: { id: 3, url: SEARCH_URL } };
const OPTIONS: Sender = { id: RUNTIME, url: `chrome-extension://${RUNTIME}/options.html` };
const demo: PackageRef = { registry: 'pypi', name: 'demo' };
const routes = {
  [on('/pypi/demo/json')]: { info: { name: 'demo', version: '1.0' }, urls: [{ filename: 'demo-1.0.tar.gz', digests: { sha256: 'a'.repeat(64) } }] },
  [on('/integrity/demo/1.0/demo-1.0.tar.gz/provenance')]: { any: 'doc' },
};
const verified: ArtifactVerdict = { status: 'verified', identity: { forge: 'github', issuer: 'https://token.actions.githubusercontent.com', san: 's', repository: 'o/r' }, attestations: [] };
const verifiers: Verifiers = { verifyPypiProvenance: () => verified, verifyNpmAttestations: () => ({ status: 'none' }) };
const trust: TrustContext = { kind: 'trust-context', trustedRootDate: '2025-01-01' };
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * storage.local as the browsers run it: one operation at a time, in the order issued. `hold()`
 * makes the next write of the settings key wait (a slow disk) until the returned release runs.
 */
function orderedStorage() {
  const inner = fakeStorage();
  let queue: Promise<unknown> = Promise.resolve();
  let held: Promise<void> | null = null;
  const run = <T>(op: () => Promise<T>): Promise<T> => {
    const next = queue.then(op);
    queue = next.catch(() => undefined);
    return next;
  };
  const storage: StorageArea = {
    get: (keys) => run(() => inner.get(keys)),
    set: (items) =>
      run(async () => {
        if ('settings' in items && held) {
          const wait = held;
          held = null;
          await wait;
        }
        await inner.set(items);
      }),
    remove: (keys) => run(() => inner.remove(keys)),
  };
  return {
    storage,
    data: inner.data,
    hold(): () => void {
      let release = () => undefined as void;
      held = new Promise<void>((resolve) => (release = resolve));
      return release;
    },
  };
}

/** The store as it was before c7e850e: storage read on every ask (the control case below). */
function readEachTime(storage: StorageArea): SettingsStore {
  const parse = (raw: unknown) => ({ searchBadges: (raw as { searchBadges?: unknown } | undefined)?.searchBadges !== false });
  return {
    get: async () => parse((await storage.get('settings')).settings),
    set: async (settings) => (await storage.set({ settings: { searchBadges: settings.searchBadges } }), { searchBadges: settings.searchBadges }),
  };
}

function worker(makeSettings: (storage: StorageArea) => SettingsStore = createSettingsStore) {
  const s = orderedStorage();
  const now = () => 10_000;
  const cache = createVerdictCache(s.storage, { trustVersion: () => 't', now });
  const pins = createPinStore(s.storage);
  const verdicts = createVerdictService({ fetcher: freshRegistry(routes), verifiers, trust: () => trust, cache, now, pins });
  const searches = createSearchMemory();
  const router = createRouter({
    runtimeId: RUNTIME,
    extensionBase: `chrome-extension://${RUNTIME}/`,
    verdicts,
    tabs: createTabState(NO_BADGE),
    settings: makeSettings(s.storage),
    cache,
    pins,
    searches,
  });
  return { ...s, router, searches };
}

/**
 * "Search badges off" reaches the worker and its write to storage is held; `ask` is sent in that
 * window; then the write completes. Its answer and the turn-off's.
 */
async function inTurnOffWindow<T>(w: ReturnType<typeof worker>, ask: () => Promise<T>): Promise<{ answer: T; turnedOff: Reply<unknown> }> {
  const release = w.hold();
  const turnedOff = w.router({ type: 'page/settings-set', settings: { searchBadges: false } }, OPTIONS);
  await settle();
  const answer = ask();
  release();
  return { turnedOff: await turnedOff, answer: await answer };
}

const searchBadgesOf = (reply: Reply<unknown>) => (reply.ok ? (reply.value as { searchBadges: boolean }).searchBadges : null);

describe('review3: search badges turned off while the write is still on its way to storage', () => {
  it('a search batch asked after the worker received "off" is refused, not answered with verdicts', async () => {
    const w = worker();
    // The page was badged before: the worker knows "on".
    expect((await w.router({ type: 'content/search-verdicts', pkgs: [demo] }, SEARCH)).ok).toBe(true);
    await settle();
    // Asked after "off" reached the worker (and after the write was issued to storage).
    const { turnedOff, answer } = await inTurnOffWindow(w, () => w.router({ type: 'content/search-verdicts', pkgs: [demo] }, SEARCH));
    expect(turnedOff).toEqual({ ok: true, value: { searchBadges: false } });
    expect(answer).toMatchObject({ ok: false, code: 'MSG_FORBIDDEN_SENDER' });
  });

  it('a page asking the setting after the worker received "off" is told off', async () => {
    const w = worker();
    expect(searchBadgesOf(await w.router({ type: 'content/settings' }, SEARCH))).toBe(true);
    const { answer } = await inTurnOffWindow(w, () => w.router({ type: 'content/settings' }, SEARCH));
    expect(searchBadgesOf(answer)).toBe(false);
  });

  it('the search the turn-off forgot is not remembered again by a batch in that window: turned on later, a revisit is told nothing', async () => {
    const w = worker();
    await w.router({ type: 'content/search-verdicts', pkgs: [demo] }, SEARCH);
    await settle();
    await inTurnOffWindow(w, () => w.router({ type: 'content/search-verdicts', pkgs: [demo] }, SEARCH));
    await settle();
    expect(w.searches.recall(SEARCH_URL)).toEqual([]);
    await w.router({ type: 'page/settings-set', settings: { searchBadges: true } }, OPTIONS);
    expect(await w.router({ type: 'content/prepare' }, SEARCH)).toMatchObject({ ok: true, value: [] });
  });

  it('a revisit told as it loads, with "off" received meanwhile, is told nothing', async () => {
    const w = worker();
    await w.router({ type: 'content/search-verdicts', pkgs: [demo] }, SEARCH);
    await settle();
    const { answer } = await inTurnOffWindow(w, () => w.router({ type: 'content/prepare' }, SEARCH));
    expect(answer).toMatchObject({ ok: true, value: [] });
  });
});

describe('review3: settings paths that hold', () => {
  it('control: the same sequence against a store that reads storage per ask (before c7e850e) is refused', async () => {
    const w = worker(readEachTime);
    expect((await w.router({ type: 'content/search-verdicts', pkgs: [demo] }, SEARCH)).ok).toBe(true);
    await settle();
    const { answer } = await inTurnOffWindow(w, () => w.router({ type: 'content/search-verdicts', pkgs: [demo] }, SEARCH));
    expect(answer).toMatchObject({ ok: false, code: 'MSG_FORBIDDEN_SENDER' });
    expect(w.searches.recall(SEARCH_URL)).toEqual([]);
  });

  it('the verdict cache cleared and pins imported never touch the settings key', async () => {
    const w = worker();
    await w.router({ type: 'page/settings-set', settings: { searchBadges: false } }, OPTIONS);
    await w.router({ type: 'page/cache-clear' }, OPTIONS);
    await w.router({ type: 'page/pins-import', data: { pins: [], history: [] } }, OPTIONS);
    expect(w.data.get('settings')).toEqual({ searchBadges: false });
    expect(searchBadgesOf(await w.router({ type: 'content/settings' }, SEARCH))).toBe(false);
  });
});

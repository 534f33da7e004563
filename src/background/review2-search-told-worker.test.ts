// Second review of the search page's told verdicts, worker side (router.ts earlySearch and the
// search-verdicts note, search-memory.ts, verdicts.ts kept()): private windows, a worker
// restarted after idle, what the memory keeps and for what, and the memory's order once told
// results no longer ask. Each case asserts the behaviour the design (or the README's privacy
// statement) calls correct.
import { describe, expect, it } from 'vitest';
import type { TrustContext } from '../core/api';
import type { ArtifactVerdict, PackageRef } from '../core/verdict';
import type { Verifiers } from '../registries/adapter';
import { NPM_SITE_ORIGIN } from '../registries/npm/hosts';
import { PYPI_ORIGIN } from '../registries/pypi/hosts';
import { createVerdictCache } from './cache';
import { createPinStore } from './pins';
import { createRouter } from './router';
import { createSearchMemory, type SearchMemory } from './search-memory';
import type { Sender } from './sender';
import { createSettingsStore } from './settings';
import { createTabState } from './tab-state';
import { fakeStorage, type FakeStorage } from './testing/fake-storage';
import { createVerdictService } from './verdicts';
import { freshRegistry, NO_BADGE } from './testing/fresh-registry';

const RUNTIME = 'our-extension-id';
const on = (path: string) => new URL(path, PYPI_ORIGIN).href;
const tab = (url: string, extra: { id?: number; incognito?: boolean } = {}): Sender => ({ id: RUNTIME, url, frameId: 0, tab: { id: extra.id ?? 3, url, ...(extra.incognito ? { incognito: true } : {}) } });
const SEARCH_URL = on('/search/?q=demo');
const SEARCH = tab(SEARCH_URL);
const PRIVATE = tab(SEARCH_URL, { id: 8, incognito: true });
const OPTIONS: Sender = { id: RUNTIME, url: `chrome-extension://${RUNTIME}/options.html` };
const GH = 'https://token.actions.githubusercontent.com';
const ref = (name: string): PackageRef => ({ registry: 'pypi', name });
const demo = ref('demo');
const release = (name: string) => ({
  [on(`/pypi/${name}/json`)]: { info: { name, version: '1.0' }, urls: [{ filename: `${name}-1.0.tar.gz`, digests: { sha256: 'a'.repeat(64) } }] },
  [on(`/integrity/${name}/1.0/${name}-1.0.tar.gz/provenance`)]: { any: 'doc' },
});
const verified: ArtifactVerdict = { status: 'verified', identity: { forge: 'github', issuer: GH, san: 's', repository: 'o/r' }, attestations: [] };
const verifiers: Verifiers = { verifyPypiProvenance: () => verified, verifyNpmAttestations: () => ({ status: 'none' }) };
const trust: TrustContext = { kind: 'trust-context', trustedRootDate: '2025-01-01' };
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const toldNames = (reply: { ok: boolean; value?: unknown }) => (reply.ok && Array.isArray(reply.value) ? (reply.value as { asked: PackageRef }[]).map((t) => t.asked.name) : []);

/**
 * One worker's life over `storage` (storage.local survives the worker; memory does not): a new
 * call with the same storage is the worker started again after the browser stopped it.
 */
function worker(storage: FakeStorage = fakeStorage(), names: string[] = ['demo', 'other', ...Array.from({ length: 10 }, (_, i) => `p${i}`)]) {
  const routes: Record<string, unknown> = {};
  for (const name of names) Object.assign(routes, release(name));
  const sent: string[] = [];
  const fetcher = freshRegistry(routes, (url) => sent.push(url.href));
  let clock = 10_000;
  const now = () => clock;
  const cache = createVerdictCache(storage, { trustVersion: () => 't', now });
  const pins = createPinStore(storage);
  const verdicts = createVerdictService({ fetcher, verifiers, trust: () => trust, cache, now, pins });
  const settings = createSettingsStore(storage);
  const searches: SearchMemory = createSearchMemory();
  const router = createRouter({ runtimeId: RUNTIME, extensionBase: `chrome-extension://${RUNTIME}/`, verdicts, tabs: createTabState(NO_BADGE), settings, cache, pins, searches });
  return {
    storage,
    router,
    sent,
    searches,
    advance: (ms: number) => (clock += ms),
    async results(sender: Sender, pkgs: object[]) {
      const reply = await router({ type: 'content/search-verdicts', pkgs }, sender);
      await settle(); // the cache write follows the answer
      return reply;
    },
    prepare: (sender: Sender = SEARCH) => router({ type: 'content/prepare' }, sender),
  };
}

describe('review2: private windows', () => {
  it("a private window's search results are not remembered: its URL's later prepare (in any window) is told nothing", async () => {
    const w = worker();
    await w.results(PRIVATE, [demo]);
    expect(w.searches.recall(SEARCH_URL)).toEqual([]);
    expect(await w.prepare(SEARCH)).toEqual({ ok: true, value: [] });
    expect(await w.prepare(PRIVATE)).toEqual({ ok: true, value: [] });
  });

  it("a private window is never told what the same search asked in a normal window (that would show it the reader's other browsing)", async () => {
    const w = worker();
    await w.results(SEARCH, [demo]);
    expect(toldNames(await w.prepare(SEARCH))).toEqual(['demo']);
    expect(await w.prepare(PRIVATE)).toEqual({ ok: true, value: [] });
  });

  it('a private window\'s prepare does not keep a normal window\'s search in memory any longer (no LRU touch)', async () => {
    const w = worker();
    await w.results(SEARCH, [demo]);
    await w.prepare(PRIVATE);
    for (let i = 0; i < 8; i += 1) await w.results(tab(on(`/search/?q=n${i}`)), [ref(`p${i}`)]);
    expect(w.searches.recall(SEARCH_URL)).toEqual([]);
  });
});

describe('review2: the worker started again (MV3 stops it after idle)', () => {
  it('remembers no search after a restart: a prepare is told nothing and asks nothing, although the cache (storage) still holds fresh answers', async () => {
    const first = worker();
    await first.results(SEARCH, [demo]);
    expect(toldNames(await first.prepare())).toEqual(['demo']);
    const again = worker(first.storage);
    const before = again.sent.length;
    expect(await again.prepare()).toEqual({ ok: true, value: [] });
    await settle();
    expect(again.sent.slice(before)).toEqual([]);
    // The page then asks as always, from the cache, and is remembered again.
    await again.results(SEARCH, [demo]);
    expect(again.sent.slice(before)).toEqual([]);
    expect(toldNames(await again.prepare())).toEqual(['demo']);
  });
});

describe('review2: the memory once told results stop asking', () => {
  it('a search revisited through told verdicts (its results ask nothing) is remembered as recently heard from, not evicted before searches noted earlier', async () => {
    const w = worker();
    await w.results(SEARCH, [demo]);
    for (let i = 0; i < 7; i += 1) await w.results(tab(on(`/search/?q=n${i}`)), [ref(`p${i}`)]);
    // Revisited: everything told, so no search-verdicts and no note (search-badges.ts toldFirst).
    expect(toldNames(await w.prepare())).toEqual(['demo']);
    // One more search: 9 pages; the one heard from longest ago is ?q=n0, not the one just revisited.
    await w.results(tab(on('/search/?q=n7')), [ref('p7')]);
    expect(w.searches.recall(SEARCH_URL)).toEqual([demo]);
    expect(w.searches.recall(on('/search/?q=n0'))).toEqual([]);
  });
});

describe('review2: what the memory keeps (privacy)', () => {
  it('an npm search is never remembered: npm\'s first script never asks for a search, so its search text would be kept for nothing', async () => {
    const w = worker();
    const npmSearch = new URL('/search?q=my-private-query', NPM_SITE_ORIGIN).href;
    await w.results(tab(npmSearch), [{ registry: 'npm', name: 'demo' }]);
    expect(w.searches.recall(npmSearch)).toEqual([]);
  });

  it('turning "search badges" off forgets the searches remembered: turned on again later, a revisit is told nothing from before', async () => {
    const w = worker();
    await w.results(SEARCH, [demo]);
    expect(await w.router({ type: 'page/settings-set', settings: { searchBadges: false } }, OPTIONS)).toMatchObject({ ok: true });
    expect(w.searches.recall(SEARCH_URL)).toEqual([]);
    await w.router({ type: 'page/settings-set', settings: { searchBadges: true } }, OPTIONS);
    expect(await w.prepare()).toEqual({ ok: true, value: [] });
  });

  it('the cache cleared (popup): the searches are forgotten and nothing is told, and the worker asks nothing for a prepare', async () => {
    const w = worker();
    await w.results(SEARCH, [demo]);
    await w.router({ type: 'page/cache-clear' }, OPTIONS);
    expect(w.searches.recall(SEARCH_URL)).toEqual([]);
    const before = w.sent.length;
    expect(await w.prepare()).toEqual({ ok: true, value: [] });
    await settle();
    expect(w.sent.slice(before)).toEqual([]);
  });

  it('only the search URL and package refs are kept: nothing of the page (no fragment, no other field of what was sent)', async () => {
    const w = worker();
    const withFragment = tab(`${SEARCH_URL}#secret-fragment`);
    await w.results(withFragment, [{ ...demo, extra: 'x'.repeat(10) }]);
    const kept = w.searches.recall(SEARCH_URL);
    expect(kept.length).toBeLessThanOrEqual(1);
    for (const pkg of kept) expect(Object.keys(pkg).sort()).toEqual(['name', 'registry']);
  });
});

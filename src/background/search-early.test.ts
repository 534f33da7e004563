// A search page's first script is told (content/prepare) the kept verdicts of the results its URL
// asked about on the visit before: only those an ask now would answer from the cache, never by a
// request of the prepare's own, never for another search, another site, or with the setting off.
import { describe, expect, it } from 'vitest';
import type { TrustContext } from '../core/api';
import type { ArtifactVerdict } from '../core/verdict';
import type { Verifiers } from '../registries/adapter';
import { NPM_SITE_ORIGIN } from '../registries/npm/hosts';
import { PYPI_ORIGIN } from '../registries/pypi/hosts';
import { createVerdictCache } from './cache';
import { createPinStore } from './pins';
import { createRouter } from './router';
import { createSearchMemory } from './search-memory';
import type { Sender } from './sender';
import { createSettingsStore } from './settings';
import { createTabState } from './tab-state';
import { fakeStorage } from './testing/fake-storage';
import { createVerdictService } from './verdicts';
import { freshRegistry, NO_BADGE } from './testing/fresh-registry';

const RUNTIME = 'our-extension-id';
const on = (path: string) => new URL(path, PYPI_ORIGIN).href;
const tab = (url: string): Sender => ({ id: RUNTIME, url, frameId: 0, tab: { id: 3, url } });
const SEARCH = tab(on('/search/?q=demo'));
const OPTIONS: Sender = { id: RUNTIME, url: `chrome-extension://${RUNTIME}/options.html` };
const demo = { registry: 'pypi' as const, name: 'demo' };
const other = { registry: 'pypi' as const, name: 'other' };
const release = (name: string) => ({
  [on(`/pypi/${name}/json`)]: { info: { name, version: '1.0' }, urls: [{ filename: `${name}-1.0.tar.gz`, digests: { sha256: 'a'.repeat(64) } }] },
  [on(`/integrity/${name}/1.0/${name}-1.0.tar.gz/provenance`)]: { any: 'doc' },
});
const verified: ArtifactVerdict = { status: 'verified', identity: { forge: 'github', issuer: 'https://token.actions.githubusercontent.com', san: 's', repository: 'o/r' }, attestations: [] };
const verifiers: Verifiers = { verifyPypiProvenance: () => verified, verifyNpmAttestations: () => ({ status: 'none' }) };
const trust: TrustContext = { kind: 'trust-context', trustedRootDate: '2025-01-01' };

function world() {
  const routes = { ...release('demo'), ...release('other') };
  const sent: string[] = [];
  const fetcher = freshRegistry(routes, (url) => sent.push(url.href));
  let clock = 10_000;
  const now = () => clock;
  const storage = fakeStorage();
  const verdicts = createVerdictService({ fetcher, verifiers, trust: () => trust, cache: createVerdictCache(storage, { trustVersion: () => 't', now }), now });
  const settings = createSettingsStore(storage);
  const router = createRouter({
    runtimeId: RUNTIME,
    extensionBase: `chrome-extension://${RUNTIME}/`,
    verdicts,
    tabs: createTabState(NO_BADGE),
    settings,
    cache: { clear: async () => 0 },
    pins: createPinStore(storage),
    searches: createSearchMemory(),
  });
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0)); // the cache write follows the answer
  const results = async (sender: Sender, pkgs: object[]) => {
    const reply = await router({ type: 'content/search-verdicts', pkgs }, sender);
    await settle();
    return reply;
  };
  const prepare = (sender: Sender = SEARCH) => router({ type: 'content/prepare' }, sender);
  return { router, sent, settings, results, prepare, advance: (ms: number) => (clock += ms) };
}

describe('content/prepare from a search page', () => {
  it("tells a revisit the results' kept verdicts, as the results' own ask answers them, asking nothing", async () => {
    const w = world();
    expect(await w.prepare()).toEqual({ ok: true, value: [] });
    const asked = await w.results(SEARCH, [demo, other]);
    const before = w.sent.length;
    const told = await w.prepare(tab(on('/search/?q=demo#top')));
    expect(w.sent.length).toBe(before);
    expect(told).toMatchObject({ ok: true, value: [{ asked: demo, verdict: { status: 'verified', pkg: { ...demo, version: '1.0' } } }, { asked: other }] });
    const again = await w.results(SEARCH, [demo, other]);
    expect(again).toEqual(asked);
    if (told.ok && again.ok) expect((told.value as { verdict: unknown }[]).map((t) => t.verdict)).toEqual((again.value as { value: unknown }[]).map((r) => r.value));
  });

  it('tells nothing once the documents are stale by the registry\'s Cache-Control, and still asks nothing', async () => {
    const w = world();
    await w.results(SEARCH, [demo]);
    w.advance(16 * 60_000);
    const before = w.sent.length;
    expect(await w.prepare()).toEqual({ ok: true, value: [] });
    expect(w.sent.length).toBe(before);
  });

  it('tells another search, another site, or a package page nothing of this search', async () => {
    const w = world();
    await w.results(SEARCH, [demo]);
    expect(await w.prepare(tab(on('/search/?q=demo&page=2')))).toEqual({ ok: true, value: [] });
    expect(await w.prepare(tab(new URL('/search?q=demo', NPM_SITE_ORIGIN).href))).toEqual({ ok: true, value: [] });
    // A package page is told its own package's prepared verdict, never a list of results.
    expect(await w.prepare(tab(on('/project/other/1.0/')))).toMatchObject({ ok: true, value: { pkg: { name: 'other' } } });
  });

  it('tells nothing while search badges are off, nor after the cache is cleared', async () => {
    const w = world();
    await w.results(SEARCH, [demo]);
    await w.settings.set({ searchBadges: false });
    expect(await w.prepare()).toEqual({ ok: true, value: [] });
    await w.settings.set({ searchBadges: true });
    expect(await w.prepare()).toMatchObject({ ok: true, value: [{ asked: demo }] });
    expect(await w.router({ type: 'page/cache-clear' }, OPTIONS)).toMatchObject({ ok: true });
    expect(await w.prepare()).toEqual({ ok: true, value: [] });
  });

  it('remembers only what the page may ask about: no other registry, no name outside the grammar', async () => {
    const w = world();
    await w.results(SEARCH, [{ registry: 'npm', name: 'demo' }, { registry: 'pypi', name: '../demo' }, demo]);
    const told = await w.prepare();
    expect(told).toMatchObject({ ok: true, value: [{ asked: demo }] });
    expect(told.ok && (told.value as unknown[]).length).toBe(1);
  });

  it("tells nothing a retry has since decided anew (the popup's Retry of that name)", async () => {
    const w = world();
    await w.results(SEARCH, [demo]);
    await w.router({ type: 'page/retry', pkg: { ...demo, version: '1.0' } }, OPTIONS);
    await new Promise((resolve) => setTimeout(resolve, 0));
    const told = await w.prepare();
    // The kept "latest" answer predates the retry: it no longer stands without the registry.
    expect(told).toEqual({ ok: true, value: [] });
  });
});

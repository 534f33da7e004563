// Review attacks on the search page's early draw, worker side (router.ts earlySearch,
// search-memory.ts, verdicts.ts kept()). Each case asserts the behaviour the design promises:
// a search page's content/prepare is told only kept verdicts an ask would answer from the cache
// *now*, never by a request of its own, never a verdict a retry has since replaced, never with
// the setting off, never another search's results, and the memory stays bounded.
import { describe, expect, it } from 'vitest';
import type { TrustContext } from '../core/api';
import type { ArtifactVerdict, PackageRef } from '../core/verdict';
import type { Verifiers } from '../registries/adapter';
import { NPM_SITE_ORIGIN } from '../registries/npm/hosts';
import { PYPI_ORIGIN } from '../registries/pypi/hosts';
import { createVerdictCache, type VerdictCache } from './cache';
import { createContinuityService } from './continuity-service';
import { createPinStore, type PinStore } from './pins';
import { createRouter } from './router';
import { createSearchMemory, MAX_RESULTS } from './search-memory';
import type { Sender } from './sender';
import { createSettingsStore } from './settings';
import { createTabState } from './tab-state';
import { fakeStorage } from './testing/fake-storage';
import { createVerdictService } from './verdicts';
import { freshRegistry, NO_BADGE } from './testing/fresh-registry';

const RUNTIME = 'our-extension-id';
const on = (path: string) => new URL(path, PYPI_ORIGIN).href;
const tab = (url: string, tabUrl = url): Sender => ({ id: RUNTIME, url, frameId: 0, tab: { id: 3, url: tabUrl } });
const SEARCH = tab(on('/search/?q=demo'));
const OPTIONS: Sender = { id: RUNTIME, url: `chrome-extension://${RUNTIME}/options.html` };
const GH = 'https://token.actions.githubusercontent.com';
const ref = (name: string): PackageRef => ({ registry: 'pypi', name });
const demo = ref('demo');
const other = ref('other');
const release = (name: string, version = '1.0') => ({
  [on(`/pypi/${name}/json`)]: { info: { name, version }, urls: [{ filename: `${name}-${version}.tar.gz`, digests: { sha256: 'a'.repeat(64) } }] },
  [on(`/pypi/${name}/${version}/json`)]: { info: { name, version }, urls: [{ filename: `${name}-${version}.tar.gz`, digests: { sha256: 'a'.repeat(64) } }] },
  [on(`/integrity/${name}/${version}/${name}-${version}.tar.gz/provenance`)]: { any: 'doc' },
});
const identity = { forge: 'github' as const, issuer: GH, san: 'https://github.com/o/r/.github/workflows/release.yml@refs/tags/v1', repository: 'o/r', workflowPath: '.github/workflows/release.yml' };
const trust: TrustContext = { kind: 'trust-context', trustedRootDate: '2025-01-01' };
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

interface WorldOptions {
  names?: string[];
  continuity?: boolean;
}

function world(options: WorldOptions = {}) {
  const routes: Record<string, unknown> = {};
  for (const name of options.names ?? ['demo', 'other']) Object.assign(routes, release(name));
  const sent: string[] = [];
  const fetcher = freshRegistry(routes, (url) => sent.push(url.href));
  // What the verifier finds: switched by a test to model a release re-signed or tampered with.
  let status: 'verified' | 'invalid' = 'verified';
  const verifiers: Verifiers = {
    verifyPypiProvenance: (): ArtifactVerdict =>
      status === 'verified' ? { status: 'verified', identity, attestations: [] } : { status: 'invalid', code: 'SIGNATURE_INVALID', message: 'tampered' } as unknown as ArtifactVerdict,
    verifyNpmAttestations: () => ({ status: 'none' }),
  };
  let clock = 10_000;
  const now = () => clock;
  let trustVersion = 't';
  const storage = fakeStorage();
  const real = createVerdictCache(storage, { trustVersion: () => trustVersion, now });
  // A hook run inside getPackage (after its storage read, before it returns), once armed.
  let hook: ((call: number) => Promise<void> | void) | null = null;
  let calls = 0;
  const cache: VerdictCache = {
    ...real,
    async getPackage(pkg) {
      calls += 1;
      const n = calls;
      if (hook !== null) await hook(n);
      return real.getPackage(pkg);
    },
  };
  const realPins = createPinStore(storage);
  // Pins read after a gate, once armed: models the storage read applyPin waits for.
  let pinGate: Promise<void> | null = null;
  const pins: PinStore = {
    ...realPins,
    async get(pkg) {
      const gate = pinGate;
      pinGate = null;
      if (gate !== null) await gate;
      return realPins.get(pkg);
    },
  };
  const continuity = options.continuity ? createContinuityService({ fetcher, verifiers, cache, now, maxMemo: 1 }) : undefined;
  const verdicts = createVerdictService({ fetcher, verifiers, trust: () => trust, cache, now, pins, ...(continuity ? { continuity } : {}) });
  const settings = createSettingsStore(storage);
  const searches = createSearchMemory();
  const router = createRouter({
    runtimeId: RUNTIME,
    extensionBase: `chrome-extension://${RUNTIME}/`,
    verdicts,
    tabs: createTabState(NO_BADGE),
    settings,
    cache: real,
    pins: realPins,
    searches,
  });
  const results = async (sender: Sender, pkgs: object[]) => {
    const reply = await router({ type: 'content/search-verdicts', pkgs }, sender);
    await settle();
    return reply;
  };
  const prepare = (sender: Sender = SEARCH) => router({ type: 'content/prepare' }, sender);
  return {
    router,
    sent,
    settings,
    searches,
    results,
    prepare,
    advance: (ms: number) => (clock += ms),
    setStatus: (s: 'verified' | 'invalid') => (status = s),
    setTrustVersion: (v: string) => (trustVersion = v),
    /** Runs `fn` inside the `nth` getPackage call from now on (1 = the next one). */
    onGetPackage(nth: number, fn: () => Promise<void> | void) {
      const target = calls + nth;
      hook = async (n) => {
        if (n !== target) return;
        hook = null;
        await fn();
      };
    },
    /** The next pin lookup waits until the returned function is called. */
    holdNextPin(): () => void {
      let open: () => void = () => undefined;
      pinGate = new Promise((resolve) => (open = resolve));
      return open;
    },
  };
}

const toldOf = (reply: { ok: boolean; value?: unknown }) => (reply.ok ? (reply.value as { asked: PackageRef; verdict: { status: string; pkg: PackageRef } }[]) : []);

describe('review: a search page prepare never reaches the registry', () => {
  it('kept answer going stale between kept()\'s own check and the answer it joins: the prepare sends no request', async () => {
    const w = world();
    await w.results(SEARCH, [demo]);
    // 14m59.9s later: still fresh at kept()'s check; the clock passes the edge during the
    // storage read of the answer kept() then starts (a second getPackage).
    w.advance(900_000 - 100);
    w.onGetPackage(2, () => void w.advance(200));
    const before = w.sent.length;
    const told = await w.prepare();
    await settle();
    expect(w.sent.slice(before)).toEqual([]);
    // And nothing stale told: either nothing, or a verdict the registry was asked for (not by us).
    expect(told.ok).toBe(true);
  });

  it('cache cleared between kept()\'s own check and the answer it joins: the prepare sends no request', async () => {
    const w = world();
    await w.results(SEARCH, [demo]);
    w.onGetPackage(2, async () => {
      expect(await w.router({ type: 'page/cache-clear' }, OPTIONS)).toMatchObject({ ok: true });
    });
    const before = w.sent.length;
    await w.prepare();
    await settle();
    expect(w.sent.slice(before)).toEqual([]);
  });

  it('trust material changing between kept()\'s own check and the answer it joins: the prepare sends no request', async () => {
    const w = world();
    await w.results(SEARCH, [demo]);
    w.onGetPackage(2, () => void w.setTrustVersion('t2'));
    const before = w.sent.length;
    await w.prepare();
    await settle();
    expect(w.sent.slice(before)).toEqual([]);
  });

  it('trust material changed since the visit: nothing told, nothing asked', async () => {
    const w = world();
    await w.results(SEARCH, [demo, other]);
    w.setTrustVersion('t2');
    const before = w.sent.length;
    expect(await w.prepare()).toEqual({ ok: true, value: [] });
    expect(w.sent.slice(before)).toEqual([]);
  });

  it('a kept answer whose publisher-continuity memo was evicted: the prepare still sends no request', async () => {
    const w = world({ continuity: true });
    await w.results(SEARCH, [demo]);
    // Another package's answer takes the continuity memo's one place (256 in the worker).
    await w.results(SEARCH, [other]);
    const before = w.sent.length;
    const told = await w.prepare(tab(on('/search/?q=demo')));
    await settle();
    // Its note would take the registry: demo is not told (its own ask works the note out), and
    // nothing is asked; a verdict told without its note could hide a "publisher changed".
    expect(toldOf(told).map((t) => t.asked.name)).not.toContain('demo');
    expect(w.sent.slice(before)).toEqual([]);
  });
});

describe('review: a search page prepare tells nothing a retry replaced', () => {
  it('a retry landing while a kept answer is being finished (its pin read): the pre-retry verdict is not told', async () => {
    const w = world();
    await w.results(SEARCH, [demo]);
    const open = w.holdNextPin();
    const told = w.prepare();
    await settle();
    // The release was re-signed by someone else (or tampered with): the popup's Retry finds it.
    w.setStatus('invalid');
    const retried = await w.router({ type: 'page/retry', pkg: { ...demo, version: '1.0' } }, OPTIONS);
    expect(retried).toMatchObject({ ok: true, value: { status: 'invalid' } });
    open();
    const entries = toldOf(await told);
    // Told nothing, or what the retry found: never the "verified" it replaced.
    expect(entries.filter((e) => e.verdict.status === 'verified')).toEqual([]);
  });

  it('a retry under another spelling of the name (demo-pkg vs Demo_Pkg) stops the kept answer from being told', async () => {
    const w = world({ names: ['Demo_Pkg', 'demo-pkg'] });
    await w.results(SEARCH, [ref('Demo_Pkg')]);
    expect(toldOf(await w.prepare()).map((t) => t.asked.name)).toEqual(['Demo_Pkg']);
    await w.router({ type: 'page/retry', pkg: { registry: 'pypi', name: 'demo-pkg', version: '1.0' } }, OPTIONS);
    await settle();
    const before = w.sent.length;
    expect(await w.prepare()).toEqual({ ok: true, value: [] });
    expect(w.sent.slice(before)).toEqual([]);
  });

  it('a pin set since the visit, under another spelling of the name: the told verdict is judged by it', async () => {
    const w = world({ names: ['Demo_Pkg'] });
    await w.results(SEARCH, [ref('Demo_Pkg')]);
    const pinned = await w.router({ type: 'page/pin-set', pkg: { registry: 'pypi', name: 'demo-pkg' }, pin: { issuer: GH, repository: 'someone/else' } }, OPTIONS);
    expect(pinned.ok).toBe(true);
    const entries = toldOf(await w.prepare());
    expect(entries.map((e) => e.verdict.status)).toEqual(['invalid']);
  });
});

describe('review: a search page prepare tells nothing against the setting', () => {
  it('the setting turned off while the kept verdicts are looked up: nothing is told', async () => {
    const w = world();
    await w.results(SEARCH, [demo]);
    const open = w.holdNextPin();
    const told = w.prepare();
    await settle();
    await w.settings.set({ searchBadges: false });
    open();
    expect(await told).toEqual({ ok: true, value: [] });
  });

  it('with the setting off, a search page\'s asks are not remembered for later', async () => {
    const w = world();
    await w.settings.set({ searchBadges: false });
    await w.results(SEARCH, [demo]);
    expect(w.searches.recall(SEARCH.url as string)).toEqual([]);
  });
});

describe('review: what a search page is told belongs to that search', () => {
  it('a batch sent by the results of ?q=a after the tab moved on to ?q=b is not remembered as ?q=b\'s', async () => {
    const w = world();
    const a = on('/search/?q=a');
    const b = on('/search/?q=b');
    // Sent by the document of ?q=a (sender.url), arriving once the tab shows ?q=b.
    await w.results(tab(a, b), [demo]);
    expect(toldOf(await w.prepare(tab(b))).map((t) => t.asked.name)).toEqual([]);
  });

  it('an npm search of the same text is never told a PyPI search\'s results, nor the reverse', async () => {
    const w = world();
    await w.results(SEARCH, [demo]);
    const npm = tab(new URL('/search?q=demo', NPM_SITE_ORIGIN).href);
    expect(await w.prepare(npm)).toEqual({ ok: true, value: [] });
    await w.results(npm, [{ registry: 'npm', name: 'demo' }]);
    expect(toldOf(await w.prepare()).map((t) => t.asked.registry)).toEqual(['pypi']);
  });

  it('a sub-frame of a search page is told nothing', async () => {
    const w = world();
    await w.results(SEARCH, [demo]);
    const frame: Sender = { ...SEARCH, frameId: 5 };
    expect(await w.prepare(frame)).toMatchObject({ ok: false, code: 'MSG_FORBIDDEN_SENDER' });
  });
});

describe('review: the search memory stays bounded', () => {
  it('many search URLs, many results and very long URLs: at most 8 pages of MAX_RESULTS each; a prepare of the oldest tells nothing', async () => {
    const memory = createSearchMemory();
    const long = 'x'.repeat(100_000);
    for (let i = 0; i < 50; i += 1) {
      memory.note(on(`/search/?q=${long}${i}`), Array.from({ length: 200 }, (_, j) => ref(`p${i}-${j}`)));
    }
    expect(memory.recall(on(`/search/?q=${long}0`))).toEqual([]);
    const newest = memory.recall(on(`/search/?q=${long}49`));
    expect(newest.length).toBe(MAX_RESULTS);
    expect(newest.at(-1)).toEqual(ref('p49-199'));
    let kept = 0;
    for (let i = 0; i < 50; i += 1) kept += memory.recall(on(`/search/?q=${long}${i}`)).length > 0 ? 1 : 0;
    expect(kept).toBeLessThanOrEqual(8);
  });

  it('a remembered ref is a copy: changing what was noted or recalled changes nothing kept', () => {
    const memory = createSearchMemory();
    const pkg = ref('demo');
    memory.note(on('/search/?q=d'), [pkg]);
    pkg.name = 'evil';
    const recalled = memory.recall(on('/search/?q=d'));
    (recalled[0] as PackageRef).name = 'evil2';
    expect(memory.recall(on('/search/?q=d'))).toEqual([ref('demo')]);
  });

  it('a prepare with a full page remembered sends no request and tells only kept ones', async () => {
    const names = Array.from({ length: 5 }, (_, i) => `pkg${i}`);
    const w = world({ names });
    await w.results(SEARCH, names.map(ref));
    // Two results asked later, never answered by the registry (404): not kept, not told.
    await w.results(SEARCH, [ref('missing-a'), ref('missing-b')]);
    const before = w.sent.length;
    const told = toldOf(await w.prepare());
    expect(told.map((t) => t.asked.name).sort()).toEqual(names);
    expect(w.sent.slice(before)).toEqual([]);
  });
});

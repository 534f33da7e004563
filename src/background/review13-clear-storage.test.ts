// Review 13: the user's "clear cache" (router page/cache-clear) and storage.session troubles,
// through the router and the verdict service over the test CA registry. A note must not come
// back after a clear, nor after its TTL; bad or failing storage must never cost the badge.
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyNpmAttestations, verifyPypiProvenance } from '../core/index';
import type { PackageRef } from '../core/verdict';
import { PYPI_ORIGIN } from '../registries/pypi/hosts';
import { fakeFetcher, type FakeRoute } from '../registries/testing/fake-fetcher';
import { createTestSigstore, githubIdentity, type TestSigstore } from '../testing/testca/index';
import { createVerdictCache } from './cache';
import { ENTRY_PREFIXES } from './cache-index';
import { NOTES_KEY } from './continuity-memo';
import { createContinuityService } from './continuity-service';
import { createPinStore, type PinStore } from './pins';
import { createRouter } from './router';
import type { StorageArea } from './storage-area';
import { fakeStorage, type FakeStorage } from './testing/fake-storage';
import { pypiProjectRoutes, testTrust } from './testing/testca-registry';
import { createVerdictService } from './verdicts';

let ts: TestSigstore;
let routes: Record<string, FakeRoute>;
beforeAll(async () => {
  ts = await createTestSigstore();
  routes = pypiProjectRoutes(ts, 'demo', [
    { version: '1.0', identity: githubIdentity('acme/demo') },
    { version: '1.1', identity: githubIdentity('evil/demo') },
  ]);
});

const RELEASE: PackageRef = { registry: 'pypi', name: 'demo', version: '1.1' };
const LISTING = new URL('/pypi/demo/json', PYPI_ORIGIN).href;
const MIN = 60_000;
const written = () => new Promise((r) => setTimeout(r, 150));
const OPTIONS = { id: 'ext', url: 'chrome-extension://ext/src/options/index.html' };
const CHANGED = { kind: 'publisher-changed', previousVersion: '1.0' };

function worker(local: FakeStorage, session: StorageArea, clock = { t: 0 }, pins?: PinStore) {
  const fetcher = fakeFetcher(routes);
  const cache = createVerdictCache(local, { trustVersion: () => 't' });
  const verifiers = { verifyPypiProvenance, verifyNpmAttestations };
  const continuity = createContinuityService({ fetcher, verifiers, cache, session, now: () => Date.now() + clock.t, log: () => undefined });
  const trust = testTrust(ts);
  const verdicts = createVerdictService({ fetcher, verifiers, trust: () => trust, cache, continuity, ...(pins ? { pins } : {}) });
  const router = createRouter({ runtimeId: 'ext', extensionBase: 'chrome-extension://ext/', verdicts, tabs: {} as never, settings: {} as never, pins: {} as never, cache, continuity, log: () => undefined });
  return { verdicts, router, listingReads: () => fetcher.requests.filter((r) => r.url === LISTING).length };
}

describe('review13: clear cache, TTL and storage.session troubles', () => {
  it('a clear sent to a woken worker as it starts (its notes still being read back): the note is worked out anew, and stays gone for the next worker', async () => {
    const [local, session] = [fakeStorage(), fakeStorage()];
    await worker(local, session).verdicts.getVerdict(RELEASE);
    await written();
    const woken = worker(local, session);
    expect(await woken.router({ type: 'page/cache-clear' }, OPTIONS)).toMatchObject({ ok: true });
    expect(session.data.has(NOTES_KEY)).toBe(false);
    expect((await woken.verdicts.getVerdict(RELEASE)).continuity).toMatchObject(CHANGED);
    expect(woken.listingReads()).toBe(1);
  });

  it('a note read back is not used past its TTL in a woken worker: the listing is read again', async () => {
    const [local, session] = [fakeStorage(), fakeStorage()];
    const clock = { t: 0 };
    await worker(local, session, clock).verdicts.getVerdict(RELEASE);
    await written();
    clock.t = 29 * MIN;
    const early = worker(local, session, clock);
    expect((await early.verdicts.getVerdict(RELEASE)).continuity).toMatchObject(CHANGED);
    expect(early.listingReads()).toBe(0);
    clock.t = 31 * MIN;
    const late = worker(local, session, clock);
    expect((await late.verdicts.getVerdict(RELEASE)).continuity).toMatchObject(CHANGED);
    expect(late.listingReads()).toBe(1);
  });

  it('a clock put back since the note was stored: the woken worker works the note out anew, never shows none', async () => {
    const [local, session] = [fakeStorage(), fakeStorage()];
    const clock = { t: 0 };
    await worker(local, session, clock).verdicts.getVerdict(RELEASE);
    await written();
    clock.t = -10 * MIN;
    const woken = worker(local, session, clock);
    expect((await woken.verdicts.getVerdict(RELEASE)).continuity).toMatchObject(CHANGED);
    expect(woken.listingReads()).toBe(1);
  });

  it('storage.session that fails every call: every visit still gets its badge and its note, no rejection escapes', async () => {
    const broken: StorageArea = {
      get: () => Promise.reject(new Error('session gone')),
      set: () => Promise.reject(new Error('QUOTA_BYTES quota exceeded')),
      remove: () => Promise.reject(new Error('session gone')),
    };
    const w = worker(fakeStorage(), broken);
    for (let i = 0; i < 2; i++) expect(await w.verdicts.getVerdict(RELEASE)).toMatchObject({ status: 'verified', continuity: CHANGED });
    await written();
    expect(await w.verdicts.getVerdict(RELEASE, { fresh: true })).toMatchObject({ status: 'verified', continuity: CHANGED });
  });

  it('corrupt or hostile notes in storage.session: the woken worker shows the note worked out anew, for every shape', async () => {
    const [local, good] = [fakeStorage(), fakeStorage()];
    await worker(local, good).verdicts.getVerdict(RELEASE);
    await written();
    const stored = good.data.get(NOTES_KEY) as { v: 1; entries: unknown[][] };
    const [key, at, pkg] = stored.entries.find((e) => e.length === 4) as [string, number, PackageRef, Record<string, unknown>];
    const shapes: unknown[] = [
      null, 42, 'x', [], { v: 1 }, { v: 1, entries: {} }, { v: 1, entries: [null, [], [1, 2, 3], 'k'] },
      { v: 1, entries: [[key, at, pkg, { kind: 'publisher-changed' }]] },
      { v: 1, entries: [[key, at, { ...pkg, registry: 'npm' }]] }, // another registry's answer
      { v: 1, entries: [[key, at, { ...pkg, version: '1.0' }]] }, // another version's answer
      { v: 1, entries: [[key.replace('@1.1', '@1.10'), at, { ...pkg, version: '1.10' }]] },
      { v: 1, entries: [[key, Number.NaN, pkg]] },
      { v: 1, entries: [[key, at, pkg, undefined, 'extra']] },
      { v: 1, entries: [[key, at, { ...pkg, name: 'x'.repeat(5000) }]] },
      { v: 1, entries: Array.from({ length: 5000 }, (_, i) => [`${key}x${i}`, at, pkg]) },
    ];
    for (const shape of shapes) {
      const session = fakeStorage({ [NOTES_KEY]: shape });
      const woken = worker(local, session);
      const v = await woken.verdicts.getVerdict(RELEASE);
      expect(v, JSON.stringify(shape)?.slice(0, 120)).toMatchObject({ status: 'verified', continuity: CHANGED });
    }
  });

  it('a pin set or removed between visits: a woken worker gives what a worker that ran on gives, note included', async () => {
    const [local, session] = [fakeStorage(), fakeStorage()];
    const pins = createPinStore(fakeStorage());
    const ranOn = worker(fakeStorage(), fakeStorage(), { t: 0 }, pins);
    await ranOn.verdicts.getVerdict(RELEASE);
    await worker(local, session, { t: 0 }, pins).verdicts.getVerdict(RELEASE);
    await written();
    const name = { registry: 'pypi' as const, name: 'demo' };
    const states = [
      async () => pins.set(name, { issuer: 'https://token.actions.githubusercontent.com', repository: 'evil/demo' }),
      async () => pins.set(name, { issuer: 'https://token.actions.githubusercontent.com', repository: 'acme/demo' }),
      async () => pins.remove(name),
    ];
    for (const enter of states) {
      await enter();
      const woken = worker(local, session, { t: 0 }, pins);
      const [a, b] = [await ranOn.verdicts.getVerdict(RELEASE), await woken.verdicts.getVerdict(RELEASE)];
      expect({ ...b, checkedAt: 0 }).toEqual({ ...a, checkedAt: 0 });
      expect(b.continuity).toMatchObject(CHANGED);
    }
  });

  it('a storage.session failure while forgetting the notes still clears the verdict cache (was DEFECT)', async () => {
    const local = fakeStorage();
    const base = fakeStorage();
    const session: StorageArea = { get: (k) => base.get(k), set: (i) => base.set(i), remove: () => Promise.reject(new Error('session gone')) };
    const w = worker(local, session);
    await w.verdicts.getVerdict(RELEASE);
    await written();
    const entries = () => [...local.data.keys()].filter((k) => ENTRY_PREFIXES.some((p) => k.startsWith(p))).length;
    expect(entries()).toBeGreaterThan(0);
    const reply = await w.router({ type: 'page/cache-clear' }, OPTIONS);
    // router.ts awaits continuity.forget() (storage.session.remove) before cache.clear(): its
    // rejection skips the verdict cache's clear and the user gets "internal error".
    expect(entries(), 'verdict cache entries left after "clear cache"').toBe(0);
    expect(reply).toMatchObject({ ok: true });
  });
});

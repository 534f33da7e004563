// Review 5 (cache): the order map (cache-order) as eviction's and unfresh's only list of what is
// kept: a clock set back, a trust version that is transient at the worker's start, an order map
// damaged on disk, and a burst larger than the bound.
import { describe, expect, it } from 'vitest';
import type { PackageVerdict } from '../core/verdict';
import { combineFileVerdicts } from '../registries/combine';
import { createVerdictCache } from './cache';
import { file, fileRef, verified } from './testing/cache-verdicts';
import { fakeStorage, type FakeStorage } from './testing/fake-storage';

const release = (name: string, n: number): PackageVerdict => combineFileVerdicts({ registry: 'pypi', name, version: '1.0' }, [file(n)], 5);
const ref = fileRef;
const latest = (name: string) => ({ registry: 'pypi' as const, name });
const FAR = 10 ** 15;
const entryKeys = (s: FakeStorage) => [...s.data.keys()].filter((k) => k !== 'cache-order').sort();
const orderKeys = (s: FakeStorage) => Object.keys((s.data.get('cache-order') ?? {}) as object).sort();

describe('review5 cache: the order map', () => {
  it('O1 a clock set back (savedAt of kept entries in the future) does not evict the verdict just written', async () => {
    const storage = fakeStorage();
    let clock = Date.UTC(2030, 0, 1); // the machine's clock ran years ahead...
    const cache = createVerdictCache(storage, { trustVersion: () => 'v1', maxEntries: 4, now: () => clock });
    await cache.store(latest('a'), release('a', 1));
    clock = Date.UTC(2026, 0, 1); // ...and is right again
    await cache.store(latest('b'), release('b', 2));
    expect(await cache.getArtifact(ref(2))).toEqual(verified);
    expect((await cache.getPackage(latest('b')))?.verdict.status).toBe('verified');
  });

  it('O2 a cache task run before the stored TUF material is installed does not wipe the verdicts kept under it', async () => {
    const storage = fakeStorage();
    await createVerdictCache(storage, { trustVersion: () => '2@tuf-abc' }).store(latest('demo'), release('demo', 1));
    // worker.ts: trustVersion() names the embedded snapshot until liveTrust.start() has read and
    // installed the stored material (a storage round trip after a setTimeout 0). A Retry that
    // woke the worker runs unfresh (loadOrder) in that window.
    let version = '2@2025-01-01';
    const cache = createVerdictCache(storage, { trustVersion: () => version });
    await cache.unfresh(latest('other'));
    version = '2@tuf-abc'; // installed
    expect((await cache.getPackage(latest('demo')))?.verdict.status).toBe('verified');
  });

  it('O3 an order map damaged on disk does not leave kept indexes beyond a Retry (unfresh)', async () => {
    const storage = fakeStorage();
    await createVerdictCache(storage, { trustVersion: () => 'v1' }).store(latest('demo'), release('demo', 1), FAR);
    storage.data.set('cache-order', 'not a map');
    const cache = createVerdictCache(storage, { trustVersion: () => 'v1' });
    await cache.unfresh(latest('demo'));
    expect((await cache.getPackage(latest('demo')))?.freshUntil ?? 0).toBe(0);
  });

  it('O4 a damaged order map: every entry stays reachable by eviction (storage and the order map agree after the next write)', async () => {
    const storage = fakeStorage();
    await createVerdictCache(storage, { trustVersion: () => 'v1' }).store(latest('demo'), release('demo', 1));
    storage.data.set('cache-order', ['garbage']);
    await createVerdictCache(storage, { trustVersion: () => 'v1' }).store(latest('next'), release('next', 2));
    expect(orderKeys(storage)).toEqual(entryKeys(storage));
  });

  it('O5 a gathered burst larger than the bound keeps the newest and the order map matches storage', async () => {
    const storage = fakeStorage();
    let clock = 1_000;
    const cache = createVerdictCache(storage, { trustVersion: () => 'v1', maxEntries: 10, now: () => ++clock, gatherWritesMs: 5 });
    await Promise.all(Array.from({ length: 30 }, (_, n) => cache.store(latest(`p${n}`), release(`p${n}`, n))));
    expect(entryKeys(storage).length).toBeLessThanOrEqual(10);
    expect(orderKeys(storage)).toEqual(entryKeys(storage));
    expect((await cache.getPackage(latest('p29')))?.verdict.status).toBe('verified');
    expect(await cache.getArtifact(ref(0))).toBeUndefined(); // evicted: gone from memory too
    const restarted = createVerdictCache(storage, { trustVersion: () => 'v1' });
    expect((await restarted.getPackage(latest('p29')))?.verdict.status).toBe('verified');
  });

  it('O6 a trust change within one worker: clear still removes the older version\'s entries and counts them', async () => {
    const storage = fakeStorage();
    let version = 'old';
    const cache = createVerdictCache(storage, { trustVersion: () => version });
    await cache.store(latest('a'), release('a', 1));
    version = 'new';
    await cache.store(latest('b'), release('b', 2));
    expect(await cache.clear()).toBe(2);
    expect([...storage.data.keys()]).toEqual([]);
  });
});

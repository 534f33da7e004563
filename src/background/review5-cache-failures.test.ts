// Review 5 (cache): what a failed storage.local call (quota exceeded on set, a worker stopped
// between set and remove) leaves behind. A failed write may lose the new verdict, but it must
// not leave an index the registry no longer lists answering, nor stop a Retry from reaching it.
import { describe, expect, it } from 'vitest';
import type { FileVerdict, PackageVerdict } from '../core/verdict';
import { combineFileVerdicts } from '../registries/combine';
import { createVerdictCache } from './cache';
import type { StorageArea } from './storage-area';
import { down, file, fileRef, verified } from './testing/cache-verdicts';
import { fakeStorage } from './testing/fake-storage';

const latest = { registry: 'pypi' as const, name: 'demo' };
const release = (name: string, files: FileVerdict[]): PackageVerdict => combineFileVerdicts({ registry: 'pypi', name, version: '1.0' }, files, 5);
const FAR = 10 ** 12; // the registry said "fresh for long": capped by MAX_FRESH_MS
const ref = fileRef;

/** fakeStorage whose next `faults.set` writes / `faults.remove` removals fail. */
function flaky() {
  const inner = fakeStorage();
  const faults = { set: 0, remove: 0 };
  const storage: StorageArea & { data: Map<string, unknown> } = {
    data: inner.data,
    get: (keys) => inner.get(keys),
    set: async (items) => {
      if (faults.set > 0) {
        faults.set--;
        throw new Error('QUOTA_BYTES quota exceeded');
      }
      return inner.set(items);
    },
    remove: async (keys) => {
      if (faults.remove > 0) {
        faults.remove--;
        throw new Error('worker stopped before the removal');
      }
      return inner.remove(keys);
    },
  };
  return { storage, faults };
}

function setup(maxEntries = 2000) {
  const { storage, faults } = flaky();
  let clock = 1_000;
  const now = () => ++clock;
  const open = () => createVerdictCache(storage, { trustVersion: () => 'v1', maxEntries, now });
  return { storage, faults, cache: open(), restart: open };
}

const entryKeys = (data: Map<string, unknown>) => [...data.keys()].filter((k) => k !== 'cache-order').sort();
const orderKeys = (data: Map<string, unknown>) => Object.keys((data.get('cache-order') ?? {}) as object).sort();

describe('review5 cache: failed storage calls', () => {
  it('F1 a failed write of an incomplete verdict leaves no older index answering for the release', async () => {
    const { cache, faults } = setup();
    await cache.store(latest, release('demo', [file(1)]), FAR);
    // The registry now lists a second file that could not be checked; storage is full.
    faults.set = 1;
    await expect(cache.store(latest, release('demo', [file(1), file(2, down)]))).rejects.toThrow(/quota/);
    // What the cache learnt (the kept index is outdated) must not be forgotten with the write.
    expect(await cache.getPackage(latest)).toBeUndefined();
  });

  it('F2 a failed write that evicts does not hide the evicted index from a later Retry (unfresh)', async () => {
    const { cache, faults, restart } = setup(3);
    await cache.store(latest, release('demo', [file(1)]), FAR); // 3 keys: the file, demo@, demo@1.0
    faults.set = 1;
    await expect(cache.store({ registry: 'pypi', name: 'other' }, release('other', [file(7)]), FAR)).rejects.toThrow();
    // The user presses Retry on demo: nothing kept for demo may answer as fresh any more.
    await cache.unfresh(latest);
    expect((await cache.getPackage(latest))?.freshUntil ?? 0).toBe(0);
    expect((await restart().getPackage(latest))?.freshUntil ?? 0).toBe(0);
  });

  it('F3 after a failed write that evicted, every stored entry is still in the order map (eviction and unfresh reach it)', async () => {
    const { storage, cache, faults } = setup(3);
    await cache.store(latest, release('demo', [file(1)]));
    faults.set = 1;
    await expect(cache.store({ registry: 'pypi', name: 'other' }, release('other', [file(7)]))).rejects.toThrow();
    await cache.store({ registry: 'pypi', name: 'third' }, release('third', [file(9)]));
    expect(orderKeys(storage.data)).toEqual(entryKeys(storage.data));
  });

  it('F4 an incomplete verdict whose removal of the old index failed: after a restart the old index does not answer', async () => {
    const { cache, faults, restart } = setup();
    await cache.store(latest, release('demo', [file(1)]), FAR);
    faults.remove = 1;
    await expect(cache.store(latest, release('demo', [file(1), file(2, down)]))).rejects.toThrow(/worker stopped/);
    const later = restart();
    expect(await later.getPackage(latest)).toBeUndefined();
    // Nor may it stay fresh through a Retry.
    await later.unfresh(latest);
    expect((await later.getPackage(latest))?.freshUntil ?? 0).toBe(0);
  });

  it('F5 a failed write is not claimed by memory, and the next write goes through (gather 20 ms, real timers)', async () => {
    const { storage, faults } = flaky();
    const cache = createVerdictCache(storage, { trustVersion: () => 'v1', gatherWritesMs: 20 });
    faults.set = 1;
    const both = await Promise.allSettled([cache.store(latest, release('demo', [file(1)])), cache.store({ registry: 'pypi', name: 'x' }, release('x', [file(3)]))]);
    expect(both.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(await cache.getArtifact(ref(1))).toBeUndefined();
    expect(await cache.getPackage(latest)).toBeUndefined();
    await cache.store(latest, release('demo', [file(1)]));
    expect(await cache.getArtifact(ref(1))).toEqual(verified);
  });

  it('F6 a failed write leaves no keys in the order map that storage does not hold (they would count toward eviction)', async () => {
    const { storage, faults, cache } = setup();
    faults.set = 1;
    await expect(cache.store({ registry: 'pypi', name: 'x' }, release('x', [file(3)]))).rejects.toThrow();
    await cache.store(latest, release('demo', [file(1)]));
    expect(orderKeys(storage.data)).toEqual(entryKeys(storage.data));
  });
});

// Review 5 (cache): interleavings of gathered verdict writes (gatherWritesMs > 0, as the worker's
// 100 ms) with reads, a corrupted entry's removal, unfresh (Retry), clear and a trust change.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ArtifactVerdict, FileVerdict, PackageVerdict } from '../core/verdict';
import { combineFileVerdicts } from '../registries/combine';
import { createVerdictCache } from './cache';
import { down, file, fileRef, verified } from './testing/cache-verdicts';
import { fakeStorage, type FakeStorage } from './testing/fake-storage';

const none: ArtifactVerdict = { status: 'none' };
const latest = { registry: 'pypi' as const, name: 'demo' };
const release = (files: FileVerdict[], name = 'demo'): PackageVerdict => combineFileVerdicts({ registry: 'pypi', name, version: '1.0' }, files, 5);
const ref = fileRef;
const FAR = 10 ** 15;

function open(storage: FakeStorage, gatherWritesMs: number, version: () => string = () => 'v1') {
  return createVerdictCache(storage, { trustVersion: version, gatherWritesMs });
}

/** Storage holding file 1's entry, corrupted on disk (as cache.test's corrupted case). */
async function corruptedFile1(): Promise<FakeStorage> {
  const storage = fakeStorage();
  await open(storage, 0).store(latest, release([file(1)]));
  const key = [...storage.data.keys()].find((k) => k.startsWith('av|'))!;
  storage.data.set(key, { savedAt: 1, verdict: { status: 'verified', attestations: 'not a list' } });
  return storage;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('review5 cache: gathered writes against other tasks', () => {
  it('R1 a good verdict written while a read finds the corrupted old entry is not removed with it (gather 30 ms)', async () => {
    const storage = await corruptedFile1();
    const cache = open(storage, 30);
    const storing = cache.store(latest, release([file(1)])); // a retry decided file 1 anew: gathering
    const reading = cache.getArtifact(ref(1)); // another page reads file 1 meanwhile
    // The write not yet in storage answers first (the pending overlay), never the corrupted entry.
    expect(await reading).toEqual(verified);
    await storing;
    // Memory and storage agree, and the new verdict survives the worker's restart.
    expect(await cache.getArtifact(ref(1))).toEqual(verified);
    expect(await open(storage, 0).getArtifact(ref(1))).toEqual(verified);
  });

  it('R2 the same race with no gathering (gatherWritesMs 0)', async () => {
    const storage = await corruptedFile1();
    const cache = open(storage, 0);
    const reading = cache.getArtifact(ref(1));
    const storing = cache.store(latest, release([file(1)]));
    await Promise.all([reading, storing]);
    expect(await open(storage, 0).getArtifact(ref(1))).toEqual(verified);
  });

  it('R3 a Retry (unfresh) asked while a fresh index is gathering leaves no fresh index, for any spelling', async () => {
    const storage = fakeStorage();
    const cache = open(storage, 50);
    const storing = cache.store({ registry: 'pypi', name: 'Demo' }, release([file(1)], 'Demo'), FAR);
    await cache.unfresh(latest);
    await storing;
    expect((await cache.getPackage({ registry: 'pypi', name: 'Demo' }))?.freshUntil).toBe(0);
    expect((await open(storage, 0).getPackage({ registry: 'pypi', name: 'Demo' }))?.freshUntil).toBe(0);
  });

  it('R4 under fake timers, clear and a corrupted-entry drop start a gathering batch: nothing hangs, nothing stays', async () => {
    vi.useFakeTimers();
    const storage = await corruptedFile1();
    const cache = open(storage, 60_000);
    const storing = cache.store({ registry: 'pypi', name: 'p' }, release([file(2)], 'p'));
    expect(await cache.getPackage(latest)).toBeUndefined(); // drops the corrupted file 1
    await storing; // started by the drop, not by the clock
    const again = cache.store({ registry: 'pypi', name: 'q' }, release([file(3)], 'q'));
    const cleared = await cache.clear();
    await again;
    expect(cleared).toBe(2);
    expect([...storage.data.keys()]).toEqual([]);
    expect(await cache.getArtifact(ref(2))).toBeUndefined();
    expect(await cache.getArtifact(ref(3))).toBeUndefined();
  });

  it('R5 store, clear, store, unfresh, store interleaved with real timers end as asked', async () => {
    const storage = fakeStorage();
    const cache = open(storage, 20);
    const asked = [
      cache.store({ registry: 'pypi', name: 'a' }, release([file(1)], 'a'), FAR),
      cache.clear(),
      cache.store({ registry: 'pypi', name: 'b' }, release([file(2)], 'b'), FAR),
      cache.unfresh({ registry: 'pypi', name: 'b' }),
      cache.store({ registry: 'pypi', name: 'c' }, release([file(3)], 'c'), FAR),
    ];
    await Promise.all(asked);
    expect(await asked[1]).toBe(1);
    expect(await cache.getArtifact(ref(1))).toBeUndefined();
    expect((await cache.getPackage({ registry: 'pypi', name: 'b' }))?.freshUntil).toBe(0);
    expect((await cache.getPackage({ registry: 'pypi', name: 'c' }))?.freshUntil).toBeGreaterThan(Date.now());
    const restarted = open(storage, 0);
    expect(await restarted.getArtifact(ref(1))).toBeUndefined();
    expect((await restarted.getPackage({ registry: 'pypi', name: 'b' }))?.freshUntil).toBe(0);
  });

  it('R6 merged writes: complete then incomplete drops the index; incomplete then complete keeps the newer one', async () => {
    const storage = fakeStorage();
    const cache = open(storage, 30);
    await Promise.all([cache.store(latest, release([file(1)]), FAR), cache.store(latest, release([file(1), file(2, down)]))]);
    expect(await cache.getPackage(latest)).toBeUndefined();
    expect(await open(storage, 0).getPackage(latest)).toBeUndefined();
    await Promise.all([cache.store(latest, release([file(1), file(2, down)])), cache.store(latest, release([file(1), file(2, none)]))]);
    expect((await cache.getPackage(latest))?.verdict.files).toHaveLength(2);
    expect((await open(storage, 0).getPackage(latest))?.verdict.files).toHaveLength(2);
  });

  it('R7 a trust change while a write gathers: nothing decided before it answers under the new material', async () => {
    const storage = fakeStorage();
    let version = 'old';
    const cache = open(storage, 30, () => version);
    const storing = cache.store(latest, release([file(1)]), FAR);
    version = 'new';
    await storing;
    expect(await cache.getArtifact(ref(1))).toBeUndefined();
    expect(await cache.getPackage(latest)).toBeUndefined();
    expect(await open(storage, 0, () => 'new').getPackage(latest)).toBeUndefined();
  });

  it('R8 a read in flight while a newer verdict of the same file lands does not bring the older one back', async () => {
    const storage = fakeStorage();
    await open(storage, 0).store(latest, release([file(1)]));
    const cache = open(storage, 10);
    const storing = cache.store(latest, release([file(1, none)]));
    const reads = [cache.getArtifact(ref(1)), cache.getPackage(latest)];
    await Promise.all([storing, ...reads]);
    expect(await cache.getArtifact(ref(1))).toEqual(none);
    expect((await cache.getPackage(latest))?.verdict.status).toBe('none');
  });
});

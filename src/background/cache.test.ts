import { describe, expect, it } from 'vitest';
import type { ArtifactVerdict, FileVerdict, PackageVerdict } from '../core/verdict';
import { combineFileVerdicts } from '../registries/combine';
import { createVerdictCache } from './cache';
import { file, verified } from './testing/cache-verdicts';
import { fakeStorage } from './testing/fake-storage';

const pinned = { registry: 'pypi' as const, name: 'demo', version: '1.0' };
const pkgVerdict = (files: FileVerdict[]): PackageVerdict => combineFileVerdicts(pinned, files, 5);

function setup(maxEntries = 2000, version = 'v1') {
  const storage = fakeStorage();
  let clock = 0;
  const cache = createVerdictCache(storage, { trustVersion: () => version, maxEntries, now: () => ++clock });
  return { storage, cache };
}

describe('verdict cache', () => {
  it('stores file verdicts and rebuilds the package verdict, by name@version and as latest', async () => {
    const { cache } = setup();
    const v = pkgVerdict([file(1), file(2, { status: 'none' })]);
    await cache.store({ registry: 'pypi', name: 'demo' }, v);
    const again = await cache.getPackage({ registry: 'pypi', name: 'demo' });
    expect(again?.verdict).toEqual(v);
    expect((await cache.getPackage(pinned))?.verdict).toEqual(v);
    expect(await cache.getArtifact({ registry: 'pypi', digest: file(1).sha256, subject: 'f1.whl' })).toEqual(verified);
    // The subject is part of the key: the same digest under another filename is unknown.
    expect(await cache.getArtifact({ registry: 'pypi', digest: file(1).sha256, subject: 'other.whl' })).toBeUndefined();
  });

  it('never caches unavailable, and no package index when a file was unavailable', async () => {
    const { cache, storage } = setup();
    const down: ArtifactVerdict = { status: 'unavailable', code: 'FETCH_TIMEOUT', message: 'slow' };
    await cache.store(pinned, pkgVerdict([file(1, down)]));
    expect([...storage.data.keys()].filter((k) => k !== 'cache-order')).toEqual([]);
    await cache.store(pinned, pkgVerdict([file(1), file(2, down)]));
    expect(await cache.getArtifact({ registry: 'pypi', digest: file(1).sha256, subject: 'f1.whl' })).toEqual(verified);
    expect(await cache.getPackage(pinned)).toBeUndefined();
  });

  it('drops an older package index once the registry lists files that could not all be checked', async () => {
    const { cache } = setup();
    const latest = { registry: 'pypi' as const, name: 'demo' };
    await cache.store(latest, pkgVerdict([file(1)]));
    const down: ArtifactVerdict = { status: 'unavailable', code: 'FETCH_TIMEOUT', message: 'slow' };
    await cache.store(latest, pkgVerdict([file(1), file(2, down)])); // a file was added to 1.0
    expect(await cache.getPackage(latest)).toBeUndefined();
    expect(await cache.getPackage(pinned)).toBeUndefined();
    expect(await cache.getArtifact({ registry: 'pypi', digest: file(1).sha256, subject: 'f1.whl' })).toEqual(verified);
  });

  it('drops a corrupted entry instead of trusting it', async () => {
    const { cache: writer, storage } = setup();
    await writer.store(pinned, pkgVerdict([file(1)]));
    const key = [...storage.data.keys()].find((k) => k.startsWith('av|'))!;
    storage.data.set(key, { savedAt: 1, verdict: { status: 'verified', attestations: 'not a list' } });
    // Corrupted on disk, read by a worker started later (the writer's memory never saw it).
    const cache = createVerdictCache(storage, { trustVersion: () => 'v1' });
    expect(await cache.getArtifact({ registry: 'pypi', digest: file(1).sha256, subject: 'f1.whl' })).toBeUndefined();
    expect(storage.data.has(key)).toBe(false);
    expect(await cache.getPackage(pinned)).toBeUndefined();
    storage.data.set(key, { savedAt: 1, verdict: { status: 'unavailable', code: 'FETCH_NETWORK', message: 'x' } });
    expect(await cache.getArtifact({ registry: 'pypi', digest: file(1).sha256, subject: 'f1.whl' })).toBeUndefined();
  });

  it('is bounded, evicting the oldest entries', async () => {
    const { cache, storage } = setup(10);
    for (let i = 0; i < 30; i++) await cache.store({ ...pinned, version: `1.${i}` }, combineFileVerdicts({ ...pinned, version: `1.${i}` }, [file(i)], 1));
    const entries = [...storage.data.keys()].filter((k) => k !== 'cache-order');
    expect(entries.length).toBeLessThanOrEqual(10);
    expect(Object.keys(storage.data.get('cache-order') as object).sort()).toEqual(entries.sort());
    expect(await cache.getArtifact({ registry: 'pypi', digest: file(29).sha256, subject: 'f29.whl' })).toEqual(verified);
    expect(await cache.getArtifact({ registry: 'pypi', digest: file(0).sha256, subject: 'f0.whl' })).toBeUndefined();
  });

  it('does not reuse verdicts decided under other trust material', async () => {
    const storage = fakeStorage();
    const old = createVerdictCache(storage, { trustVersion: () => '1@2024-01-01' });
    await old.store(pinned, pkgVerdict([file(1)]));
    const renewed = createVerdictCache(storage, { trustVersion: () => '1@2025-06-01' });
    expect(await renewed.getPackage(pinned)).toBeUndefined();
    expect(await renewed.getArtifact({ registry: 'pypi', digest: file(1).sha256, subject: 'f1.whl' })).toBeUndefined();
  });

  it('clears everything and says how many verdicts it removed', async () => {
    const { cache, storage } = setup();
    storage.data.set('settings', { searchBadges: false });
    await cache.store(pinned, pkgVerdict([file(1), file(2)]));
    expect(await cache.clear()).toBe(2);
    expect([...storage.data.keys()]).toEqual(['settings']);
  });
});

describe('verdict cache in memory', () => {
  /** Storage that counts get() calls and the keys asked for. */
  function counting() {
    const storage = fakeStorage();
    const gets: number[] = [];
    const get = storage.get.bind(storage);
    storage.get = (keys) => (gets.push(keys === null ? -1 : typeof keys === 'string' ? 1 : keys.length), get(keys));
    return { storage, gets };
  }
  const files = (n: number) => Array.from({ length: n }, (_, i) => file(i + 1));

  it('answers a revisit from memory, without reading storage', async () => {
    const { storage, gets } = counting();
    const cache = createVerdictCache(storage, { trustVersion: () => 'v1' });
    const v = pkgVerdict(files(60));
    await cache.store(pinned, v);
    gets.length = 0;
    expect((await cache.getPackage(pinned))?.verdict).toEqual(v);
    expect(gets).toEqual([]);
  });

  it('reads a release\'s file verdicts from storage in one batch after a restart', async () => {
    const { storage, gets } = counting();
    await createVerdictCache(storage, { trustVersion: () => 'v1' }).store(pinned, pkgVerdict(files(60)));
    const restarted = createVerdictCache(storage, { trustVersion: () => 'v1' });
    gets.length = 0;
    expect((await restarted.getPackage(pinned))?.verdict.files).toHaveLength(60);
    expect(gets).toEqual([1, 60]); // the package index, then every file at once
    gets.length = 0;
    await restarted.getPackage(pinned);
    expect(gets).toEqual([]);
  });

  it('forgets everything on clear, and a read in flight during a clear stays out of memory', async () => {
    const storage = fakeStorage();
    const cache = createVerdictCache(storage, { trustVersion: () => 'v1' });
    await cache.store(pinned, pkgVerdict([file(1)]));
    await cache.clear();
    expect(await cache.getPackage(pinned)).toBeUndefined();

    const other = createVerdictCache(storage, { trustVersion: () => 'v1' });
    await cache.store(pinned, pkgVerdict([file(1)]));
    const reading = other.getArtifact({ registry: 'pypi', digest: file(1).sha256, subject: 'f1.whl' });
    const clearing = other.clear();
    expect(await reading).toEqual(verified); // read before the clear took effect
    await clearing;
    expect(await other.getArtifact({ registry: 'pypi', digest: file(1).sha256, subject: 'f1.whl' })).toBeUndefined();
  });

  it('keeps a retry\'s newer verdict over an older one read concurrently', async () => {
    const storage = fakeStorage();
    const cache = createVerdictCache(storage, { trustVersion: () => 'v1' });
    await createVerdictCache(storage, { trustVersion: () => 'v1' }).store(pinned, pkgVerdict([file(1)]));
    const none: ArtifactVerdict = { status: 'none' };
    const reading = cache.getArtifact({ registry: 'pypi', digest: file(1).sha256, subject: 'f1.whl' });
    const storing = cache.store(pinned, pkgVerdict([file(1, none)]));
    await Promise.all([reading, storing]);
    expect(await cache.getArtifact({ registry: 'pypi', digest: file(1).sha256, subject: 'f1.whl' })).toEqual(none);
  });

  it('is bounded', async () => {
    const { storage, gets } = counting();
    const cache = createVerdictCache(storage, { trustVersion: () => 'v1', memory: { packages: 2, artifacts: 2 } });
    for (let i = 0; i < 3; i++) await cache.store({ ...pinned, version: `1.${i}` }, combineFileVerdicts({ ...pinned, version: `1.${i}` }, [file(i)], 1));
    gets.length = 0;
    expect(await cache.getPackage({ ...pinned, version: '1.0' })).toBeDefined();
    expect(gets.length).toBeGreaterThan(0); // the oldest went from memory, not from storage
  });
});

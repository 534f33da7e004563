import { describe, expect, it } from 'vitest';
import type { ArtifactVerdict, FileVerdict, PackageVerdict, SignerIdentity } from '../core/verdict';
import { combineFileVerdicts } from '../registries/combine';
import { createVerdictCache } from './cache';
import { fakeStorage } from './testing/fake-storage';

const identity: SignerIdentity = { forge: 'github', issuer: 'https://token.actions.githubusercontent.com', san: 's', repository: 'o/r' };
const verified: ArtifactVerdict = {
  status: 'verified',
  identity,
  attestations: [{ kind: 'pypi-publish', predicateType: 'p', signer: identity, log: { logIndex: '2272775063', integratedTime: 't', searchUrl: 'u' } }],
};
const file = (n: number, verdict: ArtifactVerdict = verified): FileVerdict => ({ filename: `f${n}.whl`, sha256: String(n).padStart(64, '0'), verdict });
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

  it('drops a corrupted entry instead of trusting it', async () => {
    const { cache, storage } = setup();
    await cache.store(pinned, pkgVerdict([file(1)]));
    const key = [...storage.data.keys()].find((k) => k.startsWith('av|'))!;
    storage.data.set(key, { savedAt: 1, verdict: { status: 'verified', attestations: 'not a list' } });
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

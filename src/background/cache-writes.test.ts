import { describe, expect, it } from 'vitest';
import type { ArtifactVerdict, FileVerdict, PackageVerdict } from '../core/verdict';
import { combineFileVerdicts } from '../registries/combine';
import { createVerdictCache } from './cache';
import { mergeWrites, WriteQueue, type WritePlan } from './cache-writes';
import { fakeStorage } from './testing/fake-storage';

const plan = (savedAt: number, items: Record<string, unknown>, outdated: string[] = []): WritePlan => ({ savedAt, items, outdated });

describe('mergeWrites', () => {
  it('ends where the plans applied one after another end', () => {
    const merged = mergeWrites([plan(1, { a: 'a1', b: 'b1' }), plan(2, { a: 'a2' }, ['b', 'c']), plan(3, { c: 'c3' })]);
    expect(merged.items).toEqual({ a: 'a2', c: 'c3' });
    expect([...merged.savedAt]).toEqual([['a', 2], ['c', 3]]);
    expect([...merged.outdated]).toEqual(['b']);
  });
});

describe('WriteQueue', () => {
  it('merges the writes asked while another write runs into one, and answers each when it is stored', async () => {
    const flushed: WritePlan[][] = [];
    let release!: () => void;
    const first = new Promise<void>((resolve) => (release = resolve));
    const queue = new WriteQueue(async (plans) => {
      flushed.push(plans);
      if (flushed.length === 1) await first;
    });
    const a = queue.write(plan(1, { a: 1 }));
    await Promise.resolve();
    await Promise.resolve();
    const rest = [2, 3, 4].map((n) => queue.write(plan(n, { [`k${n}`]: n })));
    release();
    await Promise.all([a, ...rest]);
    expect(flushed.map((plans) => plans.map((p) => p.savedAt))).toEqual([[1], [2, 3, 4]]);
  });

  it('never writes across another task: writes asked after it wait for it', async () => {
    const log: string[] = [];
    const queue = new WriteQueue(async (plans) => void log.push(`write ${plans.map((p) => p.savedAt).join(',')}`));
    const done = [queue.write(plan(1, {})), queue.run(async () => void log.push('clear')), queue.write(plan(2, {})), queue.write(plan(3, {}))];
    await Promise.all(done);
    expect(log).toEqual(['write 1', 'clear', 'write 2,3']);
  });

  it('gathers the writes asked within its window into one, and a task asked meanwhile starts it at once, then runs', async () => {
    const log: string[] = [];
    const queue = new WriteQueue(async (plans) => void log.push(`write ${plans.map((p) => p.savedAt).join(',')}`), 60_000);
    const first = [queue.write(plan(1, {})), queue.write(plan(2, {}))];
    await new Promise((resolve) => setTimeout(resolve, 5));
    first.push(queue.write(plan(3, {})));
    expect(log).toEqual([]);
    // Without the early start this would wait the whole minute.
    await Promise.all([...first, queue.run(async () => void log.push('clear'))]);
    expect(log).toEqual(['write 1,2,3', 'clear']);
  });

  it('fails every write of a batch whose storage write failed, and the next batch writes anew', async () => {
    let fail = true;
    const queue = new WriteQueue(async () => {
      if (fail) throw new Error('quota');
    });
    const batch = await Promise.allSettled([queue.write(plan(1, {})), queue.write(plan(2, {}))]);
    expect(batch.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    await expect(queue.write(plan(3, {}))).resolves.toBeUndefined();
  });
});

describe('the verdict cache under a burst of verdicts (a search page)', () => {
  const verified: ArtifactVerdict = { status: 'none' };
  const release = (n: number): PackageVerdict => {
    const files: FileVerdict[] = [{ filename: `p${n}-1.0.tar.gz`, sha256: String(n).padStart(64, '0'), verdict: verified }];
    return combineFileVerdicts({ registry: 'pypi', name: `p${n}`, version: '1.0' }, files, 5);
  };

  it('stores twenty verdicts in a few storage writes, each readable afterwards', async () => {
    const storage = fakeStorage();
    let writes = 0;
    const counted = { ...storage, set: (items: Record<string, unknown>) => (writes++, storage.set(items)) };
    const cache = createVerdictCache(counted, { trustVersion: () => 'v1' });
    await Promise.all(Array.from({ length: 20 }, (_, n) => cache.store({ registry: 'pypi', name: `p${n}` }, release(n))));
    expect(writes).toBeLessThanOrEqual(2);
    for (let n = 0; n < 20; n++) expect((await cache.getPackage({ registry: 'pypi', name: `p${n}` }))?.verdict).toEqual(release(n));
    // The order map knows every key, so eviction and a later clear reach all of them.
    expect(Object.keys(storage.data.get('cache-order') as object)).toHaveLength(60); // a file and two package indexes each
    expect(await cache.clear()).toBe(20);
  });

  it('keeps a verdict stored after a clear that was asked before it', async () => {
    const storage = fakeStorage();
    const cache = createVerdictCache(storage, { trustVersion: () => 'v1' });
    const first = cache.store({ registry: 'pypi', name: 'p1' }, release(1));
    const cleared = cache.clear();
    const second = cache.store({ registry: 'pypi', name: 'p2' }, release(2));
    await Promise.all([first, cleared, second]);
    expect(await cache.getPackage({ registry: 'pypi', name: 'p1' })).toBeUndefined();
    expect((await cache.getPackage({ registry: 'pypi', name: 'p2' }))?.verdict).toEqual(release(2));
  });
});

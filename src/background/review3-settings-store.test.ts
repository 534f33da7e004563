// Third review, settings kept in memory (settings.ts, commit c7e850e): the store's own paths
// that hold: a failed write changes nothing anywhere, and quick toggles end where the last one
// says, in memory and in storage, for this worker and the next.
import { describe, expect, it } from 'vitest';
import { createSettingsStore } from './settings';
import type { StorageArea } from './storage-area';
import { fakeStorage } from './testing/fake-storage';

/** storage.local as the browsers run it: one operation at a time, in the order issued. */
function orderedStorage() {
  const inner = fakeStorage();
  let queue: Promise<unknown> = Promise.resolve();
  const run = <T>(op: () => Promise<T>): Promise<T> => {
    const next = queue.then(op);
    queue = next.catch(() => undefined);
    return next;
  };
  const storage: StorageArea = { get: (k) => run(() => inner.get(k)), set: (i) => run(() => inner.set(i)), remove: (k) => run(() => inner.remove(k)) };
  return { storage, data: inner.data };
}

describe('review3: settings store paths that hold', () => {
  it('the write that fails leaves the worker, storage and the options page agreeing: still on', async () => {
    const inner = fakeStorage({ settings: { searchBadges: true } });
    let failWrites = true;
    const storage: StorageArea = { ...inner, set: async (items) => (failWrites ? Promise.reject(new Error('QUOTA_BYTES')) : inner.set(items)) };
    const store = createSettingsStore(storage);
    expect(await store.get()).toEqual({ searchBadges: true });
    await expect(store.set({ searchBadges: false })).rejects.toThrow('QUOTA_BYTES');
    expect(await store.get()).toEqual({ searchBadges: true });
    expect(inner.data.get('settings')).toEqual({ searchBadges: true });
    failWrites = false;
    expect(await store.set({ searchBadges: false })).toEqual({ searchBadges: false });
    expect(await store.get()).toEqual({ searchBadges: false });
  });

  it('off then on in quick succession ends on, in memory and in storage, whatever each get() saw meanwhile', async () => {
    const s = orderedStorage();
    const store = createSettingsStore(s.storage);
    const first = store.get();
    const off = store.set({ searchBadges: false });
    const between = store.get();
    const onAgain = store.set({ searchBadges: true });
    await Promise.all([first, off, between, onAgain]);
    expect(await store.get()).toEqual({ searchBadges: true });
    expect(s.data.get('settings')).toEqual({ searchBadges: true });
    expect(await createSettingsStore(s.storage).get()).toEqual({ searchBadges: true });
  });

  it('a failed first read is reported to every asker at once, then read again; the failure is never remembered as "on"', async () => {
    const inner = fakeStorage({ settings: { searchBadges: false } });
    let fail = true;
    const storage: StorageArea = { ...inner, get: async (k) => (fail ? Promise.reject(new Error('IO')) : inner.get(k)) };
    const store = createSettingsStore(storage);
    const both = await Promise.allSettled([store.get(), store.get()]);
    expect(both.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    expect(await store.get()).toEqual({ searchBadges: false });
  });
});

// The settings store reads storage.local once and keeps the value until set() changes it (only
// the worker writes the key); what it returns is always what was last stored or read, a bad
// stored value falls back to the default, and a failed read is not kept.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../shared/messages';
import { createSettingsStore } from './settings';
import type { StorageArea } from './storage-area';
import { fakeStorage } from './testing/fake-storage';

/** storage.local counting its reads; `fail` makes the next read reject. */
function counted(initial: Record<string, unknown> = {}) {
  const inner = fakeStorage(initial);
  let reads = 0;
  let fail = false;
  const storage: StorageArea = {
    ...inner,
    async get(keys) {
      reads++;
      if (fail) {
        fail = false;
        throw new Error('storage unavailable');
      }
      return inner.get(keys);
    },
  };
  return { storage, data: inner.data, reads: () => reads, failNext: () => (fail = true) };
}

describe('settings store', () => {
  it('reads storage once, then answers from memory', async () => {
    const s = counted({ settings: { searchBadges: false } });
    const store = createSettingsStore(s.storage);
    expect(await Promise.all([store.get(), store.get()])).toEqual([{ searchBadges: false }, { searchBadges: false }]);
    expect(await store.get()).toEqual({ searchBadges: false });
    expect(s.reads()).toBe(1);
  });

  it('set() is stored and is what every later get() answers', async () => {
    const s = counted();
    const store = createSettingsStore(s.storage);
    expect(await store.get()).toEqual(DEFAULT_SETTINGS);
    expect(await store.set({ searchBadges: false })).toEqual({ searchBadges: false });
    expect(s.data.get('settings')).toEqual({ searchBadges: false });
    expect(await store.get()).toEqual({ searchBadges: false });
    // A worker started later reads what was stored.
    expect(await createSettingsStore(s.storage).get()).toEqual({ searchBadges: false });
  });

  it('a stored value of the wrong shape reads as the default; set() keeps only known fields', async () => {
    const s = counted({ settings: { searchBadges: 'yes', extra: 1 } });
    const store = createSettingsStore(s.storage);
    expect(await store.get()).toEqual(DEFAULT_SETTINGS);
    expect(await store.set({ searchBadges: false, extra: 2 } as never)).toEqual({ searchBadges: false });
    expect(s.data.get('settings')).toEqual({ searchBadges: false });
  });

  it('a failed read is reported and not kept: the next get() reads again', async () => {
    const s = counted({ settings: { searchBadges: false } });
    const store = createSettingsStore(s.storage);
    s.failNext();
    await expect(store.get()).rejects.toThrow('storage unavailable');
    expect(await store.get()).toEqual({ searchBadges: false });
    expect(s.reads()).toBe(2);
  });
});

// A storage.local stand-in: a Map with the get/set/remove shape, values copied like the
// real area copies them (so tests catch code that keeps references to stored objects).
import type { StorageArea } from '../storage-area';

export interface FakeStorage extends StorageArea {
  data: Map<string, unknown>;
}

export function fakeStorage(initial: Record<string, unknown> = {}): FakeStorage {
  const data = new Map<string, unknown>(Object.entries(initial));
  return {
    data,
    async get(keys) {
      const wanted = keys === null ? [...data.keys()] : typeof keys === 'string' ? [keys] : keys;
      const out: Record<string, unknown> = {};
      for (const k of wanted) if (data.has(k)) out[k] = structuredClone(data.get(k));
      return out;
    },
    async set(items) {
      for (const [k, v] of Object.entries(items)) data.set(k, structuredClone(v));
    },
    async remove(keys) {
      for (const k of typeof keys === 'string' ? [keys] : keys) data.delete(k);
    },
  };
}

// The verdict cache's storage write of a batch of verdict writes (cache-writes.ts): one storage
// write of the merged items and the order map, the memory front following it, then removals.
import type { ArtifactVerdict } from '../core/verdict';
import { evictOldest, newestAt } from './cache-index';
import type { CacheMemory, PackageMemoEntry } from './cache-memory';
import { mergeWrites, type PendingWrites, type WritePlan } from './cache-writes';
import type { StorageArea } from './storage-area';

export const ORDER_KEY = 'cache-order';
/** Written over a withdrawn package index: no valid entry, so a read drops it. */
const WITHDRAWN = { withdrawn: true };

export interface FlushDeps {
  storage: StorageArea;
  memory: CacheMemory;
  pending: PendingWrites;
  max: number;
  loadOrder: () => Promise<Map<string, number>>;
  /** Takes the order map the write stored as the cache's own. */
  adopt: (order: Map<string, number>) => void;
}

export function createFlush(deps: FlushDeps): (plans: WritePlan[]) => Promise<void> {
  return async function flush(plans: WritePlan[]): Promise<void> {
    try {
      const { items, savedAt, outdated } = mergeWrites(plans);
      // The order map changes only once storage took the write (a failed one leaves it as stored).
      const ord = new Map(await deps.loadOrder());
      const newest = newestAt(ord, 0);
      for (const [key, at] of savedAt) ord.set(key, Math.max(at, newest));
      deps.memory.changed();
      for (const key of outdated) {
        ord.delete(key);
        deps.memory.forget(key);
      }
      const evicted = evictOldest(ord, deps.max);
      // An outdated index is withdrawn in the same write (should its removal below never happen,
      // a read finds the marker and drops it), and removed at once should that write fail.
      const withdrawn = Object.fromEntries([...outdated].map((key) => [key, WITHDRAWN]));
      try {
        await deps.storage.set({ ...withdrawn, ...items, [ORDER_KEY]: Object.fromEntries(ord) });
      } catch (error) {
        if (outdated.size > 0) await deps.storage.remove([...outdated]).catch(() => undefined);
        throw error;
      }
      deps.adopt(ord);
      // Memory follows storage only once storage took the write (reads in flight now stay out of it).
      deps.memory.changed();
      for (const [key, item] of Object.entries(items)) {
        if (key.startsWith('av|')) deps.memory.artifacts.set(key, structuredClone((item as { verdict: ArtifactVerdict }).verdict));
        else if (key.startsWith('pk|')) deps.memory.packages.set(key, structuredClone(item as PackageMemoEntry));
      }
      for (const key of evicted) deps.memory.forget(key);
      const gone = [...evicted, ...outdated];
      if (gone.length > 0) await deps.storage.remove(gone);
    } finally {
      deps.pending.settle(plans);
    }
  };
}

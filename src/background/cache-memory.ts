// The verdict cache's in-memory front: recently used entries of storage.local, by the same
// keys, so a revisit is answered without a storage round trip per file. Bounded (least
// recently used go first); the worker losing it on shutdown only costs one storage read.
import type { ArtifactVerdict } from '../core/verdict';
import { BoundedMemo } from '../core/crypto/bounded-memo';
import type { PackageIndexEntry } from './cache-entry';

export interface PackageMemoEntry {
  index: PackageIndexEntry;
  savedAt: number;
}

export interface CacheMemory {
  readonly packages: BoundedMemo<PackageMemoEntry>;
  readonly artifacts: BoundedMemo<ArtifactVerdict>;
  /**
   * Changes on every write and clear. A storage read fills memory only if it did not change
   * meanwhile, so an answer read before a retry or a cache clear cannot come back from memory.
   */
  readonly generation: number;
  changed(): void;
  forget(key: string): void;
  clear(): void;
}

export function createCacheMemory(limits: { packages?: number; artifacts?: number } = {}): CacheMemory {
  const packages = new BoundedMemo<PackageMemoEntry>(limits.packages ?? 500);
  const artifacts = new BoundedMemo<ArtifactVerdict>(limits.artifacts ?? 2000);
  let generation = 0;
  return {
    packages,
    artifacts,
    get generation() {
      return generation;
    },
    changed() {
      generation++;
    },
    forget(key) {
      packages.delete(key);
      artifacts.delete(key);
    },
    clear() {
      generation++;
      packages.clear();
      artifacts.clear();
    },
  };
}

// Pure helpers of the verdict cache (cache.ts) over its keys and package index entries: how long
// an index may answer, which package a key names, and which entries go when the cache is full.
import type { PackageRef } from '../core/verdict';
import type { PackageMemoEntry } from './cache-memory';
import { MAX_FRESH_MS } from './http-freshness';

/**
 * Until when a kept index may answer: never beyond MAX_FRESH_MS after it was saved, and not at all
 * when it says it was saved later than now (a corrupted entry, or a clock set back since).
 */
export function freshness(entry: PackageMemoEntry, now: number): number {
  if (entry.savedAt > now) return 0;
  return Math.min(entry.index.freshUntil ?? 0, entry.savedAt + MAX_FRESH_MS);
}

/** The package a package key (packageKey) names; an npm scope's "@" is not the version's. */
export function refOfKey(key: string): PackageRef {
  const colon = key.indexOf(':');
  const at = key.lastIndexOf('@');
  const registry = key.slice(0, colon) === 'npm' ? 'npm' : 'pypi';
  return { registry, name: key.slice(colon + 1, at > colon + 1 ? at : key.length) };
}

/** Drops the oldest tenth beyond the bound at once, so eviction is not paid on every write. */
export function evictOldest(order: Map<string, number>, max: number): string[] {
  if (order.size <= max) return [];
  const target = Math.floor(max * 0.9);
  const victims = [...order.entries()].sort((a, b) => a[1] - b[1]).slice(0, order.size - target).map(([k]) => k);
  for (const k of victims) order.delete(k);
  return victims;
}

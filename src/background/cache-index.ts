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

/** Storage keys of verdict cache entries (artifact verdicts, package indexes), any trust version. */
export const ENTRY_PREFIXES = ['av|', 'pk|'];

/**
 * The order map as stored, or null when it is missing or not a map of numbers: then the caller
 * rebuilds it from the entries themselves, so none is left beyond eviction's and a Retry's reach.
 * Entries of other trust versions stay listed: never read (their keys name the version), they
 * go by eviction or a clear, not at load (the worker may load before its stored trust is).
 */
export function parseOrder(raw: unknown): Map<string, number> | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  const order = new Map<string, number>();
  for (const [key, savedAt] of Object.entries(raw)) {
    if (typeof savedAt !== 'number' || !ENTRY_PREFIXES.some((p) => key.startsWith(p))) return null;
    order.set(key, savedAt);
  }
  return order;
}

/** The order map rebuilt from every stored entry (savedAt as the entry says, else 0: first to go). */
export function rebuildOrder(all: Record<string, unknown>): Map<string, number> {
  const order = new Map<string, number>();
  for (const [key, item] of Object.entries(all)) {
    if (!ENTRY_PREFIXES.some((p) => key.startsWith(p))) continue;
    const savedAt = typeof item === 'object' && item !== null ? (item as { savedAt?: unknown }).savedAt : undefined;
    order.set(key, typeof savedAt === 'number' && Number.isFinite(savedAt) ? savedAt : 0);
  }
  return order;
}

/** A key written now is the newest, whatever the clock says (one set back must not evict it first). */
export function newestAt(order: Map<string, number>, savedAt: number): number {
  let newest = savedAt;
  for (const at of order.values()) if (at > newest) newest = at;
  return newest;
}

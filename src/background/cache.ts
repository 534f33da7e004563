// Verdicts by artifact digest in storage.local, plus a small package -> files index so a
// revisit of a known page is instant and works offline. Keys carry the verifier and trust
// material version, so new trust material never reuses a verdict decided under the old one;
// an in-memory front (cache-memory.ts) answers revisits, misses are read in one batch.
import type { ArtifactVerdict, FileVerdict, PackageRef, PackageVerdict } from '../core/verdict';
import type { CacheOptions, CachedPackage, VerdictCache } from './cache-types';
import { packageKey } from '../core/verdict';
import { artifactKey, fileRef, type ArtifactRef } from '../registries/adapter';
import { combineFileVerdicts } from '../registries/combine';
import { parseCachedVerdict, parseStoredPackage, type PackageIndexEntry } from './cache-entry';
import { createCacheMemory, type PackageMemoEntry } from './cache-memory';
import { batchReads } from './read-batch';
import { PendingWrites, WriteQueue } from './cache-writes';
import { ENTRY_PREFIXES, freshness, parseOrder, rebuildOrder, refOfKey } from './cache-index';
import { sameName } from './page-match';
import { isRecord, type StorageArea } from './storage-area';

import { createFlush, ORDER_KEY } from './cache-flush';

export type { CacheOptions, CachedPackage, VerdictCache } from './cache-types';

export function createVerdictCache(storage: StorageArea, options: CacheOptions): VerdictCache {
  const max = options.maxEntries ?? 2000;
  const now = options.now ?? (() => Date.now());
  let order: Map<string, number> | undefined;
  const memory = createCacheMemory(options.memory);
  // Storage writes are read-modify-write of the order map: one at a time (cache-writes.ts).
  const pending = new PendingWrites();
  const flush = createFlush({ storage, memory, pending, max, loadOrder: () => loadOrder(), adopt: (ord) => (order = ord) });
  const queue = new WriteQueue(flush, options.gatherWritesMs);
  const serial = <T>(task: () => Promise<T>): Promise<T> => queue.run(task);
  const prefix = (kind: 'av' | 'pk') => `${kind}|${options.trustVersion()}|`;
  const artifactStorageKey = (ref: ArtifactRef) => prefix('av') + artifactKey(ref);
  const packageStorageKey = (pkg: PackageRef) => prefix('pk') + packageKey(pkg);

  async function loadOrder(): Promise<Map<string, number>> {
    if (order) return order;
    order = parseOrder((await storage.get(ORDER_KEY))[ORDER_KEY]) ?? rebuildOrder(await storage.get(null));
    return order;
  }

  /** Removes a corrupted entry, unless a good one was written since it was read. */
  function drop(key: string, corrupted: (raw: unknown) => boolean): Promise<void> {
    memory.forget(key);
    return serial(async () => {
      const raw = (await storage.get(key))[key];
      if (raw === undefined || !corrupted(raw)) return;
      (await loadOrder()).delete(key);
      await storage.remove(key);
    });
  }
  const badVerdict = (raw: unknown) => !isRecord(raw) || parseCachedVerdict(raw.verdict) === null;
  const badPackage = (raw: unknown) => parseStoredPackage(raw) === null;

  /** A write not yet in storage answers first: undefined (none pending), null (removed) or its value. */
  function pendingArtifact(key: string): ArtifactVerdict | null | undefined {
    const item = pending.get(key);
    return item === undefined || item === null ? item : structuredClone((item as { verdict: ArtifactVerdict }).verdict);
  }

  /** Artifact verdicts by storage key: pending writes, memory, then one storage read for the rest. */
  async function artifactsByKey(keys: string[]): Promise<Map<string, ArtifactVerdict>> {
    const found = new Map<string, ArtifactVerdict>();
    const missing = keys.filter((key) => {
      const waiting = pendingArtifact(key);
      const known = waiting === undefined ? memory.artifacts.get(key) : waiting;
      if (known) found.set(key, known);
      return known === undefined;
    });
    if (missing.length === 0) return found;
    const generation = memory.generation;
    const stored = await storage.get(missing);
    for (const key of missing.filter((k) => stored[k] !== undefined)) {
      // A write asked while this read was out is newer than what storage answered.
      const newer = pendingArtifact(key);
      if (newer !== undefined) {
        if (newer) found.set(key, newer);
        continue;
      }
      const entry = stored[key];
      const verdict = isRecord(entry) ? parseCachedVerdict(entry.verdict) : null;
      if (!verdict) {
        await drop(key, badVerdict); // corrupted: never trusted, and not kept around to fail again
        continue;
      }
      found.set(key, verdict);
      if (memory.generation === generation) memory.artifacts.set(key, verdict);
    }
    return found;
  }

  const readArtifact = batchReads(artifactsByKey);

  async function getArtifact(ref: ArtifactRef): Promise<ArtifactVerdict | undefined> {
    const key = artifactStorageKey(ref);
    const waiting = pendingArtifact(key);
    if (waiting !== undefined) return waiting ?? undefined;
    return memory.artifacts.get(key) ?? readArtifact(key);
  }

  async function packageEntry(key: string): Promise<PackageMemoEntry | null | undefined> {
    const waiting = () => pending.get(key) as PackageMemoEntry | null | undefined;
    if (waiting() !== undefined) return structuredClone(waiting());
    const known = memory.packages.get(key);
    if (known) return known;
    const generation = memory.generation;
    const raw = (await storage.get(key))[key];
    if (waiting() !== undefined) return structuredClone(waiting());
    if (raw === undefined) return undefined;
    const entry = parseStoredPackage(raw);
    if (!entry) {
      await drop(key, badPackage);
      return undefined;
    }
    if (memory.generation === generation) memory.packages.set(key, entry);
    return entry;
  }

  async function getPackage(pkg: PackageRef): Promise<CachedPackage | undefined> {
    const entry = await packageEntry(packageStorageKey(pkg));
    if (!entry) return undefined;
    const pinned = { registry: pkg.registry, name: pkg.name, version: entry.index.version };
    const files = entry.index.files.map((f) => {
      const file = { filename: f.filename, sha256: f.digest };
      return { file, key: artifactStorageKey(fileRef(pinned, { ...file, verdict: { status: 'none' } })) };
    });
    const verdicts = await artifactsByKey(files.map((f) => f.key));
    const out: FileVerdict[] = [];
    for (const { file, key } of files) {
      const verdict = verdicts.get(key);
      if (!verdict) return undefined;
      out.push({ ...file, verdict });
    }
    return { verdict: combineFileVerdicts(pinned, out, entry.index.checkedAt), savedAt: entry.savedAt, freshUntil: freshness(entry, now()) };
  }

  function store(requested: PackageRef | null, verdict: PackageVerdict, freshUntil = 0): Promise<void> {
    // `unavailable` is never cached (it describes the network, not the artifact), but the
    // files of the release that did verify are kept.
    if (verdict.files.length === 0) return Promise.resolve();
    const savedAt = now();
    const items: Record<string, unknown> = {};
    const kept = verdict.files.filter((f) => f.verdict.status !== 'unavailable' && f.sha256 !== '');
    for (const file of kept) items[artifactStorageKey(fileRef(verdict.pkg, file))] = { savedAt, verdict: file.verdict };
    const complete = kept.length === verdict.files.length;
    const indexKeys = requested === null ? [] : [requested, verdict.pkg].map(packageStorageKey);
    if (complete) {
      const files = verdict.files.map((f) => ({ filename: f.filename, digest: f.sha256 }));
      const index: PackageIndexEntry = { version: verdict.pkg.version, files, checkedAt: verdict.checkedAt, ...(freshUntil > savedAt ? { freshUntil } : {}) };
      for (const key of indexKeys) items[key] = { savedAt, index };
    }
    // Not checked in full, the release the registry lists now (another version, or more files):
    // an index of what it listed before must not answer for it later, offline.
    const plan = { savedAt, items, outdated: complete ? [] : indexKeys };
    pending.add(plan);
    return queue.write(plan);
  }

  function unfresh(pkg: PackageRef): Promise<void> {
    return serial(async () => {
      const ord = await loadOrder();
      const keys = [...ord.keys()].filter((key) => key.startsWith(prefix('pk')) && sameName(refOfKey(key.slice(prefix('pk').length)), pkg));
      if (keys.length === 0) return;
      // Read here, not through packageEntry: its drop() of a corrupted entry waits for this very queue.
      const stored = await storage.get(keys);
      const items: Record<string, unknown> = {};
      const corrupted: string[] = [];
      for (const key of keys) {
        if (stored[key] === undefined) continue;
        const entry = parseStoredPackage(stored[key]);
        if (!entry) corrupted.push(key);
        else if (entry.index.freshUntil !== undefined) {
          const { freshUntil: _withdrawn, ...index } = entry.index;
          items[key] = { savedAt: entry.savedAt, index };
        }
      }
      memory.changed();
      for (const key of corrupted) {
        ord.delete(key);
        memory.forget(key);
      }
      if (corrupted.length > 0) await storage.remove(corrupted);
      if (Object.keys(items).length > 0) await storage.set(items);
      for (const [key, item] of Object.entries(items)) memory.packages.set(key, item as PackageMemoEntry);
    });
  }

  function clear(): Promise<number> {
    return serial(async () => {
      const all = await storage.get(null);
      const keys = Object.keys(all).filter((k) => ENTRY_PREFIXES.some((p) => k.startsWith(p)));
      await storage.remove([...keys, ORDER_KEY]);
      order = new Map();
      memory.clear();
      return keys.filter((k) => k.startsWith('av|')).length;
    });
  }

  return { getArtifact, getPackage, store, storeArtifacts: (verdict) => store(null, verdict), unfresh, clear, version: options.trustVersion };
}

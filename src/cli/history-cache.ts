// `history`'s on-disk verdict cache: final artifact verdicts by digest and by the trust
// material they were decided under, in the audit's cache folder (<platform cache>/provenance-lens/
// audit/history-verdicts.json). The audit keeps whole-package records keyed by a lockfile's
// digests; a timeline needs file verdicts keyed by the registry's, hence a file of its own.
// "Couldn't check" is never kept; entries read back are re-validated like the worker's.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { embeddedTrustInput, type TrustInput } from '../core/index';
import { parseCachedVerdict } from '../background/cache-entry';
import { artifactKey, type ArtifactRef } from '../registries/adapter';
import { cacheableFiles, type HistoryVerdictCache } from '../registries/history/index';
import type { CommonOptions } from './args';
import { readInputBytes } from './read-input';

const FILE = 'history-verdicts.json';
const FORMAT = 1;
/** Bounds the file: a few hundred packages' whole histories. */
const MAX_ENTRIES = 100_000;
const MAX_FILE_BYTES = 64 * 1024 * 1024;
const KEY = /^[0-9a-f]{64}$/;

export interface HistoryDiskCache extends HistoryVerdictCache {
  /** Writes the file once, atomically; a cache that cannot be written costs only time. */
  save(): void;
}

/** Names the trust material verdicts were decided under: new material, new entries. */
export function trustIdOf(common: Pick<CommonOptions, 'trustedRootFile' | 'npmKeysFile'>, live: TrustInput | undefined): string {
  const hash = createHash('sha256');
  const { trustedRootFile, npmKeysFile } = common;
  if (trustedRootFile !== undefined || npmKeysFile !== undefined) {
    for (const file of [trustedRootFile, npmKeysFile]) hash.update(file === undefined ? '-' : readInputBytes(file, 'trust file'));
  } else {
    hash.update(JSON.stringify(live ?? embeddedTrustInput()));
  }
  return hash.digest('hex');
}

export function openHistoryCache(dir: string, trustId: string): HistoryDiskCache {
  const entries = load(dir);
  let changed = false;
  const keyOf = (ref: ArtifactRef) => createHash('sha256').update(JSON.stringify([FORMAT, trustId, artifactKey(ref)])).digest('hex');
  return {
    getArtifact(ref) {
      const key = keyOf(ref);
      const raw = entries.get(key);
      if (raw === undefined) return Promise.resolve(undefined);
      const verdict = parseCachedVerdict(raw);
      // Anything odd in a file others can write is dropped: the release is verified again.
      if (!verdict) entries.delete(key);
      return Promise.resolve(verdict ?? undefined);
    },
    storeArtifacts(verdict) {
      for (const { ref, verdict: v } of cacheableFiles(verdict)) {
        const key = keyOf(ref);
        entries.delete(key);
        entries.set(key, v);
        if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
        changed = true;
      }
      return Promise.resolve();
    },
    save() {
      if (!changed) return;
      try {
        mkdirSync(dir, { recursive: true });
        const temp = join(dir, `${FILE}.${process.pid}.tmp`);
        writeFileSync(temp, JSON.stringify({ format: FORMAT, entries: Object.fromEntries(entries) }));
        renameSync(temp, join(dir, FILE));
      } catch {
        // Unwritable cache folder: the next run verifies again, nothing else.
      }
    },
  };
}

function load(dir: string): Map<string, unknown> {
  try {
    const path = join(dir, FILE);
    if (statSync(path).size > MAX_FILE_BYTES) return new Map();
    const doc = JSON.parse(readFileSync(path, 'utf8')) as unknown;
    if (typeof doc !== 'object' || doc === null || !('format' in doc) || doc.format !== FORMAT || !('entries' in doc)) return new Map();
    const raw = doc.entries;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return new Map();
    return new Map(Object.entries(raw).filter(([key]) => KEY.test(key)));
  } catch {
    return new Map();
  }
}

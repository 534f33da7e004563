// `history`'s on-disk verdict cache: final artifact verdicts by digest and by the trust
// material they were decided under, in the audit's cache folder (<platform cache>/provenance-lens/
// audit/history-verdicts.json). The audit keeps whole-package records keyed by a lockfile's
// digests; a timeline needs file verdicts keyed by the registry's, hence a file of its own.
// "Couldn't check" is never kept; entries read back are re-validated like the worker's.
import { createHash } from 'node:crypto';
import { parseCachedVerdict } from '../background/cache-entry';
import { artifactKey, type ArtifactRef } from '../registries/adapter';
import { cacheableFiles, type HistoryVerdictCache } from '../registries/history/index';
import { openDiskMap } from './disk-map';

const FILE = 'history-verdicts.json';
const FORMAT = 1;
/** Bounds the file: a few hundred packages' whole histories. */
const MAX_ENTRIES = 100_000;

export interface HistoryDiskCache extends HistoryVerdictCache {
  /** Writes the file once, atomically; a cache that cannot be written costs only time. */
  save(): void;
}

export function openHistoryCache(dir: string, trustId: string): HistoryDiskCache {
  const entries = openDiskMap(dir, FILE, FORMAT, MAX_ENTRIES);
  const keyOf = (ref: ArtifactRef) => createHash('sha256').update(JSON.stringify([FORMAT, trustId, artifactKey(ref)])).digest('hex');
  return {
    getArtifact(ref) {
      // Anything odd in a file others can write is dropped: the release is verified again.
      return Promise.resolve(parseCachedVerdict(entries.get(keyOf(ref))) ?? undefined);
    },
    storeArtifacts(verdict) {
      for (const { ref, verdict: v } of cacheableFiles(verdict)) entries.set(keyOf(ref), v);
      return Promise.resolve();
    },
    save: () => entries.save(),
  };
}

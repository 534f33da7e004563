// The release timeline API for the worker and the CLI (issue 17): buildTimeline over a
// fetcher, verifiers and trust the caller owns, and the verdict cache it takes. Final verdicts
// by artifact digest make each release verified once: the worker backs the cache with its
// storage cache (background/cache.ts: VerdictCache has both methods, keyed by trust version),
// the CLI with a file next to the audit cache (cli/history-cache.ts); the in-memory one here
// serves tests, the bench and a caller without storage. "Couldn't check" is never kept: it
// describes the network, not the artifact.
import type { ArtifactVerdict, PackageVerdict } from '../../core/verdict';
import { BoundedMemo } from '../../core/crypto/bounded-memo';
import { artifactKey, fileRef, type ArtifactRef } from '../adapter';

export { buildTimeline, type Timeline, type TimelineDeps } from './build-timeline';
export { DEFAULT_REQUEST_BUDGET } from './request-budget';
export { ALL_RELEASES_UP_TO, NEWEST_ONE_BY_ONE } from '../../core/history/select';
export { eventNote, identityLabel } from '../../core/history/notes';
export type {
  CurrentPublisher,
  TimelineCoverage,
  TimelineEvent,
  TimelineRelease,
  TimelineStatus,
  TimelineSummary,
  Withdrawn,
} from '../../core/history/timeline-types';

export interface HistoryVerdictCache {
  getArtifact(ref: ArtifactRef): Promise<ArtifactVerdict | undefined>;
  /** Keeps every decided file verdict of a release; unavailable ones are left out. */
  storeArtifacts(verdict: PackageVerdict): Promise<void>;
}

/** The file verdicts of a release worth keeping, with their keys: decided, with a digest. */
export function cacheableFiles(verdict: PackageVerdict): { ref: ArtifactRef; verdict: ArtifactVerdict }[] {
  return verdict.files
    .filter((f) => f.verdict.status !== 'unavailable' && f.sha256 !== '')
    .map((f) => ({ ref: fileRef(verdict.pkg, f), verdict: f.verdict }));
}

/**
 * An in-memory cache for one set of trust material: whoever changes the trust material makes a
 * new one. Bounded; the least recently used verdicts go first.
 */
export function createMemoryVerdictCache(maxEntries = 20_000): HistoryVerdictCache {
  const memo = new BoundedMemo<ArtifactVerdict>(maxEntries);
  return {
    getArtifact: (ref) => Promise.resolve(memo.get(artifactKey(ref))),
    storeArtifacts(verdict) {
      for (const { ref, verdict: v } of cacheableFiles(verdict)) memo.set(artifactKey(ref), structuredClone(v));
      return Promise.resolve();
    },
  };
}

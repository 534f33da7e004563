// What the verdict cache (cache.ts) offers, and how it is set up: its one interface, apart from
// the storage code behind it.
import type { ArtifactVerdict, PackageRef, PackageVerdict } from '../core/verdict';
import type { ArtifactRef } from '../registries/adapter';

export interface CacheOptions {
  /** Changes whenever the verifier or its trust material does. */
  trustVersion: () => string;
  maxEntries?: number;
  now?: () => number;
  /** How long a verdict write waits for others to share its storage write (cache-writes.ts); default 0. */
  gatherWritesMs?: number;
  /** In-memory bounds; entries beyond them are read from storage again. */
  memory?: { packages?: number; artifacts?: number };
}

export interface CachedPackage {
  verdict: PackageVerdict;
  savedAt: number;
  /** Until when it may answer without asking the registry (0: never; see answer-freshness.ts). */
  freshUntil: number;
}

export interface VerdictCache {
  getArtifact(ref: ArtifactRef): Promise<ArtifactVerdict | undefined>;
  /** The package verdict rebuilt from cached file verdicts, or undefined. */
  getPackage(pkg: PackageRef): Promise<CachedPackage | undefined>;
  /**
   * Each file checked; the package index only when all were, else an older index goes.
   * `freshUntil`: until when the registry's documents it was decided from stay fresh.
   */
  store(requested: PackageRef, verdict: PackageVerdict, freshUntil?: number): Promise<void>;
  /**
   * File verdicts only, no package index: for a release looked at in part (continuity checks
   * one file of an earlier release), which must not later pass for the whole release.
   */
  storeArtifacts(verdict: PackageVerdict): Promise<void>;
  /**
   * Every release index kept for `pkg`'s name (any spelling, any version, and "latest") answers
   * no more without asking the registry: a retry has asked it anew, and an older index that still
   * looks fresh must not outlive what the retry found (a 404, a moved "latest", a new file).
   */
  unfresh(pkg: PackageRef): Promise<void>;
  /** Removes every entry; answers how many there were. */
  clear(): Promise<number>;
  /** The trust material version entries are kept under now (they never answer under another). */
  version?(): string;
}

// getVerdict: cache -> registries -> core, with one request per package at a time.
import type { TrustContext } from '../core/api';
import { ProvenanceError } from '../core/errors';
import type { PackageRef, PackageVerdict } from '../core/verdict';
import { packageKey } from '../core/verdict';
import type { Verifiers } from '../registries/adapter';
import { unavailableVerdict } from '../registries/combine';
import type { Fetcher } from '../registries/fetcher';
import { verifyPackage } from '../registries/verify-package';
import type { VerdictCache } from './cache';

export interface VerdictDeps {
  fetcher: Fetcher;
  verifiers: Verifiers;
  /** Lazily built; may throw ProvenanceError(TRUST_MATERIAL). */
  trust: () => TrustContext;
  cache: VerdictCache;
  now?: () => number;
  /** How long a cached "latest" page answer is used without asking the registry again. */
  latestTtlMs?: number;
}

export interface VerdictService {
  /** `fresh` skips cached verdicts (the popup's retry); the result is cached as usual. */
  getVerdict(pkg: PackageRef, options?: { fresh?: boolean }): Promise<PackageVerdict>;
}

export function createVerdictService(deps: VerdictDeps): VerdictService {
  const now = deps.now ?? (() => Date.now());
  const latestTtl = deps.latestTtlMs ?? 10 * 60_000;
  const inFlight = new Map<string, Promise<PackageVerdict>>();

  async function decide(pkg: PackageRef, fresh: boolean): Promise<PackageVerdict> {
    let trust: TrustContext;
    try {
      trust = deps.trust();
    } catch (error) {
      if (error instanceof ProvenanceError) return unavailableVerdict(pkg, error.code, error.message, now());
      throw error;
    }
    const cached = fresh ? undefined : await deps.cache.getPackage(pkg);
    // A pinned version's files never change; a "latest" page may point at a new release.
    if (cached && (pkg.version !== undefined || now() - cached.savedAt < latestTtl)) return cached.verdict;
    const known = fresh ? undefined : (ref: Parameters<VerdictCache['getArtifact']>[0]) => deps.cache.getArtifact(ref);
    const verdict = await verifyPackage(pkg, { fetcher: deps.fetcher, verifiers: deps.verifiers, trust, now, ...(known ? { known } : {}) });
    if (verdict.status === 'unavailable' && cached) return cached.verdict; // offline: the last answer beats none
    await deps.cache.store(pkg, verdict);
    return verdict;
  }

  return {
    getVerdict(pkg, options = {}) {
      const fresh = options.fresh === true;
      const key = `${fresh ? 'fresh' : 'any'}|${packageKey(pkg)}`;
      const running = inFlight.get(key);
      if (running) return running;
      const promise = decide(pkg, fresh).finally(() => inFlight.delete(key));
      inFlight.set(key, promise);
      return promise;
    },
  };
}

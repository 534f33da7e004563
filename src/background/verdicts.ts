// getVerdict: cache -> registries -> core, with one request per package at a time; then
// publisher continuity (a note) and the user's pin (checked on every answer, never cached).
import type { TrustContext } from '../core/api';
import { ProvenanceError } from '../core/errors';
import type { PackageRef, PackageVerdict } from '../core/verdict';
import { packageKey } from '../core/verdict';
import type { Verifiers } from '../registries/adapter';
import { unavailableVerdict } from '../registries/combine';
import type { Fetcher } from '../registries/fetcher';
import { verifyPackage } from '../registries/verify-package';
import type { VerdictCache } from './cache';
import type { ContinuityService } from './continuity-service';
import { applyPin } from './pin-check';
import type { PinStore } from './pins';

export interface VerdictDeps {
  fetcher: Fetcher;
  verifiers: Verifiers;
  /** Lazily built; may throw ProvenanceError(TRUST_MATERIAL). */
  trust: () => TrustContext;
  cache: VerdictCache;
  now?: () => number;
  /** How long a cached "latest" page answer is used without asking the registry again. */
  latestTtlMs?: number;
  /** Publisher continuity notes; without it verdicts carry none. */
  continuity?: ContinuityService;
  /** Pins and publisher history; without it no pin applies and nothing is recorded. */
  pins?: Pick<PinStore, 'get' | 'recordSeen'>;
  log?: (message: string, error: unknown) => void;
}

export interface VerdictService {
  /** `fresh` skips cached verdicts (the popup's retry); the result is cached as usual. */
  getVerdict(pkg: PackageRef, options?: { fresh?: boolean }): Promise<PackageVerdict>;
}

export function createVerdictService(deps: VerdictDeps): VerdictService {
  const now = deps.now ?? (() => Date.now());
  const latestTtl = deps.latestTtlMs ?? 10 * 60_000;
  const inFlight = new Map<string, Promise<PackageVerdict>>();

  async function decide(pkg: PackageRef, trust: TrustContext, fresh: boolean): Promise<{ verdict: PackageVerdict; decided: boolean }> {
    const cached = fresh ? undefined : await deps.cache.getPackage(pkg);
    // An npm version's one tarball never changes. A PyPI release can gain files after the fact
    // (a hijacker's extra wheel), and a "latest" page can point at a new release, so those are
    // asked again after a while; each file's verdict still comes from the digest cache.
    const immutable = pkg.registry === 'npm' && pkg.version !== undefined;
    if (cached && (immutable || now() - cached.savedAt < latestTtl)) return { verdict: cached.verdict, decided: false };
    const known = fresh ? undefined : (ref: Parameters<VerdictCache['getArtifact']>[0]) => deps.cache.getArtifact(ref);
    const verdict = await verifyPackage(pkg, { fetcher: deps.fetcher, verifiers: deps.verifiers, trust, now, ...(known ? { known } : {}) });
    if (verdict.status === 'unavailable' && cached) return { verdict: cached.verdict, decided: false }; // offline: the last answer beats none
    await deps.cache.store(pkg, verdict);
    return { verdict, decided: true };
  }

  async function record(verdict: PackageVerdict): Promise<void> {
    if (!deps.pins || (verdict.status !== 'verified' && verdict.status !== 'partial')) return;
    try {
      await deps.pins.recordSeen(verdict.pkg, verdict.pkg.version, verdict.identity);
    } catch (error) {
      deps.log?.('publisher history: not recorded', error); // history is a convenience, never a verdict
    }
  }

  async function answer(pkg: PackageRef, fresh: boolean): Promise<PackageVerdict> {
    let trust: TrustContext;
    try {
      trust = deps.trust();
    } catch (error) {
      if (error instanceof ProvenanceError) return unavailableVerdict(pkg, error.code, error.message, now());
      throw error;
    }
    const { verdict, decided } = await decide(pkg, trust, fresh);
    if (decided) await record(verdict);
    return deps.continuity ? deps.continuity.annotate(verdict, trust, { fresh }) : verdict;
  }

  async function pinned(verdict: PackageVerdict): Promise<PackageVerdict> {
    if (!deps.pins || verdict.pkg.version === '') return verdict;
    return applyPin(verdict, await deps.pins.get(verdict.pkg));
  }

  return {
    getVerdict(pkg, options = {}) {
      const fresh = options.fresh === true;
      const key = `${fresh ? 'fresh' : 'any'}|${packageKey(pkg)}`;
      let running = inFlight.get(key);
      if (!running) {
        running = answer(pkg, fresh).finally(() => inFlight.delete(key));
        inFlight.set(key, running);
      }
      // Outside the shared promise: a pin set while a check ran applies to its answer too.
      return running.then(pinned);
    },
  };
}

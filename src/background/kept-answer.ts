// Whether a cached answer stands without asking the registry, and the kept answer a search page
// is told as it loads (router: content/prepare, search-memory.ts): the answer an ask now would
// give from the cache, built from the very entry judged to stand (an answer joined after the
// check could read the registry), with the continuity note remembered for it and the pin.
import type { TrustContext } from '../core/api';
import type { PackageRef, PackageVerdict } from '../core/verdict';
import type { AskedAnew } from './asked-anew';
import type { VerdictCache } from './cache';
import type { CachedPackage } from './cache-types';
import type { ContinuityService } from './continuity-service';

export interface KeptAnswerDeps {
  cache: Pick<VerdictCache, 'getPackage'>;
  continuity?: ContinuityService;
  trust: () => TrustContext;
  trustLoaded?: () => Promise<void>;
  now: () => number;
  anew: AskedAnew;
  pinned: (verdict: PackageVerdict) => Promise<PackageVerdict>;
}

/** An npm version's one tarball never changes. */
const immutable = (pkg: PackageRef) => pkg.registry === 'npm' && pkg.version !== undefined;

export function createKeptAnswers(deps: KeptAnswerDeps) {
  /**
   * A PyPI release can gain files after the fact (a hijacker's extra wheel), and a "latest" page
   * can point at a new release, so those are asked again once the documents they were decided
   * from go stale by the registry's own Cache-Control (answer-freshness.ts), or a retry of the
   * name came since (asked-anew.ts); each file's verdict still comes from the digest cache.
   */
  function stands(pkg: PackageRef, cached: CachedPackage): boolean {
    return immutable(pkg) || (cached.freshUntil > 0 && deps.now() < cached.freshUntil && !deps.anew.predates(pkg, cached.savedAt));
  }

  /**
   * Nothing here reaches the registry: no answer when the note would need it, when a retry
   * decided the name anew meanwhile, or when the trust material cannot be had (an ask would say
   * so). `until`: when the registry's freshness of it ends (none: immutable).
   */
  async function kept(pkg: PackageRef): Promise<{ verdict: PackageVerdict; until?: number } | undefined> {
    const current = deps.anew.current(pkg);
    try {
      await deps.trustLoaded?.();
      deps.trust();
      const cached = await deps.cache.getPackage(pkg);
      if (cached === undefined || !stands(pkg, cached)) return undefined;
      const noted = deps.continuity ? await deps.continuity.remembered?.(cached.verdict) : cached.verdict;
      if (noted === undefined) return undefined;
      const verdict = await deps.pinned(noted);
      return current() ? { verdict, ...(immutable(pkg) ? {} : { until: cached.freshUntil }) } : undefined;
    } catch {
      return undefined;
    }
  }

  return { stands, kept };
}

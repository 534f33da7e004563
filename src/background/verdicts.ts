// getVerdict: cache -> registries -> core, with one request per package at a time; then
// publisher continuity (a note) and the user's pin (checked on every answer, never cached).
import type { TrustContext } from '../core/api';
import { ProvenanceError } from '../core/errors';
import type { PackageRef, PackageVerdict } from '../core/verdict';
import { packageKey } from '../core/verdict';
import type { Verifiers } from '../registries/adapter';
import { unavailableVerdict } from '../registries/combine';
import { isValidPackageRef, verifyPackage } from '../registries/verify-package';
import type { Fetcher } from '../registries/fetcher';
import type { VerdictCache } from './cache';
import type { ContinuityService } from './continuity-service';
import { trackFreshness, type TrackedFetcher } from './answer-freshness';
import { createAskedAnew } from './asked-anew';
import { createKeptAnswers } from './kept-answer';
import { sameName } from './page-match';
import { mayStandIn } from './stand-in';
import { normalizePypiName } from '../shared/package-names';
import { createPreparedAnswers } from './prepared-answers';
import { shareAnswers } from './shared-answers';
import { applyPin } from './pin-check';
import type { PinStore } from './pins';
import type { VerdictService } from './verdict-service-types';

export interface VerdictDeps {
  fetcher: Fetcher;
  verifiers: Verifiers;
  /** Lazily built; may throw ProvenanceError(TRUST_MATERIAL). */
  trust: () => TrustContext;
  /** Settles once the stored trust material is installed (live-trust.ts): the cache keys name it,
   * so a woken worker's first answer waits, not to miss its verdicts or build what it replaces. */
  trustLoaded?: () => Promise<void>;
  cache: VerdictCache;
  now?: () => number;
  /** Publisher continuity notes; without it verdicts carry none. */
  continuity?: ContinuityService;
  /** Pins and publisher history; without it no pin applies and nothing is recorded. */
  pins?: Pick<PinStore, 'get' | 'recordSeen'>;
  log?: (message: string, error: unknown) => void;
}

export type { VerdictOptions, VerdictService } from './verdict-service-types';

/**
 * How an answer may use what is kept: `any` takes a cached answer still fresh; `again` asks the
 * registry past every cache but keeps each file's verdict by digest; `fresh` (a retry) decides all anew.
 */
type Mode = 'any' | 'again' | 'fresh';

interface Decided {
  verdict: PackageVerdict;
  decided: boolean;
}

/** An answer being decided, and when its registry read started (a prepare may join one). */
interface Running {
  answer: Promise<PackageVerdict>;
  at: number;
  pkg: PackageRef;
}

/** A prepared answer's key: a PyPI name in its PEP 503 form, as a retry matches it. */
const preparedKey = (pkg: PackageRef): string => packageKey(pkg.registry === 'pypi' ? { ...pkg, name: normalizePypiName(pkg.name) } : pkg);

export function createVerdictService(deps: VerdictDeps): VerdictService {
  const now = deps.now ?? (() => Date.now());
  const inFlight = new Map<string, Running>();
  const anew = createAskedAnew(now);

  /** The registry is about to be asked anew about `pkg`'s name (asked-anew.ts); kept indexes say so too. */
  function askAnew(pkg: PackageRef): void {
    anew.mark(pkg);
    deps.cache.unfresh(pkg).catch((error: unknown) => deps.log?.('verdict cache: freshness not withdrawn', error));
  }
  const prepared = createPreparedAnswers<PackageVerdict>(now);

  /** `toRegistry`: called when the answer is not in the cache and the registry will be asked. */
  async function decide(pkg: PackageRef, trust: TrustContext, mode: Mode, reads: TrackedFetcher, toRegistry: () => void, current: () => boolean): Promise<Decided> {
    // Trust material installed while this was decided (a TUF refresh): not kept under the new one.
    const decidedUnder = deps.cache.version?.();
    const cached = mode === 'any' ? await deps.cache.getPackage(pkg) : undefined;
    if (cached && stands(pkg, cached)) return { verdict: cached.verdict, decided: false };
    const known = mode === 'fresh' ? undefined : (ref: Parameters<VerdictCache['getArtifact']>[0]) => deps.cache.getArtifact(ref);
    toRegistry();
    // Nothing known of the release (first visit, retry): PyPI's hints are asked beside its JSON.
    const hintsAhead = mode === 'fresh' || (mode === 'any' && cached === undefined);
    const verdict = await verifyPackage(pkg, { fetcher: reads.fetcher, verifiers: deps.verifiers, trust, now, hintsAhead, ...(known ? { known } : {}) });
    if (cached && mayStandIn(cached.verdict, verdict)) return { verdict: cached.verdict, decided: false };
    // The page's answer does not wait for the write (a storage round trip per package, in series
    // with every other write: 20 of them on a search page); until it lands, a revisit asks anew.
    // An answer read before the name was asked anew (a retry) keeps its files' verdicts only: its
    // release index must not overwrite the newer one.
    if (deps.cache.version?.() !== decidedUnder) return { verdict, decided: true };
    const write = current() ? deps.cache.store(pkg, verdict, reads.freshUntil()) : deps.cache.storeArtifacts(verdict);
    write.catch((error: unknown) => deps.log?.('verdict cache: not stored', error));
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

  async function answer(pkg: PackageRef, mode: Mode): Promise<PackageVerdict> {
    const current = anew.current(pkg);
    await deps.trustLoaded?.();
    let trust: TrustContext;
    try {
      trust = deps.trust();
    } catch (error) {
      if (error instanceof ProvenanceError) return unavailableVerdict(pkg, error.code, error.message, now());
      throw error;
    }
    // The verdict and its continuity note read some documents twice: one request each.
    const reads = trackFreshness(deps.fetcher, { revalidate: mode !== 'any' || anew.revalidating(pkg), now });
    const fetcher = shareAnswers(reads.fetcher);
    // `under`: the material the trust above is, which continuity's file verdicts are kept under.
    const under = deps.cache.version?.();
    const noteOptions = { fresh: mode === 'fresh', fetcher, ...(under === undefined ? {} : { under }) };
    // The note's earlier releases are looked up beside the verdict where they do not depend on it;
    // not for a cached answer, nor for a name or version no request may carry.
    const lookAhead = () => {
      if (isValidPackageRef(pkg)) deps.continuity?.anticipate(pkg, trust, noteOptions);
    };
    const { verdict, decided } = await decide(pkg, trust, mode, { ...reads, fetcher }, lookAhead, current);
    // The publisher history is a record, not part of the answer: the page does not wait for it.
    if (decided) void record(verdict);
    return deps.continuity ? deps.continuity.annotate(verdict, trust, noteOptions) : verdict;
  }

  async function pinned(verdict: PackageVerdict): Promise<PackageVerdict> {
    if (!deps.pins || verdict.pkg.version === '') return verdict;
    return applyPin(verdict, await deps.pins.get(verdict.pkg));
  }

  // What a search page is told as it loads (kept-answer.ts), and whether a cached answer stands.
  const { stands, kept: keptAnswer } = createKeptAnswers({ ...deps, now, anew, pinned });

  function shared(pkg: PackageRef, mode: Mode): { answer: Promise<PackageVerdict>; at: number } {
    const key = `${mode}|${packageKey(pkg)}`;
    let running = inFlight.get(key);
    if (!running) {
      if (mode !== 'any') askAnew(pkg);
      // Only its own entry: a retry may have let go of it (below) and a newer answer taken the key.
      const started: Running = {
        answer: answer(pkg, mode).finally(() => inFlight.get(key) === started && inFlight.delete(key)),
        at: now(),
        pkg,
      };
      running = started;
      inFlight.set(key, running);
    }
    return running;
  }

  return {
    getVerdict(pkg, options = {}) {
      const fresh = options.fresh === true;
      if (fresh) {
        // Decided anew: no answer prepared before it may stand in for it on any page of the name
        // (every version's key begins with the name's own, the "latest" key).
        const name = preparedKey({ registry: pkg.registry, name: pkg.name });
        prepared.drop((key) => key.startsWith(name));
        // Nor may an answer still running from before it, on the pages this retry's verdict lands
        // on and tells to ask again (tab-state.ts): the release's and the name's "latest" (any
        // release, for a retry of "latest"). Any spelling of the name; other releases keep theirs.
        for (const [key, running] of [...inFlight]) {
          const lands = pkg.version === undefined || running.pkg.version === undefined || running.pkg.version === pkg.version;
          if (key.startsWith('any|') && sameName(running.pkg, pkg) && lands) inFlight.delete(key);
        }
      }
      const mode: Mode = fresh ? 'fresh' : options.revalidate === true ? 'again' : 'any';
      const mine = mode !== 'any' || options.tabId === undefined ? undefined : prepared.take(options.tabId, preparedKey(pkg));
      // Outside the shared promise: a pin set while a check ran applies to its answer too.
      return (mine ?? shared(pkg, mode).answer).then(pinned);
    },
    kept: (pkg) => keptAnswer(pkg),
    prepare(pkg, tabId, by) {
      const key = preparedKey(pkg);
      // Told only if, once decided, it is still this tab's prepared answer and no retry came since.
      const current = anew.current(pkg);
      const early = (answer: Promise<PackageVerdict> | undefined): Promise<PackageVerdict | undefined> =>
        answer === undefined
          ? Promise.resolve(undefined)
          : answer.then((v) => (current() && prepared.peek(tabId, key) === answer ? pinned(v) : undefined)).catch(() => undefined);
      if (!prepared.wants(tabId, key, by)) return early(prepared.peek(tabId, key));
      // Joining an answer already running: its registry read started then, not now.
      const { answer, at } = shared(pkg, 'any');
      // A failure is the page's own ask's to report; unasked, it must not go unhandled.
      answer.catch(() => undefined);
      prepared.keep(tabId, key, at, answer, by);
      return early(answer);
    },
  };
}

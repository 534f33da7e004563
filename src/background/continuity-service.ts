// Publisher continuity in the worker: attaches a note to a decided verdict when the release
// before it was signed by another publisher, or had provenance this one lacks. Earlier releases'
// file verdicts go to the artifact cache like any other; the answer per version is memoised
// for a while, in storage.session too (continuity-memo.ts), so a revisit costs no request, in a
// worker woken since as well. A failure here never touches the verdict itself.
import type { TrustContext } from '../core/api';
import type { PackageRef, PackageVerdict } from '../core/verdict';
import { packageKey } from '../core/verdict';
import { continuityKey } from '../core/continuity';
import type { Verifiers } from '../registries/adapter';
import { comparableIdentity, continuityFor, startEarlierReleases, type StartedEarlier } from '../registries/continuity';
import type { Fetcher } from '../registries/fetcher';
import type { VerdictCache } from './cache';
import { createContinuityMemo, type MemoEntry } from './continuity-memo';
import { sameName, sameRelease } from './page-match';
import { storesUnder } from './stores-under';
import type { StorageArea } from './storage-area';

export interface ContinuityDeps {
  fetcher: Fetcher;
  verifiers: Verifiers;
  cache: Pick<VerdictCache, 'getArtifact' | 'storeArtifacts' | 'version'>;
  now?: () => number;
  /** How long an answer is reused; a new release of the package only matters for its own page. */
  ttlMs?: number;
  maxMemo?: number;
  /** storage.session: the notes outlive the worker's idle stops (continuity-memo.ts). */
  session?: StorageArea;
  log?: (message: string, error: unknown) => void;
}

export interface ContinuityService {
  /** The verdict with `continuity` set when something changed; otherwise the verdict as is. */
  annotate(verdict: PackageVerdict, trust: TrustContext, options?: AnnotateOptions): Promise<PackageVerdict>;
  /**
   * Called as `pkg`'s verdict starts, with that verdict's own fetcher: when its note will have to
   * be worked out (nothing recent remembered for the release, or a retry), starts finding and
   * verifying the earlier releases now, beside the verdict (a page that names its version, or a
   * PyPI "latest" page); `annotate` with the same fetcher then uses that work where it fits.
   */
  anticipate(pkg: PackageRef, trust: TrustContext, options: AheadOptions): void;
  /**
   * The verdict as `annotate` would give it from what is remembered alone (no note needed, or a
   * recent one kept); undefined when annotate would have to ask the registry.
   */
  remembered?(verdict: PackageVerdict): Promise<PackageVerdict | undefined>;
  /** Forgets every note worked out (the user's "clear cache"): each is worked out anew. */
  forget?(): Promise<void>;
}

export interface AnnotateOptions {
  fresh?: boolean;
  /** The verdict's own fetcher (shared-answers.ts): documents it just read cost no request. */
  fetcher?: Fetcher;
  /** The trust material's version as its trust was taken: file verdicts are kept only under it (stores-under.ts). */
  under?: string;
}

type AheadOptions = Required<Pick<AnnotateOptions, 'fresh' | 'fetcher'>> & Pick<AnnotateOptions, 'under'>;

/** The memo key: the version and the identity it is compared as (a retry may change it). */
function memoKey(verdict: PackageVerdict): string {
  const id = comparableIdentity(verdict);
  // Every field a note compares: another signer of the same version is another note.
  const who = id ? continuityKey(id) : 'none';
  return `${packageKey(verdict.pkg)}#${who}`;
}

export function createContinuityService(deps: ContinuityDeps): ContinuityService {
  const now = deps.now ?? (() => Date.now());
  const ttl = deps.ttlMs ?? 30 * 60_000;
  const maxMemo = deps.maxMemo ?? 256;
  const memo = createContinuityMemo({ maxEntries: maxMemo, now, ...(deps.session ? { storage: deps.session } : {}), ...(deps.log ? { log: deps.log } : {}) });
  // Keyed by the verdict's own fetcher (one per verdict): work started for that verdict only.
  const started = new WeakMap<Fetcher, { pkg: PackageRef; work: StartedEarlier; mark: number }>();
  const known = (ref: Parameters<VerdictCache['getArtifact']>[0]) => deps.cache.getArtifact(ref);

  function remember(key: string, note: MemoEntry['note'], pkg: PackageRef, mark: number): void {
    memo.set(key, { note, at: now(), pkg }, mark);
  }

  const withNote = (verdict: PackageVerdict, note: MemoEntry['note']): PackageVerdict => (note ? { ...verdict, continuity: note } : verdict);

  async function annotate(verdict: PackageVerdict, trust: TrustContext, options: AnnotateOptions = {}): Promise<PackageVerdict> {
    const mark = memo.mark();
    await memo.loaded();
    if (comparableIdentity(verdict) === undefined) {
      // Red or grey gets no note; remembered so a revisit does not look ahead for one each time.
      if (verdict.pkg.version !== '') remember(`${packageKey(verdict.pkg)}#no-note`, undefined, verdict.pkg, mark);
      return verdict;
    }
    const key = memoKey(verdict);
    const hit = memo.get(key);
    if (hit && !options.fresh && now() - hit.at < ttl) return withNote(verdict, hit.note);
    try {
      const ahead = options.fetcher === undefined ? undefined : started.get(options.fetcher);
      const fits = ahead !== undefined && sameName(ahead.pkg, verdict.pkg) && ahead.work.fits(verdict);
      const found = await continuityFor(verdict, { fetcher: options.fetcher ?? deps.fetcher, verifiers: deps.verifiers, trust, now, known }, fits ? ahead.work.earlier : undefined);
      // Could not judge now (a listing unreadable): the last note for this release and publisher,
      // however old, beats none (an outage must not drop a "publisher changed"); nothing new remembered.
      if (!found) return hit ? withNote(verdict, hit.note) : verdict;
      // Not awaited, as the verdict's own write (verdicts.ts): the note does not wait for storage.
      const store = storesUnder(deps.cache, deps.cache.version, options.under);
      for (const checked of found.checked) store.storeArtifacts(checked).catch((error: unknown) => deps.log?.('continuity: not stored', error));
      // Work started beside the verdict read its releases then: as old as that.
      remember(key, found.note, verdict.pkg, fits ? ahead.mark : mark);
      return withNote(verdict, found.note);
    } catch (error) {
      deps.log?.('continuity: check failed', error);
      return hit ? withNote(verdict, hit.note) : verdict;
    }
  }

  function anticipate(pkg: PackageRef, trust: TrustContext, options: AheadOptions): void {
    // The memo is keyed by the identity the verdict will have; any recent note for the release
    // means a revisit, whose note (almost always) comes from there without a request.
    const remembered = (release: PackageRef) =>
      !options.fresh && release.version !== undefined && [...memo.entries()].some((m) => now() - m.at < ttl && sameRelease(m.pkg, release));
    if (remembered(pkg)) return;
    const mark = memo.mark();
    const work = startEarlierReleases(pkg, { fetcher: options.fetcher, verifiers: deps.verifiers, trust, now, known }, remembered);
    if (work === null) return;
    // Its failure is annotate's to handle (no note); unawaited (an invalid verdict), it must not go unhandled.
    work.earlier.catch(() => undefined);
    started.set(options.fetcher, { pkg, work, mark });
  }

  async function rememberedNote(verdict: PackageVerdict): Promise<PackageVerdict | undefined> {
    if (comparableIdentity(verdict) === undefined) return verdict;
    await memo.loaded();
    const hit = memo.get(memoKey(verdict));
    return hit && now() - hit.at < ttl ? withNote(verdict, hit.note) : undefined;
  }

  return { annotate, anticipate, remembered: rememberedNote, forget: () => memo.clear() };
}

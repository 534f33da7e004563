// Publisher continuity in the worker: attaches a note to a decided verdict when the release
// before it was signed by another publisher, or had provenance this one lacks. Earlier releases'
// file verdicts go to the artifact cache like any other; the answer per version is memoised
// for a while, so a revisit costs no request. A failure here never touches the verdict itself.
import type { TrustContext } from '../core/api';
import type { PackageVerdict } from '../core/verdict';
import { packageKey } from '../core/verdict';
import type { Verifiers } from '../registries/adapter';
import { comparableIdentity, continuityFor } from '../registries/continuity';
import type { Fetcher } from '../registries/fetcher';
import type { VerdictCache } from './cache';

export interface ContinuityDeps {
  fetcher: Fetcher;
  verifiers: Verifiers;
  cache: Pick<VerdictCache, 'getArtifact' | 'storeArtifacts'>;
  now?: () => number;
  /** How long an answer is reused; a new release of the package only matters for its own page. */
  ttlMs?: number;
  maxMemo?: number;
  log?: (message: string, error: unknown) => void;
}

export interface ContinuityService {
  /** The verdict with `continuity` set when something changed; otherwise the verdict as is. */
  annotate(verdict: PackageVerdict, trust: TrustContext, options?: AnnotateOptions): Promise<PackageVerdict>;
}

export interface AnnotateOptions {
  fresh?: boolean;
  /** The verdict's own fetcher (shared-answers.ts): documents it just read cost no request. */
  fetcher?: Fetcher;
}

type Memo = { note: PackageVerdict['continuity']; at: number };

/** The memo key: the version and the identity it is compared as (a retry may change it). */
function memoKey(verdict: PackageVerdict): string {
  const id = comparableIdentity(verdict);
  const who = id ? [id.issuer, id.repositoryId ?? '', id.repository ?? '', id.workflowPath ?? ''].join('|') : 'none';
  return `${packageKey(verdict.pkg)}#${who}`;
}

export function createContinuityService(deps: ContinuityDeps): ContinuityService {
  const now = deps.now ?? (() => Date.now());
  const ttl = deps.ttlMs ?? 30 * 60_000;
  const maxMemo = deps.maxMemo ?? 256;
  const memo = new Map<string, Memo>();

  function remember(key: string, note: Memo['note']): void {
    memo.delete(key);
    memo.set(key, { note, at: now() });
    // Map order is insertion order: the first key is the oldest answer.
    if (memo.size > maxMemo) memo.delete(memo.keys().next().value as string);
  }

  const withNote = (verdict: PackageVerdict, note: Memo['note']): PackageVerdict => (note ? { ...verdict, continuity: note } : verdict);

  async function annotate(verdict: PackageVerdict, trust: TrustContext, options: AnnotateOptions = {}): Promise<PackageVerdict> {
    if (comparableIdentity(verdict) === undefined) return verdict;
    const key = memoKey(verdict);
    const hit = memo.get(key);
    if (hit && !options.fresh && now() - hit.at < ttl) return withNote(verdict, hit.note);
    try {
      const known = (ref: Parameters<VerdictCache['getArtifact']>[0]) => deps.cache.getArtifact(ref);
      const found = await continuityFor(verdict, { fetcher: options.fetcher ?? deps.fetcher, verifiers: deps.verifiers, trust, now, known });
      if (!found) return verdict; // could not judge: no note, and nothing remembered
      for (const checked of found.checked) await deps.cache.storeArtifacts(checked);
      remember(key, found.note);
      return withNote(verdict, found.note);
    } catch (error) {
      deps.log?.('continuity: check failed', error);
      return verdict;
    }
  }

  return { annotate };
}

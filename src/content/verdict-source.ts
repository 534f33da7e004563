// One package's verdict as the page's badges see it: asked of the worker once, shared by the
// title badge, the file badges and the details panel, and asked again on retry.
import type { PackageRef, PackageVerdict } from '../core/verdict';
import type { Outcome } from '../ui/worker-client';
import type { DisplayState } from '../ui/display-state';

export interface VerdictSource {
  current(): DisplayState;
  /** Calls `listener` now and on every change; returns the unsubscribe function. */
  subscribe(listener: (state: DisplayState) => void): () => void;
  /**
   * Asks again. `whole` (the details panel): this and every later ask is for the whole verdict,
   * where the one shown is abridged (a search result's: abridged-verdict.ts).
   */
  retry(whole?: true): void;
  dispose(): void;
}

// A cached verdict comes back within a few milliseconds. Drawing every badge as "checking" and
// then again with the answer would render the page's badges twice (121 on a 60-file release),
// so the first "checking" waits this long for the answer; a slow answer shows it as before.
export const QUIET_LOADING_MS = 40;

/** Asks the worker for one package's verdict. */
export type LoadVerdict = (pkg: PackageRef) => Promise<Outcome<PackageVerdict>>;

/**
 * `early`: a verdict to show from the start (early-verdict.ts); the worker is asked all the same.
 * `loadWhole`: how to ask for a whole verdict where `loadVerdict` answers abridged ones.
 */
export function createVerdictSource(pkg: PackageRef, loadVerdict: LoadVerdict, early?: PackageVerdict, loadWhole: LoadVerdict = loadVerdict): VerdictSource {
  let state: DisplayState = early === undefined ? { kind: 'loading', pkg } : { kind: 'verdict', pkg, verdict: early };
  let request = 0;
  let disposed = false;
  const listeners = new Set<(state: DisplayState) => void>();
  let quiet = early === undefined;
  let whole = false;
  const emit = () => {
    for (const listener of [...listeners]) listener(state);
  };
  const quietTimer = setTimeout(() => {
    if (!quiet) return;
    quiet = false;
    if (!disposed) emit();
  }, QUIET_LOADING_MS);

  const set = (next: DisplayState) => {
    state = next;
    if (next.kind !== 'loading') {
      quiet = false;
      clearTimeout(quietTimer);
    }
    if (!quiet) emit();
  };

  const load = async (showing = false) => {
    // Only the newest request may write: a slow first answer must not overwrite a retry's.
    const mine = ++request;
    if (!showing) set({ kind: 'loading', pkg });
    const reply = await (whole ? loadWhole : loadVerdict)(pkg);
    if (disposed || mine !== request) return;
    set(
      reply.ok
        ? { kind: 'verdict', pkg, verdict: reply.value }
        : { kind: 'failed', pkg, code: reply.code, message: reply.message },
    );
  };

  void load(early !== undefined);

  return {
    current: () => state,
    subscribe(listener) {
      listeners.add(listener);
      if (!quiet) listener(state);
      return () => listeners.delete(listener);
    },
    retry(asWhole) {
      if (disposed) return;
      if (asWhole) whole = true;
      // An abridged verdict asked for whole stays on the badge meanwhile; any other retry shows
      // that it is checking.
      void load(state.kind === 'verdict' && state.verdict.abridged === true);
    },
    dispose() {
      disposed = true;
      clearTimeout(quietTimer);
      listeners.clear();
    },
  };
}

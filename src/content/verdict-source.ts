// One package's verdict as the page's badges see it: asked of the worker once, shared by the
// title badge, the file badges and the details panel, and asked again on retry.
import type { PackageRef } from '../core/verdict';
import type { Ask } from '../ui/worker-client';
import type { DisplayState } from '../ui/display-state';

export interface VerdictSource {
  current(): DisplayState;
  /** Calls `listener` now and on every change; returns the unsubscribe function. */
  subscribe(listener: (state: DisplayState) => void): () => void;
  retry(): void;
  dispose(): void;
}

export function createVerdictSource(
  pkg: PackageRef,
  type: 'content/verdict' | 'content/search-verdict',
  ask: Ask,
): VerdictSource {
  let state: DisplayState = { kind: 'loading', pkg };
  let request = 0;
  let disposed = false;
  const listeners = new Set<(state: DisplayState) => void>();

  const set = (next: DisplayState) => {
    state = next;
    for (const listener of [...listeners]) listener(next);
  };

  const load = async () => {
    // Only the newest request may write: a slow first answer must not overwrite a retry's.
    const mine = ++request;
    set({ kind: 'loading', pkg });
    const reply = await ask({ type, pkg });
    if (disposed || mine !== request) return;
    set(
      reply.ok
        ? { kind: 'verdict', pkg, verdict: reply.value }
        : { kind: 'failed', pkg, code: reply.code, message: reply.message },
    );
  };

  void load();

  return {
    current: () => state,
    subscribe(listener) {
      listeners.add(listener);
      listener(state);
      return () => listeners.delete(listener);
    },
    retry() {
      if (!disposed) void load();
    },
    dispose() {
      disposed = true;
      listeners.clear();
    },
  };
}

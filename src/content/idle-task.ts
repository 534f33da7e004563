// One pending piece of work for the browser's next idle moment; scheduling again replaces it,
// so only the newest state is ever drawn. Runs within IDLE_DEADLINE_MS even on a busy page.
export const IDLE_DEADLINE_MS = 250;

export interface IdleTask {
  run(work: () => void): void;
  cancel(): void;
}

export function idleTask(): IdleTask {
  let pending: (() => void) | null = null;
  let handle = 0;
  return {
    run(work) {
      if (pending === null) {
        handle = requestIdleCallback(
          () => {
            const next = pending;
            pending = null;
            next?.();
          },
          { timeout: IDLE_DEADLINE_MS },
        );
      }
      pending = work;
    },
    cancel() {
      if (pending !== null) cancelIdleCallback(handle);
      pending = null;
    },
  };
}

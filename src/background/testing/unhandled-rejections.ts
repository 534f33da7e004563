// Unhandled promise rejections seen during each test of the file that calls this at its top: an
// MV3 worker reports one as an uncaught error, so tests of background work assert there is none.
import { afterEach, beforeEach } from 'vitest';

/** The rejections no handler took in the current test; emptied before each test. */
export function unhandledRejections(): unknown[] {
  const seen: unknown[] = [];
  const note = (reason: unknown) => void seen.push(reason);
  beforeEach(() => {
    seen.length = 0;
    process.on('unhandledRejection', note);
  });
  afterEach(() => void process.off('unhandledRejection', note));
  return seen;
}

/** A few real event-loop turns, in which Node reports unhandled rejections (fake timers leave setImmediate real). */
export async function settleRejections(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
}

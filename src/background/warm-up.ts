// After a browser start the worker's first verification runs in code V8 has not compiled yet:
// about 100 ms of a CPU profile of the first badge after a restart. Verifying one recorded real
// provenance (the demo set's sampleproject sdist) while the first page's registry answers are on
// their way moves that cost off the badge's path. Not before they are asked for: the page's
// request, queued while the worker started, waited behind it (warmUpAfterFirstRequest). Its verdict is
// not kept anywhere; only the signature memo (an exact-question cache) remembers its checks.
// Once per browser session: the worker is stopped when idle and started again for the next
// event, often a revisit answered from the cache, which must not wait behind this.
import type { TrustContext } from '../core/api';
import type { Verifiers } from '../registries/adapter';
import type { StorageArea } from './storage-area';
import recorded from '../../demo/recorded/pypi/sampleproject/sampleproject-4.0.0.tar.gz.provenance?raw';

const FILE = { filename: 'sampleproject-4.0.0.tar.gz', sha256: '0ace7980f82c5815ede4cd7bf9f6693684cec2ae47b9b7ade9add533b8627c6b' };

/** Runs one verification for its side effect on the JIT; never rejects. */
export async function warmVerification(verifiers: Verifiers, trust: () => TrustContext): Promise<void> {
  try {
    await verifiers.verifyPypiProvenance(JSON.parse(recorded) as unknown, FILE, trust());
  } catch {
    // Nothing depends on it: the first real verification compiles the code itself.
  }
}

/** storage.session outlives the worker's idle stops and ends with the browser session. */
const WARMED_KEY = 'warmed-up';

/**
 * The start-up verification, in the first worker of a browser session only (none without
 * storage.session: nothing tells a first start from a later one). Never rejects.
 */
export async function warmOncePerSession(session: StorageArea | undefined, verifiers: Verifiers, trust: () => TrustContext): Promise<void> {
  try {
    if (session === undefined || (await session.get(WARMED_KEY))[WARMED_KEY] === true) return;
    await session.set({ [WARMED_KEY]: true });
  } catch {
    return;
  }
  await warmVerification(verifiers, trust);
}

/** Starts the warm-up (`warm`) once; `requested` is told of each registry request sent. */
export interface WarmUpTrigger {
  requested(): void;
}

/**
 * Starts `warm` once: in the task after the worker's first registry request is sent, so that the
 * request is on the network while the code compiles, or after `fallbackMs` when none is (a
 * revisit answered from the cache, a popup). What it saves is at most a round trip: paired first
 * visits after install (8 launches each), with the worker's requests 60 ms away, 0.86x and 0.95x;
 * on the loopback fixture server no difference (1.05x, within its noise).
 */
export function warmUpAfterFirstRequest(warm: () => void, fallbackMs: number): WarmUpTrigger {
  let started = false;
  const fallback = setTimeout(() => {
    if (started) return;
    started = true;
    warm();
  }, fallbackMs);
  return {
    requested() {
      if (started) return;
      started = true;
      clearTimeout(fallback);
      // Not in the task that sent the request: that task hands it to the network first.
      setTimeout(warm, 0);
    },
  };
}

/** The worker fetcher's `fetch`: tells `trigger` of each request once `send` has sent it. */
export function fetchTelling(trigger: WarmUpTrigger, send: typeof fetch = (input, init) => fetch(input, init)): typeof fetch {
  return (input, init) => {
    const sent = send(input, init);
    trigger.requested();
    return sent;
  };
}

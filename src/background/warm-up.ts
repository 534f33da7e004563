// After a browser start the worker's first verification runs in code V8 has not compiled yet:
// about 100 ms of a CPU profile of the first badge after a restart. Verifying one recorded real
// provenance (the demo set's sampleproject sdist) while the first page's registry answers are on
// their way moves that cost off the badge's path. Not ahead of a page's request queued while
// the worker started, which waited behind it (warmUpTrigger). Its verdict is
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

/** Starts the warm-up once, told of what the worker is asked and what it sends. */
export interface WarmUpTrigger {
  /** An event came that may need the registry (a page's message, a tab's new URL). */
  asked(): void;
  /** A registry request was sent. */
  requested(): void;
}

export interface WarmUpTiming {
  /** A worker asked nothing by then warms up at once: what it is asked next finds the code compiled. */
  quietMs: number;
  /** Once asked, how long to wait for the first registry request (none: a cached answer). */
  askedWaitMs: number;
}

/**
 * Starts `warm` (synchronous, tens of milliseconds of a cold worker's thread) once, where it
 * costs a page least. A worker started ahead of any page (a browser start, where it comes up before the
 * first tab's page) warms up at once, before the page asks. A worker started by a page's event
 * (a first visit after install, a wake after the idle stop) has that event queued: the warm-up
 * waits for its first registry request and runs in the task after, while the request is on the
 * network, instead of holding the request back behind it. Against a warm-up at once in every
 * worker, paired first visits (8 launches each) with the worker's requests 60 ms away: after
 * install 0.91x in two runs, after a browser restart 0.89x; on the loopback fixture server,
 * where a round trip is a few milliseconds, 0.97x and 1.01x (within its noise).
 */
export function warmUpTrigger(warm: () => void, timing: WarmUpTiming): WarmUpTrigger {
  let started = false;
  let waiting = false;
  const start = () => {
    if (started) return;
    started = true;
    clearTimeout(timer);
    warm();
  };
  let timer = setTimeout(start, timing.quietMs);
  return {
    asked() {
      if (started || waiting) return;
      // Once: a stream of cached answers does not put it off again and again.
      waiting = true;
      clearTimeout(timer);
      timer = setTimeout(start, timing.askedWaitMs);
    },
    requested() {
      if (started) return;
      started = true;
      clearTimeout(timer);
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

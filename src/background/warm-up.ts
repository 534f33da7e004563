// After a browser start the worker's first verification runs in code V8 has not compiled yet:
// about 100 ms of a CPU profile of the first badge after a restart. Verifying one recorded real
// provenance (the demo set's sampleproject sdist) as the worker starts, while the first page's
// registry answers are still on their way, moves that cost off the badge's path. Its verdict is
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

// The worker's trust material: the embedded production snapshot, parsed once on first use
// (parsing builds a verifier; a worker that only answers settings never pays for it).
import { embeddedTrustContext, type TrustContext } from '../core/index';

/**
 * Bumped when verification logic changes what a verdict means, so cached verdicts decided
 * by an older verifier are not reused.
 */
export const VERIFIER_VERSION = 1;

let context: TrustContext | undefined;

export function workerTrust(): TrustContext {
  context ??= embeddedTrustContext();
  return context;
}

/** Part of every cache key: the verifier version and the trust snapshot's date. */
export function trustVersion(): string {
  return `${VERIFIER_VERSION}@${workerTrust().trustedRootDate}`;
}

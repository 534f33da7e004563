// The worker's trust material: the embedded production snapshot, parsed once on first use
// (parsing builds a verifier; a worker that only answers settings never pays for it).
import { createTrustContext, embeddedTrustContext, embeddedTrustInput, type TrustContext } from '../core/index';
import { mergeTrustOverlay, type TrustMaterial } from './trust-overlay';

/**
 * Bumped when verification logic changes what a verdict means, so cached verdicts decided
 * by an older verifier are not reused.
 */
export const VERIFIER_VERSION = 2;

let context: TrustContext | undefined;

/** The e2e build's overlay, or null; unit tests and production builds never define it. */
function buildOverlay(): TrustMaterial | null {
  return typeof __PROVENANCE_LENS_TRUST_OVERLAY__ !== 'undefined' ? __PROVENANCE_LENS_TRUST_OVERLAY__ : null;
}

/** Production trust, plus the overlay's authorities and keys when the build defines one. */
export function trustContextFor(overlay: TrustMaterial | null): TrustContext {
  if (overlay === null) return embeddedTrustContext();
  return createTrustContext(mergeTrustOverlay(embeddedTrustInput(), overlay));
}

export function workerTrust(): TrustContext {
  context ??= trustContextFor(buildOverlay());
  return context;
}

/** Part of every cache key: the verifier version and the trust snapshot's date. */
export function trustVersion(): string {
  return `${VERIFIER_VERSION}@${workerTrust().trustedRootDate}`;
}

// The worker's trust material: the embedded production snapshot until a TUF refresh
// (tuf/live-trust.ts) installs newer verified material; parsed once per material, on first use
// (parsing builds a verifier; a worker that only answers settings never pays for it).
import { createTrustContext, embeddedTrustContext, embeddedTrustInput, type TrustContext } from '../core/index';
import { mergeTrustOverlay, type TrustMaterial } from './trust-overlay';

/**
 * Bumped when verification logic changes what a verdict means, so cached verdicts decided
 * by an older verifier are not reused.
 */
export const VERIFIER_VERSION = 2;

/** Verified material from a TUF refresh: its content, when it was verified, and a content id. */
export interface InstalledTrust extends TrustMaterial {
  /** ISO time the TUF refresh verified it: the trust-gap rule's date. */
  materialDate: string;
  /** Names the content (the targets' TUF sha256s): part of every cache key. */
  id: string;
}

let installed: InstalledTrust | undefined;
let context: TrustContext | undefined;

/** The e2e build's overlay, or null; unit tests and production builds never define it. */
function buildOverlay(): TrustMaterial | null {
  return typeof __PROVENANCE_LENS_TRUST_OVERLAY__ !== 'undefined' ? __PROVENANCE_LENS_TRUST_OVERLAY__ : null;
}

/** `material` (default: the embedded snapshot), plus the overlay's authorities and keys when the build defines one. */
export function trustContextFor(overlay: TrustMaterial | null, material: InstalledTrust | undefined = undefined): TrustContext {
  if (overlay === null && material === undefined) return embeddedTrustContext();
  const base = material ?? embeddedTrustInput();
  const merged = overlay === null ? base : mergeTrustOverlay(base, overlay);
  return createTrustContext({ ...merged, materialDate: base.materialDate });
}

export function workerTrust(): TrustContext {
  context ??= trustContextFor(buildOverlay(), installed);
  return context;
}

/**
 * Makes `material` the worker's trust from the next verdict on. It is parsed first: material
 * that does not make a trust context throws here and the current one stays.
 */
export function installWorkerTrust(material: InstalledTrust): void {
  const next = trustContextFor(buildOverlay(), material);
  installed = material;
  context = next;
}

/**
 * Part of every cache key: the verifier version and the material's content. Refreshed material
 * with other content gets new keys, so verdicts are decided again under it; the same content
 * verified again keeps them (its newer date only narrows "couldn't check", which is never cached).
 */
export function trustVersion(): string {
  return installed ? `${VERIFIER_VERSION}@tuf-${installed.id}` : `${VERIFIER_VERSION}@${workerTrust().trustedRootDate}`;
}

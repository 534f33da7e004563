// The user's pin for a package: the whole identity they chose to trust, compared with each
// verified release. Every field the pin holds must match; what the pin leaves out (a pin made
// by an older version has no ids, no builder) is not held against a release, with one
// exception: the builder, see matchesPin.
import type { IdentityPin } from './api';
import type { SignerIdentity } from './verdict';
import { builderWithoutRef, foldWorkflowUri } from './workflow-uri';

export function pinFromIdentity(identity: SignerIdentity): IdentityPin | null {
  const { issuer } = identity;
  // A Google publisher is its service account; it has no repository or workflow.
  if (identity.forge === 'google') return identity.email ? { issuer, email: identity.email } : null;
  if (!identity.repository) return null;
  const pin: IdentityPin = { issuer, repository: identity.repository };
  if (identity.workflowPath !== undefined) pin.workflowPath = identity.workflowPath;
  // The ids tell a repository deleted and re-created under the same name by someone else.
  if (identity.repositoryId !== undefined) pin.repositoryId = identity.repositoryId;
  if (identity.ownerId !== undefined) pin.ownerId = identity.ownerId;
  // Without its ref: a pinned builder may be bumped v1.9 -> v1.10 and stay pinned.
  if (identity.builder) pin.builder = builderWithoutRef(identity.builder);
  return pin;
}

/**
 * Whether a verified identity satisfies the user's pin. The name, ids and workflow are each
 * compared when the pin has them; a renamed or transferred repository therefore no longer
 * matches (the user pinned the name they saw, and re-pins after looking).
 *
 * The builder is compared both ways. A pin without one was made on a release the caller's own
 * workflow built, and a later release built by someone else's reusable workflow is another
 * party putting bits into the package: it does not match. A reusable workflow of the pinned
 * repository itself still matches: the same people control it. (A pin made on a build by
 * another repository's workflow, by a version that did not record builders, fails the same
 * way, once; re-pinning records the builder.)
 */
export function matchesPin(identity: SignerIdentity, pin: IdentityPin): boolean {
  if (identity.issuer !== pin.issuer) return false;
  // A pin naming neither account nor repository would trust everyone of that issuer.
  if (pin.email === undefined && pin.repository === undefined) return false;
  if (pin.email !== undefined && identity.email !== pin.email) return false;
  if (pin.repository !== undefined && !sameRepository(identity, identity.repository, pin.repository)) return false;
  if (pin.workflowPath !== undefined && identity.workflowPath !== pin.workflowPath) return false;
  if (pin.repositoryId !== undefined && identity.repositoryId !== pin.repositoryId) return false;
  if (pin.ownerId !== undefined && identity.ownerId !== pin.ownerId) return false;
  const builder = identity.builder;
  if (pin.builder !== undefined) return builder !== undefined && foldWorkflowUri(builderWithoutRef(builder)) === foldWorkflowUri(pin.builder);
  // A reusable workflow of the pinned repository itself is under the same people's control.
  return builder === undefined || sameRepository(identity, builder.repository, identity.repository);
}

function sameRepository(identity: SignerIdentity, a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) return false;
  return identity.forge === 'github' ? a.toLowerCase() === b.toLowerCase() : a === b;
}

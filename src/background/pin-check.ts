// Applies the user's pin to a verdict on every answer, cached or not: a pin is checked without
// crypto (it compares the already-verified identity), so no cached verdict can predate a pin.
import type { IdentityPin } from '../core/api';
import { matchesPin } from '../core/continuity';
import type { PackageVerdict, SignerIdentity } from '../core/verdict';
import { describeBuilder, describePin } from '../shared/pin-text';

function describeIdentity(identity: SignerIdentity, pin: IdentityPin): string {
  const who = identity.repository ?? identity.email ?? identity.san;
  const base = identity.workflowPath === undefined ? who : `${who} (${identity.workflowPath})`;
  if (identity.builder !== undefined) return `${base}, built by ${describeBuilder(identity.builder)}`;
  // A pin with a builder, met by a build without one: say so, or both names read the same.
  return pin.builder === undefined ? base : `${base}, built by its own workflow`;
}

/** A repository deleted and re-created under its old name keeps the name: only the ids tell. */
function idNote(identity: SignerIdentity, pin: IdentityPin): string {
  const notes: string[] = [];
  if (pin.repositoryId !== undefined && identity.repositoryId !== pin.repositoryId) {
    notes.push(`repository id ${identity.repositoryId ?? 'unknown'}, pinned ${pin.repositoryId}`);
  }
  if (pin.ownerId !== undefined && identity.ownerId !== pin.ownerId) {
    notes.push(`owner id ${identity.ownerId ?? 'unknown'}, pinned ${pin.ownerId}`);
  }
  return notes.length === 0 ? '' : ` (${notes.join('; ')})`;
}

/**
 * A pin says "this package comes from that publisher, with provenance": another signer, or
 * no provenance at all, or provenance from a publisher we cannot check, is `invalid` with
 * IDENTITY_PIN. Invalid and other unavailable verdicts are left as they are (already red, or
 * not checked), and so is a matching verified or partial one.
 */
export function applyPin(verdict: PackageVerdict, pin: IdentityPin | null): PackageVerdict {
  if (pin === null) return verdict;
  const base = {
    pkg: verdict.pkg,
    files: verdict.files,
    checkedAt: verdict.checkedAt,
    ...(verdict.continuity ? { continuity: verdict.continuity } : {}),
  };
  if (verdict.status === 'verified' || verdict.status === 'partial') {
    if (matchesPin(verdict.identity, pin)) return verdict;
    const issuerNote = verdict.identity.issuer === pin.issuer ? '' : ` via ${verdict.identity.issuer}`;
    const message = `pinned to ${describePin(pin)}, but signed by ${describeIdentity(verdict.identity, pin)}${issuerNote}${idNote(verdict.identity, pin)}`;
    return { ...base, status: 'invalid', code: 'IDENTITY_PIN', message };
  }
  if (verdict.status === 'none') {
    return { ...base, status: 'invalid', code: 'IDENTITY_PIN', message: `expected provenance from ${describePin(pin)}; this version has none` };
  }
  // The build type that makes a publisher "unsupported" sits in the signed predicate, which a
  // publisher chooses: with a pin it must not turn "someone else signed this" into grey.
  if (verdict.status === 'unavailable' && verdict.code === 'POLICY_UNSUPPORTED_PUBLISHER') {
    const message = `expected provenance from ${describePin(pin)}; this version's comes from a publisher that cannot be checked`;
    return { ...base, status: 'invalid', code: 'IDENTITY_PIN', message };
  }
  return verdict;
}

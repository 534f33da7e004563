// Applies the user's pin to a verdict on every answer, cached or not: a pin is checked without
// crypto (it compares the already-verified identity), so no cached verdict can predate a pin.
import type { IdentityPin } from '../core/api';
import { matchesPin } from '../core/continuity';
import type { PackageVerdict, SignerIdentity } from '../core/verdict';

export function describePin(pin: IdentityPin): string {
  return pin.workflowPath === undefined ? pin.repository : `${pin.repository} (${pin.workflowPath})`;
}

function describeIdentity(identity: SignerIdentity): string {
  const who = identity.repository ?? identity.email ?? identity.san;
  return identity.workflowPath === undefined ? who : `${who} (${identity.workflowPath})`;
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
    const message = `pinned to ${describePin(pin)}, but signed by ${describeIdentity(verdict.identity)}${issuerNote}`;
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

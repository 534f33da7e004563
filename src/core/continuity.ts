// Publisher continuity: compares the certificate identity of the version on screen with the
// identities that signed earlier releases. A stolen publishing token or a hijacked project
// shows up as a release from another repository, workflow or issuer, or one without
// provenance after attested ones. Identities come from verified certificates only.
import type { IdentityPin } from './api';
import type { ContinuityNote, PublisherChange, SignerIdentity } from './verdict';

/** What an earlier release showed: its verified identity, or null when it had no provenance. */
export interface ReleaseIdentity {
  version: string;
  identity: SignerIdentity | null;
}

type ComparedField = PublisherChange['field'];

// Order matters: the first difference is the one reported, the most telling first.
const FIELDS: ComparedField[] = ['issuer', 'repositoryId', 'ownerId', 'repository', 'workflowPath'];

function fieldValue(identity: SignerIdentity, field: ComparedField): string | undefined {
  const value = identity[field];
  if (value === undefined || value === '') return undefined;
  // GitHub owner/repo names are case-insensitive; everything else compares exactly.
  return field === 'repository' && identity.forge === 'github' ? value.toLowerCase() : value;
}

/** The first field in which two identities differ; fields one side lacks are not compared. */
export function identityDifference(
  previous: SignerIdentity,
  current: SignerIdentity,
): { field: ComparedField; from: string; to: string } | null {
  // Fulcio takes the numeric id from the OIDC token: equal ids mean the same repository, so a
  // different name or owner is a rename or a transfer (pypi-attestations moved from trailofbits
  // to pypi this way), not another publisher.
  const sameRepositoryId =
    previous.repositoryId !== undefined && previous.repositoryId === current.repositoryId;
  for (const field of FIELDS) {
    if (sameRepositoryId && (field === 'repository' || field === 'ownerId')) continue;
    const a = fieldValue(previous, field);
    const b = fieldValue(current, field);
    if (a !== undefined && b !== undefined && a !== b) {
      return { field, from: previous[field] ?? '', to: current[field] ?? '' };
    }
  }
  return null;
}

/**
 * `current` is the verified identity of the version on screen, or null when it has no
 * provenance; `earlier` lists earlier releases, newest first. Returns a note only when
 * something changed: a release that keeps its publisher shows nothing extra.
 */
export function continuityNote(
  current: SignerIdentity | null,
  earlier: readonly ReleaseIdentity[],
): ContinuityNote | undefined {
  const previous = earlier.find((r) => r.identity !== null);
  if (!previous?.identity) return undefined;
  if (current === null) {
    return { kind: 'provenance-lost', previousVersion: previous.version, previous: previous.identity };
  }
  const diff = identityDifference(previous.identity, current);
  if (!diff) return undefined;
  return { kind: 'publisher-changed', ...diff, previousVersion: previous.version, previous: previous.identity };
}

/** Whether a verified identity satisfies the user's pin for this package. */
export function matchesPin(identity: SignerIdentity, pin: IdentityPin): boolean {
  if (identity.issuer !== pin.issuer) return false;
  const repo = identity.repository ?? '';
  const sameRepo =
    identity.forge === 'github' ? repo.toLowerCase() === pin.repository.toLowerCase() : repo === pin.repository;
  if (!sameRepo) return false;
  return pin.workflowPath === undefined || identity.workflowPath === pin.workflowPath;
}

export function pinFromIdentity(identity: SignerIdentity): IdentityPin | null {
  if (!identity.repository) return null;
  return identity.workflowPath === undefined
    ? { issuer: identity.issuer, repository: identity.repository }
    : { issuer: identity.issuer, repository: identity.repository, workflowPath: identity.workflowPath };
}

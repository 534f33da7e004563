// Publisher continuity: compares the certificate identity of the version on screen with the
// identities that signed earlier releases. A stolen publishing token or a hijacked project
// shows up as a release from another repository, workflow, builder, account or issuer, or one
// without provenance after attested ones. Identities come from verified certificates only.
import type { ContinuityNote, PublisherChange, SignerIdentity } from './verdict';
import { builderWithoutRef, foldWorkflowUri, withoutRef } from './workflow-uri';

export { matchesPin, pinFromIdentity } from './identity-pin';

/** What an earlier release showed: its verified identity, or null when it had no provenance. */
export interface ReleaseIdentity {
  version: string;
  identity: SignerIdentity | null;
}

type ComparedField = PublisherChange['field'];

// Order matters: the first difference is the one reported, the most telling first.
const FIELDS: ComparedField[] = ['issuer', 'email', 'repositoryId', 'ownerId', 'repository', 'workflowPath', 'builder'];

/** `key` is what is compared, `shown` what a person reads in the note. */
function fieldValue(identity: SignerIdentity, field: ComparedField): { key: string; shown: string } | undefined {
  if (field === 'builder') return builderOfIdentity(identity);
  const value = identity[field];
  if (value === undefined || value === '') return undefined;
  // GitHub owner/repo names are case-insensitive; everything else (e-mails too) compares exactly.
  const key = field === 'repository' && identity.forge === 'github' ? value.toLowerCase() : value;
  return { key, shown: value };
}

// Which workflow built a release. A builder's ref is left out: bumping the SLSA builder from
// v1.9 to v1.10 is maintenance, while another builder repository or workflow is another party
// that could put anything into the package.
/**
 * `key` is compared, `shown` is the workflow URI without ref a person reads. No builder means the
 * caller's own workflow built it (.9 = .18); that is known for GitHub and GitLab certificates
 * with a build config URI, and for legacy GitHub ones (their SAN is the signer). Otherwise
 * (Google accounts, other issuers) there is no builder to compare: undefined.
 */
function builderOfIdentity(identity: SignerIdentity): { key: string; shown: string } | undefined {
  if (identity.forge !== 'github' && identity.forge !== 'gitlab') return undefined;
  const builder = identity.builder;
  if (builder) {
    const shown = builderWithoutRef(builder);
    // A reusable workflow of the source repository itself is keyed by its path: a renamed
    // repository (same id, so no publisher change) must not turn into a "new builder".
    const fold = (s: string) => (identity.forge === 'github' ? s.toLowerCase() : s);
    const inRepository = builder.repository !== undefined && identity.repository !== undefined && fold(builder.repository) === fold(identity.repository);
    return { key: inRepository ? `repository:${builder.workflowPath ?? shown}` : `builder:${foldWorkflowUri(shown)}`, shown };
  }
  const own = identity.buildConfigUri ?? (identity.forge === 'github' ? identity.san : undefined);
  return own === undefined ? undefined : { key: 'caller', shown: withoutRef(own, identity.ref) };
}

/** The first field in which two identities differ; fields one side lacks are not compared. */
export function identityDifference(
  previous: SignerIdentity,
  current: SignerIdentity,
): { field: ComparedField; from: string; to: string } | null {
  // Fulcio takes the numeric id from the OIDC token: equal ids mean the same repository, so a
  // different name or owner is a rename or a transfer (pypi-attestations moved from trailofbits
  // to pypi this way), not another publisher. Different ids under one name are a repository
  // deleted and re-created, perhaps by someone else: 'repositoryId' comes before the name.
  const sameRepositoryId =
    previous.repositoryId !== undefined && previous.repositoryId === current.repositoryId;
  for (const field of FIELDS) {
    if (sameRepositoryId && (field === 'repository' || field === 'ownerId')) continue;
    const a = fieldValue(previous, field);
    const b = fieldValue(current, field);
    if (a !== undefined && b !== undefined && a.key !== b.key) return { field, from: a.shown, to: b.shown };
  }
  return null;
}

/**
 * Every field continuity compares, as compared and as shown: two identities with the same key
 * get the same note against any earlier release (a memo of notes is keyed by it).
 */
export function continuityKey(identity: SignerIdentity): string {
  return JSON.stringify(FIELDS.map((field) => fieldValue(identity, field) ?? null));
}

/** The same publisher as continuity judges it: no field both identities have differs. */
export function samePublisher(a: SignerIdentity, b: SignerIdentity): boolean {
  return identityDifference(a, b) === null;
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

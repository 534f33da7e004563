// Which workflow built a release, in the form continuity compares. A builder's ref is left out:
// bumping the SLSA builder from v1.9 to v1.10 is maintenance, while another builder repository
// or workflow is another party that could put anything into the package.
import type { SignerIdentity } from './verdict';
import { builderWithoutRef, foldWorkflowUri, withoutRef } from './workflow-uri';

/**
 * `key` is compared, `shown` is the workflow URI without ref a person reads. No builder means the
 * caller's own workflow built it (.9 = .18); that is known for GitHub and GitLab certificates
 * with a build config URI, and for legacy GitHub ones (their SAN is the signer). Otherwise
 * (Google accounts, other issuers) there is no builder to compare: undefined.
 */
export function builderOfIdentity(identity: SignerIdentity): { key: string; shown: string } | undefined {
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

// PEP 740 attestation objects and Integrity API provenance objects signed by the test instance.
import { GITHUB_ISSUER, GITLAB_ISSUER, resolveWorkflow, type IdentitySpec } from './identity';
import type { TlogEntryJson } from './rekor';
import { signKeyless, type LogOptions, type TestInstance } from './signing';
import { PYPI_PUBLISH_V1, SLSA_PROVENANCE_V1, pypiStatement, slsaV1Predicate } from './statements';
import { attestationToBundle } from '../../core/pep740';

export interface PypiAttestationOptions extends LogOptions {
  filename: string;
  /** Lower-case hex sha256 of the distribution file. */
  sha256: string;
  identity: IdentitySpec;
  /** Default: PyPI publish/v1 (predicate null). SLSA v1 gets a GitHub Actions predicate. */
  predicateType?: string;
  /** Overrides the predicate derived from `predicateType`. */
  predicate?: unknown;
}

export interface Pep740Attestation {
  version: 1;
  verification_material: { certificate: string; transparency_entries: TlogEntryJson[] };
  envelope: { statement: string; signature: string };
}

export type PypiPublisher =
  | { kind: 'GitHub'; repository: string; workflow: string; environment: string | null }
  | { kind: 'GitLab'; repository: string; workflow_filepath: string; environment: string | null }
  | { kind: 'Google'; email: string; subject: string | null };

export interface PypiProvenance {
  version: 1;
  attestation_bundles: { publisher: PypiPublisher; attestations: Pep740Attestation[] }[];
}

export function pypiAttestation(instance: TestInstance, options: PypiAttestationOptions): Pep740Attestation {
  const predicateType = options.predicateType ?? PYPI_PUBLISH_V1;
  const predicate =
    options.predicate !== undefined
      ? options.predicate
      : predicateType === SLSA_PROVENANCE_V1 && 'repository' in options.identity
        ? slsaV1Predicate(resolveWorkflow(options.identity))
        : null;
  const statement = pypiStatement(options.filename, options.sha256, predicateType, predicate);
  const signed = signKeyless(instance, options.identity, statement, 'dsse', options);
  return {
    version: 1,
    verification_material: {
      certificate: signed.certificate.toString('base64'),
      transparency_entries: [signed.tlogEntry],
    },
    envelope: {
      statement: signed.envelope.payload.toString('base64'),
      signature: signed.envelope.signature.toString('base64'),
    },
  };
}

/** The publisher PyPI would record for a Trusted Publisher matching `identity`. */
export function pypiPublisherFor(identity: IdentitySpec, environment: string | null = null): PypiPublisher {
  if (identity.issuer === GITHUB_ISSUER) {
    const { repository, workflowPath } = resolveWorkflow(identity);
    return { kind: 'GitHub', repository, workflow: workflowPath.slice(workflowPath.lastIndexOf('/') + 1), environment };
  }
  if (identity.issuer === GITLAB_ISSUER) {
    const { repository, workflowPath } = resolveWorkflow(identity);
    return { kind: 'GitLab', repository, workflow_filepath: workflowPath, environment };
  }
  return { kind: 'Google', email: identity.email, subject: null };
}

export function pypiProvenance(options: {
  publisher: PypiPublisher | IdentitySpec;
  attestations: Pep740Attestation[];
}): PypiProvenance {
  const publisher = 'kind' in options.publisher ? options.publisher : pypiPublisherFor(options.publisher);
  return { version: 1, attestation_bundles: [{ publisher, attestations: options.attestations }] };
}

// PEP 740 attestation -> Sigstore bundle v0.3, the conversion DESIGN 2 (PyPI step 3) describes;
// tests use it to hand test-CA attestations straight to @sigstore/verify.
export interface BundleV03Json {
  mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json';
  verificationMaterial: { certificate: { rawBytes: string }; tlogEntries: TlogEntryJson[] };
  dsseEnvelope: { payload: string; payloadType: string; signatures: { sig: string; keyid: string }[] };
}

/** The core's PEP 740 -> bundle v0.3 mapping, typed for these tests. */
export function pep740ToBundle(attestation: Pep740Attestation): BundleV03Json {
  return attestationToBundle(attestation) as BundleV03Json;
}

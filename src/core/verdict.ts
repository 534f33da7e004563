// The verdict union used everywhere: core, worker, UI, CLI (DESIGN 3).
import type { ErrorCode } from './errors';

export type Registry = 'pypi' | 'npm';

export interface PackageRef {
  registry: Registry;
  name: string;
  /** Absent on a "latest" page until the worker resolves it. */
  version?: string;
}

export type Forge = 'github' | 'gitlab' | 'google' | 'other';

/**
 * Who built and signed an artifact, read only from the verified Fulcio certificate
 * and the verified Rekor entry, never from the registry's unsigned publisher claim.
 */
export interface SignerIdentity {
  forge: Forge;
  /** OIDC issuer (OID 1.3.6.1.4.1.57264.1.8). */
  issuer: string;
  /** Certificate subject alternative name (workflow URI or e-mail). */
  san: string;
  /** `owner/repo` (GitHub) or `group/project` (GitLab), from the source repository URI (.12). */
  repository?: string;
  repositoryUrl?: string;
  /** Workflow file path inside the repository, e.g. `.github/workflows/release.yml` (from .18/.9). */
  workflowPath?: string;
  /** Build config URI (.18), e.g. `https://github.com/o/r/.github/workflows/release.yml@refs/tags/v1`. */
  buildConfigUri?: string;
  ref?: string; // .14
  commit?: string; // .13
  trigger?: string; // .20
  runUrl?: string; // .21
  runnerEnvironment?: string; // .11
  repositoryId?: string; // .15
  ownerId?: string; // .17
  owner?: string; // .16 owner URI's last segment
  /** Google publisher: the service-account e-mail. */
  email?: string;
}

export interface LogEntryInfo {
  /** Global Rekor log index: a decimal string, it exceeds 2^31. */
  logIndex: string;
  /** ISO 8601, from the log's integrated time. */
  integratedTime: string;
  /** `https://search.sigstore.dev/?logIndex=<n>` */
  searchUrl: string;
}

export type AttestationKind = 'pypi-publish' | 'slsa-provenance' | 'npm-publish';

export interface VerifiedAttestation {
  kind: AttestationKind;
  predicateType: string;
  /** Present for certificate-signed attestations. */
  signer?: SignerIdentity;
  /** Present for key-signed attestations (npm publish): the registry key id. */
  keyId?: string;
  log: LogEntryInfo;
}

/** The verdict on one artifact: a PyPI distribution file or an npm version tarball. */
export type ArtifactVerdict =
  | {
      status: 'verified';
      attestations: VerifiedAttestation[];
      /**
       * The identity shown: the (single, agreed) certificate identity among the attestations.
       * Absent only when the input held nothing but key-signed bundles (a lone npm publish
       * attestation given to the CLI); a package verdict is never `verified` without it.
       */
      identity?: SignerIdentity;
    }
  | { status: 'none' }
  | { status: 'invalid'; code: ErrorCode; message: string }
  | { status: 'unavailable'; code: ErrorCode; message: string };

export interface FileVerdict {
  filename: string;
  sha256: string;
  verdict: ArtifactVerdict;
}

export type PublisherChange = {
  kind: 'publisher-changed';
  field: 'repository' | 'repositoryId' | 'ownerId' | 'workflowPath' | 'issuer';
  from: string;
  to: string;
  previousVersion: string;
  previous: SignerIdentity;
};
export type ProvenanceLost = { kind: 'provenance-lost'; previousVersion: string; previous: SignerIdentity };
export type ContinuityNote = PublisherChange | ProvenanceLost;

interface VerdictBase {
  pkg: PackageRef & { version: string };
  /** Per-file results (PyPI); a single entry for npm. */
  files: FileVerdict[];
  continuity?: ContinuityNote;
  /** Epoch milliseconds when the verdict was decided. */
  checkedAt: number;
}

/** The verdict on a package version as shown by the badge and popup. */
export type PackageVerdict =
  | (VerdictBase & { status: 'verified'; identity: SignerIdentity; attestations: VerifiedAttestation[] })
  | (VerdictBase & {
      status: 'partial';
      identity: SignerIdentity;
      attestations: VerifiedAttestation[];
      verifiedCount: number;
      totalCount: number;
    })
  | (VerdictBase & { status: 'none' })
  | (VerdictBase & { status: 'invalid'; code: ErrorCode; message: string })
  | (VerdictBase & { status: 'unavailable'; code: ErrorCode; message: string; retryable: boolean });

export type VerdictStatus = PackageVerdict['status'] | 'loading';

export function packageKey(pkg: PackageRef): string {
  return `${pkg.registry}:${pkg.name}@${pkg.version ?? ''}`;
}

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
  /**
   * Present only when another workflow than the caller's did the build: the certificate's
   * Build Signer URI (.9) differs from its Build Config URI (.18). Reusable workflows, an
   * organisation's shared release workflow, the SLSA framework's builders.
   */
  builder?: BuilderIdentity;
}

/** The workflow that built and signed, when it is not the source repository's own (DESIGN 2, identity). */
export interface BuilderIdentity {
  /** Build Signer URI (.9), e.g. `https://github.com/org/shared/.github/workflows/release.yml@refs/tags/v1`. */
  uri: string;
  /** `owner/repo` of the builder workflow. */
  repository?: string;
  /** Workflow file path inside the builder's repository. */
  workflowPath?: string;
  /** The builder's ref, from the Build Signer URI's `@` suffix. */
  ref?: string;
  /** Build Signer Digest (.10): the builder workflow's commit. */
  commit?: string;
}

export interface LogEntryInfo {
  /** Rekor log index: a decimal string, it exceeds 2^31 (a Rekor v2 shard counts its own). */
  logIndex: string;
  /**
   * ISO 8601, verified: the log's integrated time under its signed entry timestamp, or for a
   * Rekor v2 entry (no SET) the earliest RFC 3161 timestamp; '' when there is neither.
   */
  integratedTime: string;
  /**
   * `https://search.sigstore.dev/?logIndex=<n>` for a Rekor v1 entry; '' for a Rekor v2 one,
   * since that search knows only the v1 log and its index would show another entry.
   */
  searchUrl: string;
  /** A Rekor v2 entry's log, from its verified checkpoint's origin line (`log2025-1.rekor.sigstore.dev`). */
  origin?: string;
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
       * Absent only for `verify bundle --key`, where the caller vouches for the key; registry and
       * package verdicts are never `verified` without it (a lone npm publish attestation is
       * `none` with `registrySigned`).
       */
      identity?: SignerIdentity;
    }
  /**
   * No build provenance. `registrySigned`: npm's registry signed a publish attestation for this
   * exact name@version+integrity (verified), but nothing says who built it (issue 13.3): still
   * `none`, never `verified`.
   */
  | { status: 'none'; registrySigned?: RegistrySignedNote }
  | { status: 'invalid'; code: ErrorCode; message: string; claimed?: ClaimedIdentity }
  | { status: 'unavailable'; code: ErrorCode; message: string };

/**
 * What a FAILED attestation says about who built it, read without trusting it (issue 16.2):
 * from its leaf certificate and its statement, whose signature or log evidence did not hold.
 * Only so a person can compare it with the repository. Never an identity: nothing may pin it,
 * compare it for continuity, record it as a seen publisher, put it on a badge or call it verified.
 * Every value is capped at MAX_CLAIM_VALUE characters, with hidden characters made visible.
 */
export interface ClaimedIdentity {
  /** Source repository URL (certificate .12, else the statement's workflow repository). */
  repository?: string;
  /** Workflow file path, e.g. `.github/workflows/release.yml`. */
  workflow?: string;
  ref?: string;
  commit?: string;
  /** OIDC issuer and SAN: certificate only. */
  issuer?: string;
  san?: string;
}

/** A verified npm publish attestation standing alone: the registry's word, not build provenance. */
export interface RegistrySignedNote {
  keyId: string;
  log: LogEntryInfo;
}

/**
 * The files of one release were signed from different sources (issue 13.10): the same
 * repository and workflow, but another ref, commit or builder. Shown amber with each file's
 * source; the status stays what the checks gave.
 */
export interface InconsistentSources {
  field: 'ref' | 'commit' | 'builder';
  /** The distinct values, in file order. */
  values: string[];
}

export interface FileVerdict {
  filename: string;
  sha256: string;
  verdict: ArtifactVerdict;
}

export type PublisherChange = {
  kind: 'publisher-changed';
  field: 'repository' | 'repositoryId' | 'ownerId' | 'workflowPath' | 'issuer' | 'email' | 'builder';
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
  /**
   * Where the registry's own page says otherwise than this verdict, and why the two can differ:
   * PyPI shows the attestations a file was uploaded with; this check verifies them.
   */
  registryNote?: string;
  /** Epoch milliseconds when the verdict was decided. */
  checkedAt: number;
  /**
   * Set on the copy a search result's badge is sent: `files` and `attestations` left out (empty),
   * everything the badge says kept. The details panel asks for the whole verdict.
   */
  abridged?: true;
}

/** The verdict on a package version as shown by the badge and popup. */
export type PackageVerdict =
  | (VerdictBase & {
      status: 'verified';
      identity: SignerIdentity;
      attestations: VerifiedAttestation[];
      inconsistent?: InconsistentSources;
    })
  | (VerdictBase & {
      status: 'partial';
      identity: SignerIdentity;
      attestations: VerifiedAttestation[];
      verifiedCount: number;
      totalCount: number;
      inconsistent?: InconsistentSources;
    })
  | (VerdictBase & { status: 'none'; registrySigned?: RegistrySignedNote })
  | (VerdictBase & { status: 'invalid'; code: ErrorCode; message: string; claimed?: ClaimedIdentity })
  | (VerdictBase & { status: 'unavailable'; code: ErrorCode; message: string; retryable: boolean });

export type VerdictStatus = PackageVerdict['status'] | 'loading';

export function packageKey(pkg: PackageRef): string {
  return `${pkg.registry}:${pkg.name}@${pkg.version ?? ''}`;
}

// The public contract of the pure verification core. Everything outside src/core
// (CLI, registries, worker, tests) imports from src/core/index.ts, which re-exports these
// names with their implementations. No browser API, DOM or fetch anywhere in src/core.
import type { ArtifactVerdict } from './verdict';

/** Parsed, ready-to-use trust material (trusted root + optional npm registry keys). Opaque. */
export interface TrustContext {
  readonly kind: 'trust-context';
  /**
   * The trust material's date (ISO): when it was fetched and verified through TUF, or the date of
   * the embedded snapshot. Without a given date (a `--trusted-root` file), the newest
   * `validFor.start` in it. An authority the material does not know is "couldn't check" only for
   * times after this date.
   */
  readonly trustedRootDate: string;
}

export interface TrustInput {
  /** A Sigstore `trusted_root.json`, parsed JSON. */
  trustedRoot: unknown;
  /** npm registry `keys.json` as distributed by Sigstore's TUF repo, parsed JSON. */
  npmKeys?: unknown;
  /**
   * When this material was known to be current (ISO date or Date): the TUF verification time,
   * or the embedded snapshot's date. Absent: the newest `validFor.start` in the trusted root.
   */
  materialDate?: string | Date;
}

/** A distribution file as the registry serves it. */
export interface DistributionFile {
  filename: string;
  /** Lower-case hex sha256 from the registry's JSON API. */
  sha256: string;
}

/** The fields of an npm version document that bind attestations to the tarball. */
export interface NpmVersionInfo {
  name: string;
  version: string;
  /** `dist.integrity`, e.g. `sha512-<base64>`. */
  integrity: string;
  /**
   * The registry's origin the publish attestation must name in its predicate, e.g. the npm
   * registry adapter's origin. Absent, that field is not compared (the registry key's
   * signature already says npm attested the upload).
   */
  registry?: string;
  /** `dist.signatures`: registry ECDSA signatures over `<name>@<version>:<integrity>`. */
  signatures?: { keyid: string; sig: string }[];
}

/**
 * `identity`/`issuer` compare for equality with the certificate's SAN and issuer; patterns only
 * through `identityRegExp`/`issuerRegExp`, which are matched against the whole value (anchored),
 * cosign's `--certificate-identity-regexp` convention.
 */
export type BundlePolicy =
  | { identity: string; issuer: string }
  | { identityRegExp: string; issuer: string }
  | { identity: string; issuerRegExp: string }
  | { identityRegExp: string; issuerRegExp: string }
  | { publicKeyPem: string };

export type BundleArtifact = { bytes: Uint8Array } | { sha256: string };

/** An identity the user pinned a package to (publisher continuity, issue 5). */
export interface IdentityPin {
  issuer: string;
  /** Source repository `owner/repo`; absent for a Google (service-account) publisher. */
  repository?: string;
  workflowPath?: string;
  /** Google publisher: the service-account e-mail. */
  email?: string;
  /** Fulcio .15 / .17: a repository deleted and re-created under the same name has other ids. */
  repositoryId?: string;
  ownerId?: string;
  /** The builder workflow's URI without its ref, when another workflow built it (reusable workflows). */
  builder?: string;
}

export interface CoreApi {
  createTrustContext(input: TrustInput): TrustContext;
  /**
   * PyPI: `doc` is a PEP 740 provenance object (Integrity API) or a bare PEP 740 attestation
   * object. Verifies every attestation, binds each to `file`, and applies the publisher
   * identity policy (DESIGN 2.5-2.6).
   */
  verifyPypiProvenance(doc: unknown, file: DistributionFile, trust: TrustContext): ArtifactVerdict;
  /** npm: `doc` is the attestations endpoint response (or a single bundle from it). */
  verifyNpmAttestations(doc: unknown, version: NpmVersionInfo, trust: TrustContext): ArtifactVerdict;
  /** A plain Sigstore bundle over an artifact with an explicit identity or key policy. */
  verifyBundle(bundle: unknown, artifact: BundleArtifact, policy: BundlePolicy, trust: TrustContext): ArtifactVerdict;
}

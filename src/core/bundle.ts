// A plain Sigstore bundle (v0.1-v0.3, message signature or DSSE) over an artifact, checked
// against an explicit identity or public key: the `verify bundle` CLI and conformance path.
import { crypto } from '@sigstore/core';
import type { KeyFinderFunc } from '@sigstore/verify';
import type { BundleArtifact, BundlePolicy, TrustContext } from './api';
import { identityFromCertificate } from './certificate';
import { withClaim } from './claimed-identity';
import { fail, guarded, isRecord } from './outcome';
import { parseBundle, verifySigstoreBundle, type VerifiedBundle } from './sigstore-verify';
import { statementOf } from './statement';
import type { ArtifactVerdict, AttestationKind, SignerIdentity, VerifiedAttestation } from './verdict';

const KINDS: Record<string, AttestationKind> = {
  'https://docs.pypi.org/attestations/publish/v1': 'pypi-publish',
  'https://slsa.dev/provenance/v1': 'slsa-provenance',
  'https://slsa.dev/provenance/v0.2': 'slsa-provenance',
  'https://github.com/npm/attestation/tree/main/specs/publish/v0.1': 'npm-publish',
};

export function verifyBundle(bundle: unknown, artifact: BundleArtifact, policy: BundlePolicy, trust: TrustContext): ArtifactVerdict {
  return withClaim(bundle, guarded(() => {
    const parsed = parseBundle(bundle);
    const keySigned = parsed.verificationMaterial.content.$case === 'publicKey';
    const bytes = artifactBytes(artifact);
    const sha256 = bytes ? crypto.digest('sha256', bytes).toString('hex') : artifactDigest(artifact);
    const isDsse = parsed.content.$case === 'dsseEnvelope';
    if (!isDsse && !bytes) fail('POLICY_UNSUPPORTED_BUNDLE', 'a message-signature bundle can only be checked against the artifact bytes');
    let verified: VerifiedBundle;
    let identity: SignerIdentity | undefined;
    if ('publicKeyPem' in policy) {
      if (!keySigned) fail('POLICY_UNSUPPORTED_BUNDLE', 'a key policy needs a key-signed bundle, this one carries a certificate');
      verified = verifySigstoreBundle(bundle, trust, { artifact: bytes, keyFinder: callerKey(policy.publicKeyPem) });
    } else {
      if (keySigned) fail('POLICY_UNSUPPORTED_BUNDLE', 'an identity policy needs a certificate-signed bundle');
      // Compiled before verifying, so a bad pattern is reported as the caller's mistake.
      const rules = identityRules(policy);
      // No identity policy for @sigstore/verify: it treats the SAN as an unanchored pattern
      // (`signerIdentity.match(policy)`), so `.` or a prefix of the SAN would pass. We compare.
      verified = verifySigstoreBundle(bundle, trust, { artifact: bytes });
      if (!verified.certificate) fail('POLICY_UNSUPPORTED_BUNDLE', 'an identity policy needs a certificate-signed bundle');
      identity = identityFromCertificate(verified.certificate);
      checkIdentity(rules, verified.signer.identity?.subjectAlternativeName, identity.issuer);
    }
    let predicateType = '';
    if (isDsse) {
      // An attestation is bound to the artifact through its statement's subject digest.
      const statement = statementOf(verified.bundle);
      if (!statement.subjects.some((s) => s.digest.sha256?.toLowerCase() === sha256)) {
        fail('SUBJECT_DIGEST', `no statement subject has sha256 ${sha256}`);
      }
      predicateType = statement.predicateType;
    }
    // AttestationKind has no member for a plain signature or an unknown statement; those
    // verify with an empty list rather than be mislabelled.
    const kind = KINDS[predicateType];
    identity ??= verified.certificate ? identityFromCertificate(verified.certificate) : undefined;
    const attestations: VerifiedAttestation[] = kind
      ? [{ kind, predicateType, log: verified.log, ...(identity ? { signer: identity } : { keyId: verified.keyHint ?? '' }) }]
      : [];
    return identity ? { status: 'verified', attestations, identity } : { status: 'verified', attestations };
  }));
}

type IdentityPolicy = Exclude<BundlePolicy, { publicKeyPem: string }>;

/** One side of an identity policy: the whole value equals a string, or matches an anchored pattern. */
interface ValueRule {
  what: string;
  test(value: string): boolean;
}

function identityRules(policy: IdentityPolicy): { san: ValueRule; issuer: ValueRule } {
  const fields: Partial<Record<string, unknown>> = policy;
  return {
    san: valueRule(fields, 'identity', 'identityRegExp'),
    issuer: valueRule(fields, 'issuer', 'issuerRegExp'),
  };
}

function valueRule(fields: Partial<Record<string, unknown>>, exactKey: string, patternKey: string): ValueRule {
  const exact = fields[exactKey];
  const pattern = fields[patternKey];
  if ((exact === undefined) === (pattern === undefined)) fail('PARSE_INPUT', `give exactly one of ${exactKey} and ${patternKey}`);
  if (exact !== undefined) {
    if (typeof exact !== 'string' || exact === '') fail('PARSE_INPUT', `${exactKey} must be a non-empty string`);
    return { what: JSON.stringify(exact), test: (value) => value === exact };
  }
  if (typeof pattern !== 'string' || pattern === '') fail('PARSE_INPUT', `${patternKey} must be a non-empty string`);
  const regexp = anchoredRegExp(pattern);
  return { what: `the pattern ${regexp.source}`, test: (value) => regexp.test(value) };
}

/** cosign's `--certificate-identity-regexp`: the pattern must match the whole value, not a part. */
export function anchoredRegExp(pattern: string): RegExp {
  try {
    // The only regular expression built from caller input, on purpose: the caller asked for one.
    return new RegExp(`^(?:${pattern})$`, 'u');
  } catch (error) {
    fail('PARSE_INPUT', `invalid regular expression ${JSON.stringify(pattern)}: ${String(error)}`);
  }
}

/**
 * The SAN the verifier verified the signature with, and the issuer extension (Fulcio .1.8, or
 * the legacy .1.1) decoded strictly as UTF-8 (the verifier's own reading is lossy ASCII).
 */
function checkIdentity(rules: { san: ValueRule; issuer: ValueRule }, san: string | undefined, issuer: string): void {
  if (san === undefined || !rules.san.test(san)) {
    fail('IDENTITY_SAN', `certificate identity ${JSON.stringify(san ?? null)} is not ${rules.san.what}`);
  }
  if (!rules.issuer.test(issuer)) {
    fail('IDENTITY_ISSUER', `certificate issuer ${JSON.stringify(issuer)} is not ${rules.issuer.what}`);
  }
}

function artifactBytes(artifact: BundleArtifact): Buffer | undefined {
  if (!isRecord(artifact)) fail('PARSE_INPUT', 'artifact must be {bytes} or {sha256}');
  if (!('bytes' in artifact)) return undefined;
  if (!(artifact.bytes instanceof Uint8Array)) fail('PARSE_INPUT', 'artifact bytes must be a Uint8Array');
  return Buffer.from(artifact.bytes);
}

function artifactDigest(artifact: BundleArtifact): string {
  const raw = 'sha256' in artifact && typeof artifact.sha256 === 'string' ? artifact.sha256 : '';
  const hex = raw.replace(/^sha256:/i, '').toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(hex)) fail('PARSE_INPUT', 'artifact sha256 must be 64 hex digits');
  return hex;
}

/** The caller's key stands for any hint and has no validity window: the caller vouches for it. */
function callerKey(pem: string): KeyFinderFunc {
  let publicKey: crypto.KeyObject;
  try {
    publicKey = crypto.createPublicKey(pem);
  } catch (error) {
    fail('PARSE_INPUT', `unreadable public key: ${String(error)}`);
  }
  return () => ({ publicKey, validFor: () => true });
}

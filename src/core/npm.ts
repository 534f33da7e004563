// npm: every bundle of the attestations response verifies, binds the tarball and is one we
// interpret; the publish attestation is signed by an npm registry key, the SLSA provenance by a
// Fulcio certificate whose identity is what we show. Without SLSA provenance it is `none`.
import type { NpmVersionInfo, TrustContext } from './api';
import { identityFromCertificate, sameIdentity } from './certificate';
import { withClaim } from './claimed-identity';
import { findNpmKey } from './npm-keys';
import { checkRegistrySignatures } from './npm-registry-signature';
import { checkSlsaPredicate, SLSA_V02, SLSA_V1 } from './npm-slsa';
import { checkNpmSubject } from './npm-subject';
import { MAX_ATTESTATIONS } from './pep740';
import { checkEach, fail, guarded, isRecord, requireRecord, requireString } from './outcome';
import { verifySigstoreBundle } from './sigstore-verify';
import { signedContentKey, statementOf } from './statement';
import { trustState } from './trust';
import type { ArtifactVerdict, LogEntryInfo, SignerIdentity, VerifiedAttestation } from './verdict';

export const NPM_PUBLISH_V01 = 'https://github.com/npm/attestation/tree/main/specs/publish/v0.1';
/** Every predicate type we verify AND interpret; anything else refuses the whole response. */
const KNOWN_PREDICATES: readonly string[] = [NPM_PUBLISH_V01, SLSA_V1, SLSA_V02];

export function verifyNpmAttestations(doc: unknown, version: NpmVersionInfo, trust: TrustContext): ArtifactVerdict {
  return withClaim(doc, guarded(() => {
    if (!isRecord(version) || typeof version.name !== 'string' || typeof version.version !== 'string' || typeof version.integrity !== 'string') {
      fail('PARSE_INPUT', 'npm version needs name, version and integrity');
    }
    const state = trustState(trust);
    const entries = readNpmDocument(doc);
    // Keyed by signed content: the same attestation listed twice is one piece of evidence.
    const seen = new Map<string, VerifiedAttestation>();
    let identity: SignerIdentity | undefined;
    let publish: { keyId: string; log: LogEntryInfo; at?: Date } | undefined;
    let provenanceAt: Date | undefined;
    checkEach(entries, (entry) => {
      const verified = verifySigstoreBundle(entry.bundle, trust, {
        knownKeyHint: (hint) => findNpmKey(state.npmKeys, hint, 'npm:attestations') !== undefined,
      });
      const statement = statementOf(verified.bundle);
      // The response's predicateType is outside the signature; the statement's is inside it.
      if (entry.predicateType !== undefined && entry.predicateType !== statement.predicateType) {
        fail('POLICY_PREDICATE_TYPE', `listed as ${entry.predicateType} but signed as ${statement.predicateType}`);
      }
      checkNpmSubject(statement, version.name, version.version, version.integrity);
      const key = signedContentKey(verified.bundle);
      if (statement.predicateType === NPM_PUBLISH_V01) {
        if (!verified.keyHint) fail('POLICY_UNSUPPORTED_BUNDLE', 'publish attestation must be signed by an npm registry key');
        checkPublishPredicate(statement.predicate, version);
        if (seen.has(key)) return;
        // npm publishes a version once: a second, different publish attestation is not more
        // evidence of that one upload, it is a response npm does not serve.
        if (publish) fail('PARSE_SHAPE', 'the response holds two different npm publish attestations');
        publish = { keyId: verified.keyHint, log: verified.log, at: verified.integratedTime };
        seen.set(key, { kind: 'npm-publish', predicateType: statement.predicateType, keyId: verified.keyHint, log: verified.log });
      } else if (statement.predicateType === SLSA_V1 || statement.predicateType === SLSA_V02) {
        if (!verified.certificate) fail('CERT_MISSING', 'SLSA provenance must be certificate-signed');
        const signer = identityFromCertificate(verified.certificate);
        checkSlsaPredicate(statement.predicateType, statement.predicate, signer);
        if (identity && !sameIdentity(identity, signer)) fail('IDENTITY_SAN', 'provenance bundles disagree on the signer');
        identity ??= signer;
        provenanceAt ??= verified.integratedTime;
        if (!seen.has(key)) seen.set(key, { kind: 'slsa-provenance', predicateType: statement.predicateType, signer, log: verified.log });
      } else {
        // Verified but not understood: listing it would show evidence we never interpreted,
        // and dropping it silently would let anything ride along with real attestations.
        fail('POLICY_PREDICATE_TYPE', `unsupported predicate type ${statement.predicateType}`);
      }
    });
    // Registry keys are judged when the tarball was published: the publish attestation's signed
    // log time, else the provenance's (logged moments before the upload). "Now" only when
    // neither exists: judged today, an honest old signature by a retired key would turn red.
    checkRegistrySignatures(version, state.npmKeys, publish?.at ?? provenanceAt ?? new Date());
    if (identity) return { status: 'verified', attestations: [...seen.values()], identity };
    // Only npm's registry vouches here (for name@version and this tarball): nobody says who
    // built it, so this is no build provenance, however well it verified (issue 13.3).
    if (!publish) fail('POLICY_MISSING_ATTESTATION', 'the response holds no attestation we interpret');
    return { status: 'none', registrySigned: { keyId: publish.keyId, log: publish.log } };
  }));
}

interface NpmEntry {
  predicateType?: string;
  bundle: unknown;
}

function readNpmDocument(doc: unknown): NpmEntry[] {
  const root = requireRecord(doc, 'npm attestations document');
  if (typeof root.mediaType === 'string') {
    // One document, one shape: a bundle that also carries a response's list is neither.
    if ('attestations' in root) fail('PARSE_SHAPE', 'a Sigstore bundle that also holds an attestations list');
    return [{ bundle: root }];
  }
  if ('mediaType' in root) fail('PARSE_SHAPE', 'an attestations response with a mediaType');
  if (!Array.isArray(root.attestations) || root.attestations.length === 0) {
    fail('PARSE_SHAPE', 'expected {attestations: [...]} or a Sigstore bundle');
  }
  // npm serves two attestations per version; a flood is work, not evidence.
  if (root.attestations.length > MAX_ATTESTATIONS) fail('PARSE_SHAPE', `more than ${MAX_ATTESTATIONS} attestations`);
  return root.attestations.map((item, i): NpmEntry => {
    const entry = requireRecord(item, `attestations[${i}]`);
    const predicateType = entry.predicateType === undefined ? undefined : requireString(entry.predicateType, `attestations[${i}].predicateType`);
    // Refused before any verification: whoever signed it, we would not interpret it.
    if (predicateType !== undefined && !KNOWN_PREDICATES.includes(predicateType)) {
      fail('POLICY_PREDICATE_TYPE', `attestations[${i}] has unsupported predicate type ${predicateType}`);
    }
    return { predicateType, bundle: requireRecord(entry.bundle, `attestations[${i}].bundle`) };
  });
}

function checkPublishPredicate(predicate: unknown, version: NpmVersionInfo): void {
  const registryMatches = version.registry === undefined || (isRecord(predicate) && predicate.registry === version.registry);
  if (!isRecord(predicate) || predicate.name !== version.name || predicate.version !== version.version || !registryMatches) {
    const on = version.registry === undefined ? '' : ` on ${version.registry}`;
    fail('IDENTITY_PREDICATE_MISMATCH', `publish predicate does not name ${version.name}@${version.version}${on}`);
  }
}

// npm: every bundle of the attestations response verifies and binds the tarball; the publish
// attestation is signed by an npm registry key, the SLSA provenance by a Fulcio certificate
// whose identity is what we show.
import type { NpmVersionInfo, TrustContext } from './api';
import { identityFromCertificate, sameIdentity } from './certificate';
import { findNpmKey } from './npm-keys';
import { checkRegistrySignatures } from './npm-registry-signature';
import { checkSlsaPredicate, SLSA_V02, SLSA_V1 } from './npm-slsa';
import { checkNpmSubject } from './npm-subject';
import { MAX_ATTESTATIONS } from './pep740';
import { checkEach, fail, guarded, isRecord, requireRecord } from './outcome';
import { verifySigstoreBundle } from './sigstore-verify';
import { statementOf } from './statement';
import { trustState } from './trust';
import type { ArtifactVerdict, SignerIdentity, VerifiedAttestation } from './verdict';

export const NPM_PUBLISH_V01 = 'https://github.com/npm/attestation/tree/main/specs/publish/v0.1';

export function verifyNpmAttestations(doc: unknown, version: NpmVersionInfo, trust: TrustContext): ArtifactVerdict {
  return guarded(() => {
    if (!isRecord(version) || typeof version.name !== 'string' || typeof version.version !== 'string' || typeof version.integrity !== 'string') {
      fail('PARSE_INPUT', 'npm version needs name, version and integrity');
    }
    const state = trustState(trust);
    const { entries, fullResponse } = readNpmDocument(doc);
    const attestations: VerifiedAttestation[] = [];
    let identity: SignerIdentity | undefined;
    let publishTime: Date | undefined;
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
      if (statement.predicateType === NPM_PUBLISH_V01) {
        if (!verified.keyHint) fail('POLICY_UNSUPPORTED_BUNDLE', 'publish attestation must be signed by an npm registry key');
        checkPublishPredicate(statement.predicate, version);
        publishTime = verified.integratedTime;
        attestations.push({ kind: 'npm-publish', predicateType: statement.predicateType, keyId: verified.keyHint, log: verified.log });
      } else if (statement.predicateType === SLSA_V1 || statement.predicateType === SLSA_V02) {
        if (!verified.certificate) fail('CERT_MISSING', 'SLSA provenance must be certificate-signed');
        const signer = identityFromCertificate(verified.certificate);
        checkSlsaPredicate(statement.predicateType, statement.predicate, signer);
        if (identity && !sameIdentity(identity, signer)) fail('IDENTITY_SAN', 'provenance bundles disagree on the signer');
        identity ??= signer;
        attestations.push({ kind: 'slsa-provenance', predicateType: statement.predicateType, signer, log: verified.log });
      }
      // Any other predicate type was still verified and bound to the tarball above; it is not
      // interpreted, so an attestation kind npm adds later does not turn every package red.
    });
    // A registry response without provenance proves only that npm saw an upload, not who built it.
    if (fullResponse && !identity) fail('POLICY_MISSING_ATTESTATION', 'the response holds no SLSA provenance');
    checkRegistrySignatures(version, state.npmKeys, publishTime ?? new Date());
    return identity ? { status: 'verified', attestations, identity } : { status: 'verified', attestations };
  });
}

interface NpmEntry {
  predicateType?: string;
  bundle: unknown;
}

function readNpmDocument(doc: unknown): { entries: NpmEntry[]; fullResponse: boolean } {
  const root = requireRecord(doc, 'npm attestations document');
  if (typeof root.mediaType === 'string') return { entries: [{ bundle: root }], fullResponse: false };
  if (!Array.isArray(root.attestations) || root.attestations.length === 0) {
    fail('PARSE_SHAPE', 'expected {attestations: [...]} or a Sigstore bundle');
  }
  // npm serves two attestations per version; a flood is work, not evidence.
  if (root.attestations.length > MAX_ATTESTATIONS) fail('PARSE_SHAPE', `more than ${MAX_ATTESTATIONS} attestations`);
  const entries = root.attestations.map((item, i): NpmEntry => {
    const entry = requireRecord(item, `attestations[${i}]`);
    const predicateType = typeof entry.predicateType === 'string' ? entry.predicateType : undefined;
    return { predicateType, bundle: requireRecord(entry.bundle, `attestations[${i}].bundle`) };
  });
  return { entries, fullResponse: true };
}

function checkPublishPredicate(predicate: unknown, version: NpmVersionInfo): void {
  const registryMatches = version.registry === undefined || (isRecord(predicate) && predicate.registry === version.registry);
  if (!isRecord(predicate) || predicate.name !== version.name || predicate.version !== version.version || !registryMatches) {
    const on = version.registry === undefined ? '' : ` on ${version.registry}`;
    fail('IDENTITY_PREDICATE_MISMATCH', `publish predicate does not name ${version.name}@${version.version}${on}`);
  }
}

// PyPI (PEP 740): every attestation of every bundle must verify, bind the distribution file
// and match its publisher; the identity shown comes from the certificates and must agree.
import type { DistributionFile, TrustContext } from './api';
import { identityFromCertificate, sameIdentity } from './certificate';
import { withClaim } from './claimed-identity';
import { checkEach, fail, guarded } from './outcome';
import { readPypiDocument } from './pep740';
import { checkPublisher } from './pypi-identity';
import { sameDistribution } from './python-filename';
import { verifySigstoreBundle } from './sigstore-verify';
import { requireDigest, signedContentKey, singleSubject, statementOf, type Statement } from './statement';
import type { ArtifactVerdict, AttestationKind, SignerIdentity, VerifiedAttestation } from './verdict';

export const PYPI_PUBLISH_V1 = 'https://docs.pypi.org/attestations/publish/v1';
export const SLSA_PROVENANCE_V1 = 'https://slsa.dev/provenance/v1';

export function verifyPypiProvenance(doc: unknown, file: DistributionFile, trust: TrustContext): ArtifactVerdict {
  return withClaim(doc, guarded(() => {
    if (typeof file?.filename !== 'string' || typeof file.sha256 !== 'string' || !/^[0-9a-f]{64}$/i.test(file.sha256)) {
      fail('PARSE_INPUT', 'distribution file needs a filename and a 64-digit hex sha256');
    }
    const groups = readPypiDocument(doc);
    // Keyed by signed content: an attestation listed several times is counted once (after
    // every copy was checked, so a copy with bad log evidence still fails the document).
    const attestations = new Map<string, VerifiedAttestation>();
    let shown: SignerIdentity | undefined;
    const pairs = groups.flatMap((group) => group.bundles.map((bundleJson) => ({ group, bundleJson })));
    checkEach(pairs, ({ group, bundleJson }) => {
      const verified = verifySigstoreBundle(bundleJson, trust);
      if (!verified.certificate) fail('CERT_MISSING', 'PEP 740 attestations are certificate-signed');
      const statement = statementOf(verified.bundle);
      const kind = checkStatement(statement, file);
      const identity = identityFromCertificate(verified.certificate);
      checkPublisher(group.publisher, identity, verified.certificate);
      if (shown && !sameIdentity(shown, identity)) {
        fail('IDENTITY_SAN', `attestations disagree on the signer: ${shown.san} vs ${identity.san}`);
      }
      shown ??= identity;
      const key = signedContentKey(verified.bundle);
      if (!attestations.has(key)) attestations.set(key, { kind, predicateType: statement.predicateType, signer: identity, log: verified.log });
    });
    if (!shown) fail('POLICY_MISSING_ATTESTATION', 'no attestation in the provenance document');
    return { status: 'verified', attestations: [...attestations.values()], identity: shown };
  }));
}

function checkStatement(statement: Statement, file: DistributionFile): AttestationKind {
  const subject = singleSubject(statement);
  if (!sameDistribution(subject.name, file.filename)) {
    fail('SUBJECT_NAME', `subject ${subject.name} is not the distribution ${file.filename}`);
  }
  requireDigest(subject, 'sha256', file.sha256);
  if (statement.predicateType === PYPI_PUBLISH_V1) {
    const p = statement.predicate;
    const empty = p === null || p === undefined || (typeof p === 'object' && !Array.isArray(p) && Object.keys(p).length === 0);
    if (!empty) fail('POLICY_PREDICATE_TYPE', 'publish/v1 predicate must be empty');
    return 'pypi-publish';
  }
  if (statement.predicateType === SLSA_PROVENANCE_V1) return 'slsa-provenance';
  fail('POLICY_PREDICATE_TYPE', `unsupported predicate type ${statement.predicateType}`);
}

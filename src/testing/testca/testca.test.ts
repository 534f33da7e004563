// The test Sigstore instance is only useful if the real verifier accepts what it signs and
// rejects it once tampered with; these tests check that against @sigstore/verify directly.
import { createPublicKey, verify as nodeVerify } from 'node:crypto';
import { bundleFromJSON } from '@sigstore/bundle';
import { X509Certificate, crypto as sigstoreCrypto } from '@sigstore/core';
import { TrustedRoot } from '@sigstore/protobuf-specs';
import { Verifier, toSignedEntity, toTrustMaterial, type KeyFinderFunc, type Signer } from '@sigstore/verify';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createTestSigstore,
  fakeIntegrity,
  fakeSha256,
  githubIdentity,
  gitlabIdentity,
  googleIdentity,
  NPM_GITLAB_BUILD_TYPE,
  pep740ToBundle,
  SLSA_PROVENANCE_V02,
  SLSA_PROVENANCE_V1,
  type NpmKeysJson,
  type TestSigstore,
  type TrustedRootJson,
} from './index';

let ts: TestSigstore;
beforeAll(async () => {
  ts = await createTestSigstore();
});

function npmKeyFinder(keys: NpmKeysJson): KeyFinderFunc {
  return (hint) => {
    const key = keys.keys.find((k) => k.keyId === hint && k.keyUsage === 'npm:attestations');
    if (!key) throw new Error(`unknown key ${hint}`);
    const { start, end } = key.publicKey.validFor;
    return {
      publicKey: sigstoreCrypto.createPublicKey(Buffer.from(key.publicKey.rawBytes, 'base64')),
      validFor: (date) => new Date(start) <= date && (end === undefined || date <= new Date(end)),
    };
  };
}

function verify(bundleJson: unknown, root: TrustedRootJson = ts.trustedRoot): Signer {
  const trust = toTrustMaterial(TrustedRoot.fromJSON(root), npmKeyFinder(ts.npmKeys));
  const verifier = new Verifier(trust, { tlogThreshold: 1, ctlogThreshold: 1 });
  return verifier.verify(toSignedEntity(bundleFromJSON(bundleJson)));
}

function flipBit(b64: string, byteFromEnd = 1): string {
  const bytes = Buffer.from(b64, 'base64');
  const i = bytes.length - byteFromEnd;
  bytes[i] = (bytes[i] ?? 0) ^ 0x01;
  return bytes.toString('base64');
}

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return (e as { code?: string }).code ?? String(e);
  }
  return 'no error';
}

function extensionText(cert: X509Certificate, arc: number): string | undefined {
  const ext = cert.extension(`1.3.6.1.4.1.57264.1.${arc}`);
  return ext?.valueObj.subs[0]?.value.toString('utf8');
}

const github = githubIdentity('acme/widget', { ref: 'refs/tags/v1.2.0', trigger: 'release' });

describe('test CA: PyPI PEP 740 attestations', () => {
  it('verifies a GitHub publish attestation and carries the identity in the certificate', () => {
    const att = ts.pypiAttestation({ filename: 'widget-1.2.0.tar.gz', sha256: fakeSha256('w'), identity: github });
    const signer = verify(pep740ToBundle(att));
    const san = 'https://github.com/acme/widget/.github/workflows/release.yml@refs/tags/v1.2.0';
    expect(signer.identity?.subjectAlternativeName).toBe(san);
    expect(signer.identity?.extensions?.issuer).toBe('https://token.actions.githubusercontent.com');
    const cert = X509Certificate.parse(Buffer.from(att.verification_material.certificate, 'base64'));
    expect(extensionText(cert, 12)).toBe('https://github.com/acme/widget');
    expect(extensionText(cert, 14)).toBe('refs/tags/v1.2.0');
    expect(extensionText(cert, 18)).toBe(san);
    expect(extensionText(cert, 20)).toBe('release');
    expect(cert.extension('1.3.6.1.4.1.57264.1.5')?.value.toString('utf8')).toBe('acme/widget');
    const statement = JSON.parse(Buffer.from(att.envelope.statement, 'base64').toString('utf8'));
    expect(statement.subject).toEqual([{ name: 'widget-1.2.0.tar.gz', digest: { sha256: fakeSha256('w') } }]);
    expect(statement.predicate).toBeNull();
  });

  it('verifies GitLab and Google identities with their SANs', () => {
    const gitlab = ts.pypiAttestation({ filename: 'g-1.0.tar.gz', sha256: fakeSha256('g'), identity: gitlabIdentity('grp/proj') });
    expect(verify(pep740ToBundle(gitlab)).identity?.subjectAlternativeName).toBe(
      'https://gitlab.com/grp/proj//.gitlab-ci.yml@refs/tags/v1.0.0',
    );
    const google = ts.pypiAttestation({
      filename: 'x-1.0.tar.gz',
      sha256: fakeSha256('x'),
      identity: googleIdentity('release@acme.iam.gserviceaccount.com'),
    });
    const signer = verify(pep740ToBundle(google));
    expect(signer.identity?.subjectAlternativeName).toBe('release@acme.iam.gserviceaccount.com');
    expect(signer.identity?.extensions?.issuer).toBe('https://accounts.google.com');
  });

  it('verifies SLSA attestations and log indexes on both sides of 2^31', () => {
    const small = ts.pypiAttestation({ filename: 'w.whl', sha256: fakeSha256('1'), identity: github, logIndex: 12345 });
    const big = ts.pypiAttestation({
      filename: 'w.whl',
      sha256: fakeSha256('1'),
      identity: github,
      predicateType: SLSA_PROVENANCE_V1,
      logIndex: '3000000001',
      integratedTime: 1_700_000_000,
    });
    verify(pep740ToBundle(small));
    verify(pep740ToBundle(big));
    expect(big.verification_material.transparency_entries[0]?.logIndex).toBe('3000000001');
    const statement = JSON.parse(Buffer.from(big.envelope.statement, 'base64').toString('utf8'));
    expect(statement.predicate.buildDefinition.externalParameters.workflow.repository).toBe('https://github.com/acme/widget');
  });

  it('rejects a flipped signature bit, a tampered SET, proof hash and checkpoint', () => {
    const att = () => ts.pypiAttestation({ filename: 'w.tar.gz', sha256: fakeSha256('w'), identity: github });
    const sig = att();
    sig.envelope.signature = flipBit(sig.envelope.signature);
    expect(codeOf(() => verify(pep740ToBundle(sig)))).toMatch(/TLOG_BODY_ERROR|SIGNATURE_ERROR/);
    const set = att();
    const entry = set.verification_material.transparency_entries[0]!;
    entry.inclusionPromise.signedEntryTimestamp = flipBit(entry.inclusionPromise.signedEntryTimestamp);
    expect(codeOf(() => verify(pep740ToBundle(set)))).toBe('TLOG_INCLUSION_PROMISE_ERROR');
    const proof = att();
    const proofEntry = proof.verification_material.transparency_entries[0]!;
    proofEntry.inclusionProof.hashes[0] = flipBit(proofEntry.inclusionProof.hashes[0]!);
    expect(codeOf(() => verify(pep740ToBundle(proof)))).toBe('TLOG_INCLUSION_PROOF_ERROR');
    const note = att();
    const noteEntry = note.verification_material.transparency_entries[0]!;
    noteEntry.inclusionProof.checkpoint.envelope = noteEntry.inclusionProof.checkpoint.envelope.replace(/\n\d+\n/, '\n99\n');
    expect(codeOf(() => verify(pep740ToBundle(note)))).toBe('TLOG_INCLUSION_PROOF_ERROR');
  });

  it('rejects material from another test instance (unknown CA and logs)', async () => {
    const other = await createTestSigstore({ fresh: true });
    const att = other.pypiAttestation({ filename: 'w.tar.gz', sha256: fakeSha256('w'), identity: github });
    expect(codeOf(() => verify(pep740ToBundle(att)))).toBe('CERTIFICATE_ERROR');
    expect(verify(pep740ToBundle(att), other.trustedRoot).identity?.subjectAlternativeName).toContain('acme/widget');
  });
});

describe('test CA: npm attestations', () => {
  const version = { name: '@acme/widget', version: '1.2.0', integrity: fakeIntegrity('acme-widget-1.2.0') };

  it.each(['dsse', 'intoto'] as const)('verifies the publish and SLSA bundles (%s entries)', (tlogKind) => {
    const doc = ts.npmAttestations({ ...version, identity: github, slsa: 'v1', tlogKind });
    const [publish, slsa] = doc.attestations;
    expect(publish?.bundle.verificationMaterial.tlogEntries[0]?.kindVersion.kind).toBe(tlogKind);
    expect(verify(publish?.bundle).identity).toBeUndefined();
    expect(verify(slsa?.bundle).identity?.subjectAlternativeName).toContain('github.com/acme/widget/');
    const payload = JSON.parse(Buffer.from(slsa!.bundle.dsseEnvelope.payload, 'base64').toString('utf8'));
    expect(payload.subject[0].name).toBe('pkg:npm/%40acme/widget@1.2.0');
    expect(payload.subject[0].digest.sha512).toBe(Buffer.from(version.integrity.slice(7), 'base64').toString('hex'));
  });

  it('signs GitLab CI provenance as npm writes it: SLSA v0.2 under a GitLab.com certificate', () => {
    const doc = ts.npmAttestations({ ...version, identity: gitlabIdentity('grp/proj', { ref: 'refs/heads/main' }), jobName: 'deploy' });
    const slsa = doc.attestations[1]!;
    expect(slsa.predicateType).toBe(SLSA_PROVENANCE_V02);
    expect(verify(slsa.bundle).identity?.subjectAlternativeName).toBe('https://gitlab.com/grp/proj//.gitlab-ci.yml@refs/heads/main');
    const { predicate } = JSON.parse(Buffer.from(slsa.bundle.dsseEnvelope.payload, 'base64').toString('utf8'));
    expect(predicate.buildType).toBe(NPM_GITLAB_BUILD_TYPE);
    expect(predicate.invocation.configSource).toMatchObject({ uri: 'git+https://gitlab.com/grp/proj', entryPoint: 'deploy' });
    expect(predicate.invocation.parameters).toMatchObject({ CI_COMMIT_BRANCH: 'main', CI_COMMIT_REF_NAME: 'main' });
    expect(predicate.metadata.buildInvocationId).toMatch(/^https:\/\/gitlab\.com\/grp\/proj\/-\/jobs\/\d+$/);
  });

  it('rejects a flipped signature bit in either bundle', () => {
    for (const i of [0, 1]) {
      const doc = ts.npmAttestations({ ...version, identity: github, slsa: 'v1' });
      const bundle = doc.attestations[i]!.bundle;
      const signature = bundle.dsseEnvelope.signatures[0]!;
      signature.sig = flipBit(signature.sig);
      expect(codeOf(() => verify(bundle))).toMatch(/TLOG_BODY_ERROR|SIGNATURE_ERROR/);
    }
  });

  it('signs the registry signature over name@version:integrity with the npm:signatures key', () => {
    const { keyid, sig } = ts.npmRegistrySignature(version);
    const key = ts.npmKeys.keys.find((k) => k.keyId === keyid && k.keyUsage === 'npm:signatures');
    const publicKey = createPublicKey({ key: Buffer.from(key!.publicKey.rawBytes, 'base64'), format: 'der', type: 'spki' });
    const message = Buffer.from(`${version.name}@${version.version}:${version.integrity}`);
    expect(nodeVerify('sha256', message, publicKey, Buffer.from(sig, 'base64'))).toBe(true);
    expect(nodeVerify('sha256', Buffer.from(`${message}x`), publicKey, Buffer.from(sig, 'base64'))).toBe(false);
  });
});

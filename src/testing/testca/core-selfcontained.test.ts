// The core's main verdicts, covered without ../shared: provenance signed by the test Sigstore
// instance for identities chosen here, then broken one piece at a time.
import { beforeAll, describe, expect, it } from 'vitest';
import { createTrustContext, stageOf, verifyNpmAttestations, verifyPypiProvenance } from '../../core/index';
import type { ArtifactVerdict, TrustContext } from '../../core/index';
import {
  createTestSigstore,
  fakeIntegrity,
  fakeSha256,
  githubIdentity,
  gitlabIdentity,
  googleIdentity,
  pypiPublisherFor,
  resolveWorkflow,
  type IdentitySpec,
  type PypiProvenance,
  type TestSigstore,
} from './index';

let ts: TestSigstore;
let trust: TrustContext;
beforeAll(async () => {
  ts = await createTestSigstore();
  trust = createTrustContext({ trustedRoot: ts.trustedRoot, npmKeys: ts.npmKeys });
});

const github = githubIdentity('acme/widget', { ref: 'refs/tags/v2.0.0', trigger: 'release', runnerEnvironment: 'github-hosted' });
const file = { filename: 'widget-2.0.0-py3-none-any.whl', sha256: fakeSha256('widget-2.0.0') };

function provenance(identity: IdentitySpec, logIndex?: string): PypiProvenance {
  const attestation = ts.pypiAttestation({ ...file, identity, logIndex });
  return ts.pypiProvenance({ publisher: identity, attestations: [attestation] });
}

function expectInvalid(verdict: ArtifactVerdict, stages: string[]): void {
  expect(verdict.status).toBe('invalid');
  if (verdict.status !== 'invalid') return;
  expect(stages).toContain(stageOf(verdict.code));
}

function flip(b64: string): string {
  const bytes = Buffer.from(b64, 'base64');
  bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 0x01;
  return bytes.toString('base64');
}

describe('core on test-CA PyPI provenance', () => {
  it('verifies a GitHub publisher and shows the identity from the certificate', () => {
    const verdict = verifyPypiProvenance(provenance(github, '2272775999'), file, trust);
    expect(verdict.status).toBe('verified');
    if (verdict.status !== 'verified') return;
    const w = resolveWorkflow(github);
    expect(verdict.identity).toMatchObject({
      forge: 'github',
      issuer: 'https://token.actions.githubusercontent.com',
      repository: 'acme/widget',
      workflowPath: '.github/workflows/release.yml',
      ref: 'refs/tags/v2.0.0',
      commit: w.commit,
      trigger: 'release',
      runUrl: w.runUrl,
      repositoryId: w.repositoryId,
      ownerId: w.ownerId,
      runnerEnvironment: 'github-hosted',
    });
    expect(verdict.attestations[0]?.log.logIndex).toBe('2272775999');
  });

  it('verifies GitLab and Google publishers', () => {
    const gitlab = verifyPypiProvenance(provenance(gitlabIdentity('grp/sub/proj')), file, trust);
    expect(gitlab).toMatchObject({ status: 'verified', identity: { forge: 'gitlab', repository: 'grp/sub/proj' } });
    const email = 'publisher@acme.iam.gserviceaccount.com';
    const google = verifyPypiProvenance(provenance(googleIdentity(email)), file, trust);
    expect(google).toMatchObject({ status: 'verified', identity: { forge: 'google', san: email } });
  });

  it('rejects a wrong digest or filename (SUBJECT_)', () => {
    expectInvalid(verifyPypiProvenance(provenance(github), { ...file, sha256: fakeSha256('other') }, trust), ['SUBJECT']);
    expectInvalid(verifyPypiProvenance(provenance(github), { ...file, filename: 'widget-2.0.1-py3-none-any.whl' }, trust), ['SUBJECT']);
  });

  it('rejects another repository in the publisher object (IDENTITY_)', () => {
    const doc = provenance(github);
    const bundle = doc.attestation_bundles[0]!;
    bundle.publisher = pypiPublisherFor(githubIdentity('evil/widget'));
    expectInvalid(verifyPypiProvenance(doc, file, trust), ['IDENTITY']);
  });

  it('rejects a flipped signature byte, a tampered statement and a tampered log entry', () => {
    const sig = provenance(github);
    const sigAtt = sig.attestation_bundles[0]!.attestations[0]!;
    sigAtt.envelope.signature = flip(sigAtt.envelope.signature);
    expectInvalid(verifyPypiProvenance(sig, file, trust), ['SIGNATURE', 'TLOG']);

    const stmt = provenance(github);
    const stmtAtt = stmt.attestation_bundles[0]!.attestations[0]!;
    const statement = JSON.parse(Buffer.from(stmtAtt.envelope.statement, 'base64').toString('utf8'));
    statement.subject[0].name = 'widget-2.0.0-py3-none-any.whl ';
    stmtAtt.envelope.statement = Buffer.from(JSON.stringify(statement)).toString('base64');
    expectInvalid(verifyPypiProvenance(stmt, file, trust), ['SIGNATURE', 'TLOG']);

    const log = provenance(github);
    const entry = log.attestation_bundles[0]!.attestations[0]!.verification_material.transparency_entries[0]!;
    entry.integratedTime = String(Number(entry.integratedTime) + 1);
    expectInvalid(verifyPypiProvenance(log, file, trust), ['TLOG']);
  });

  it('does not verify provenance from a Sigstore instance the trusted root does not know', async () => {
    const other = await createTestSigstore({ fresh: true });
    const doc = other.pypiProvenance({ publisher: github, attestations: [other.pypiAttestation({ ...file, identity: github })] });
    expect(verifyPypiProvenance(doc, file, trust)).toMatchObject({ status: 'unavailable', code: 'TRUST_UNKNOWN_CA' });
  });
});

describe('core on test-CA npm attestations', () => {
  const version = { name: '@acme/widget', version: '2.0.0', integrity: fakeIntegrity('acme-widget-2.0.0') };
  const withSignature = () => ({ ...version, signatures: [ts.npmRegistrySignature(version)] });

  it.each(['dsse', 'intoto'] as const)('verifies publish + SLSA v1 (%s entries) with the certificate identity', (tlogKind) => {
    const doc = ts.npmAttestations({ ...version, identity: github, slsa: 'v1', tlogKind });
    const verdict = verifyNpmAttestations(doc, withSignature(), trust);
    expect(verdict).toMatchObject({
      status: 'verified',
      identity: { repository: 'acme/widget', workflowPath: '.github/workflows/release.yml', ref: 'refs/tags/v2.0.0' },
    });
    if (verdict.status === 'verified') {
      expect(verdict.attestations.map((a) => a.kind).sort()).toEqual(['npm-publish', 'slsa-provenance']);
    }
  });

  it('rejects another tarball, a flipped signature in either bundle, and a bad registry signature', () => {
    const doc = () => ts.npmAttestations({ ...version, identity: github, slsa: 'v1' });
    expectInvalid(verifyNpmAttestations(doc(), { ...version, integrity: fakeIntegrity('other') }, trust), ['SUBJECT']);
    for (const i of [0, 1]) {
      const broken = doc();
      const signature = broken.attestations[i]!.bundle.dsseEnvelope.signatures[0]!;
      signature.sig = flip(signature.sig);
      expectInvalid(verifyNpmAttestations(broken, withSignature(), trust), ['SIGNATURE', 'TLOG']);
    }
    const badSignature = { ...version, signatures: [{ ...ts.npmRegistrySignature(version), sig: flip(ts.npmRegistrySignature(version).sig) }] };
    expectInvalid(verifyNpmAttestations(doc(), badSignature, trust), ['SIGNATURE']);
  });
});

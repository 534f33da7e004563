// npm packages published from GitLab CI: npm's SLSA v0.2 GitLab predicate, signed by the test
// Sigstore instance under a GitLab.com certificate, then made to disagree one field at a time.
import { X509Certificate } from '@sigstore/core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createTestSigstore,
  fakeIntegrity,
  githubIdentity,
  gitlabIdentity,
  resolveWorkflow,
  type NpmAttestationsJson,
  type TestSigstore,
} from '../testing/testca/index';
import { identityFromCertificate } from './certificate';
import { createTrustContext, verifyNpmAttestations } from './index';
import { checkSlsaPredicate, SLSA_V02 } from './npm-slsa';
import type { TrustContext } from './api';

let ts: TestSigstore;
let trust: TrustContext;
beforeAll(async () => {
  ts = await createTestSigstore();
  trust = createTrustContext({ trustedRoot: ts.trustedRoot, npmKeys: ts.npmKeys });
});

const version = { name: '@grp/widget', version: '1.4.0', integrity: fakeIntegrity('grp-widget-1.4.0') };
const gitlab = gitlabIdentity('grp/sub/widget', { ref: 'refs/heads/main', runId: '4316132595' });
/** The fields of npm's GitLab predicate the edits below touch. */
interface GitlabPredicate {
  buildType: string;
  invocation: { configSource: { uri: string; digest: { sha1: string }; entryPoint: string }; parameters: Record<string, string> };
  metadata: { buildInvocationId: string };
  materials: { uri: string; digest: { sha1: string } }[];
}
type Edit = (p: GitlabPredicate) => void;

function publish(edit?: Edit, identity = gitlab): NpmAttestationsJson {
  return ts.npmAttestations({ ...version, identity, editPredicate: edit as ((p: Record<string, unknown>) => void) | undefined });
}

function verdictOf(doc: NpmAttestationsJson) {
  return verifyNpmAttestations(doc, { ...version, signatures: [ts.npmRegistrySignature(version)] }, trust);
}

/** The signed SLSA predicate and the certificate identity of a generated response. */
function slsaParts(doc: NpmAttestationsJson) {
  const bundle = doc.attestations[1]!.bundle;
  const raw = bundle.verificationMaterial.certificate?.rawBytes ?? bundle.verificationMaterial.x509CertificateChain!.certificates[0]!.rawBytes;
  const identity = identityFromCertificate(X509Certificate.parse(Buffer.from(raw, 'base64')));
  return { identity, predicate: JSON.parse(Buffer.from(bundle.dsseEnvelope.payload, 'base64').toString('utf8')).predicate as unknown };
}

describe('npm provenance from GitLab CI', () => {
  it.each([
    ['branch', gitlab],
    ['tag', gitlabIdentity('grp/sub/widget', { ref: 'refs/tags/v1.4.0', trigger: 'push' })],
  ])('verifies a %s pipeline and shows the identity from the certificate', (_kind, identity) => {
    const doc = publish(undefined, identity);
    expect(doc.attestations[1]?.predicateType).toBe(SLSA_V02);
    const w = resolveWorkflow(identity);
    const verdict = verdictOf(doc);
    expect(verdict).toMatchObject({
      status: 'verified',
      identity: {
        forge: 'gitlab',
        issuer: 'https://gitlab.com',
        san: `https://gitlab.com/grp/sub/widget//.gitlab-ci.yml@${w.ref}`,
        repository: 'grp/sub/widget',
        repositoryUrl: 'https://gitlab.com/grp/sub/widget',
        workflowPath: '.gitlab-ci.yml',
        ref: w.ref,
        commit: w.commit,
        runUrl: w.runUrl,
      },
    });
    if (verdict.status === 'verified') expect(verdict.attestations.map((a) => a.kind).sort()).toEqual(['npm-publish', 'slsa-provenance']);
  });

  it.each<[string, Edit]>([
    ['npm/CLI spelling of the build type (as in GitLab docs)', (p) => { p.buildType = 'https://github.com/npm/CLI/gitlab/v0alpha1'; }],
    ['a config source URI that names the ref', (p) => { p.invocation.configSource.uri = 'git+https://gitlab.com/grp/sub/widget@refs/heads/main'; }],
    ['another job name (not in the certificate)', (p) => { p.invocation.configSource.entryPoint = 'release'; }],
  ])('still verifies with %s', (_what, edit) => {
    expect(verdictOf(publish(edit))).toMatchObject({ status: 'verified', identity: { repository: 'grp/sub/widget' } });
  });

  const otherCommit = 'f'.repeat(40);
  it.each<[string, Edit]>([
    ['repository', (p) => { p.invocation.configSource.uri = 'git+https://gitlab.com/evil/widget'; }],
    ['repository case', (p) => { p.invocation.configSource.uri = 'git+https://gitlab.com/GRP/sub/widget'; }],
    ['ref in the URI', (p) => { p.invocation.configSource.uri = 'git+https://gitlab.com/grp/sub/widget@refs/heads/evil'; }],
    ['ref name', (p) => { p.invocation.parameters.CI_COMMIT_REF_NAME = 'evil'; }],
    ['branch', (p) => { p.invocation.parameters.CI_COMMIT_BRANCH = 'evil'; }],
    ['missing ref', (p) => { for (const k of ['CI_COMMIT_REF_NAME', 'CI_BUILD_REF_NAME', 'CI_COMMIT_BRANCH']) delete p.invocation.parameters[k]; }],
    ['commit', (p) => { p.invocation.configSource.digest.sha1 = otherCommit; }],
    ['commit parameter', (p) => { p.invocation.parameters.CI_COMMIT_SHA = otherCommit; }],
    ['material commit', (p) => { p.materials[0]!.digest.sha1 = otherCommit; }],
    ['project URL parameter', (p) => { p.invocation.parameters.CI_PROJECT_URL = 'https://gitlab.com/evil/widget'; }],
    ['invocation id', (p) => { p.metadata.buildInvocationId = 'https://gitlab.com/grp/sub/widget/-/jobs/1'; }],
    ['job URL parameter', (p) => { p.invocation.parameters.CI_JOB_URL = 'https://gitlab.com/grp/sub/widget/-/jobs/1'; }],
  ])('flags a predicate whose %s differs from the certificate', (_what, edit) => {
    expect(verdictOf(publish(edit))).toMatchObject({ status: 'invalid', code: 'IDENTITY_PREDICATE_MISMATCH' });
  });

  it.each([
    'https://github.com/npm/cli/gitlab/v1alpha1',
    'https://buildkite.com/npm-provenance/v0alpha1',
  ])('leaves build type %s unavailable', (buildType) => {
    const verdict = verdictOf(publish((p) => {
      p.buildType = buildType;
    }));
    expect(verdict).toMatchObject({ status: 'unavailable', code: 'POLICY_UNSUPPORTED_PUBLISHER' });
  });

  it('flags a GitLab predicate signed with a GitHub Actions certificate', () => {
    const { predicate } = slsaParts(publish());
    const { identity } = slsaParts(ts.npmAttestations({ ...version, identity: githubIdentity('grp/widget') }));
    expect(identity.forge).toBe('github');
    expect(() => checkSlsaPredicate(SLSA_V02, predicate, identity)).toThrow(expect.objectContaining({ code: 'IDENTITY_PREDICATE_MISMATCH' }));
  });

  it('flags a GitHub Actions predicate signed with a GitLab certificate', () => {
    const { predicate } = slsaParts(ts.npmAttestations({ ...version, identity: githubIdentity('grp/widget') }));
    const { identity } = slsaParts(publish());
    expect(identity.forge).toBe('gitlab');
    expect(() => checkSlsaPredicate('https://slsa.dev/provenance/v1', predicate, identity)).toThrow(
      expect.objectContaining({ code: 'IDENTITY_PREDICATE_MISMATCH' }),
    );
  });

  it('does not let an unsupported builder hide a failure elsewhere in the response', () => {
    const doc = publish((p) => {
      p.buildType = 'https://buildkite.com/npm-provenance/v0alpha1';
    });
    const publishEntry = doc.attestations.find((a) => a.predicateType.includes('npm/attestation'));
    const envelope = publishEntry?.bundle.dsseEnvelope as { signatures: { sig: string }[] } | undefined;
    const sig = envelope?.signatures[0];
    if (!sig) throw new Error('test CA response without a publish attestation');
    const bytes = Buffer.from(sig.sig, 'base64');
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 1;
    sig.sig = bytes.toString('base64');
    for (const order of [doc.attestations, [...doc.attestations].reverse()]) {
      expect(verdictOf({ attestations: order })).toMatchObject({ status: 'invalid' });
    }
  });

  it('accepts a certificate without a run URL but still checks everything else', () => {
    const { identity, predicate } = slsaParts(publish());
    delete identity.runUrl;
    expect(() => checkSlsaPredicate(SLSA_V02, predicate, identity)).not.toThrow();
    expect(() => checkSlsaPredicate(SLSA_V02, predicate, { ...identity, commit: otherCommit })).toThrow(
      expect.objectContaining({ code: 'IDENTITY_PREDICATE_MISMATCH' }),
    );
  });
});

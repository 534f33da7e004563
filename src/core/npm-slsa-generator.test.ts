// npm packages built by the SLSA framework's Node.js builder, a reusable workflow of another
// repository: signed by the test Sigstore instance with a certificate whose Build Signer URI
// (.9) is the builder and whose Build Config URI (.18) is the caller, then made to disagree.
import { X509Certificate } from '@sigstore/core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createTestSigstore,
  fakeIntegrity,
  githubIdentity,
  gitlabIdentity,
  resolveWorkflow,
  SLSA_NODEJS_BUILDER,
  type GitHubIdentitySpec,
  type NpmAttestationsJson,
  type TestSigstore,
} from '../testing/testca/index';
import type { TrustContext } from './api';
import { identityFromCertificate } from './certificate';
import { createTrustContext, verifyNpmAttestations } from './index';
import { checkSlsaPredicate, SLSA_V02, SLSA_V1 } from './npm-slsa';

let ts: TestSigstore;
let trust: TrustContext;
beforeAll(async () => {
  ts = await createTestSigstore();
  trust = createTrustContext({ trustedRoot: ts.trustedRoot, npmKeys: ts.npmKeys });
});

const version = { name: '@acme/widget', version: '3.1.0', integrity: fakeIntegrity('acme-widget-3.1.0') };
const caller = githubIdentity('acme/widget', { ref: 'refs/tags/v3.1.0', trigger: 'release', buildSignerUri: SLSA_NODEJS_BUILDER });
type Predicate = Record<string, Record<string, unknown>>;
type Edit = (p: Predicate) => void;

function publish(slsa: 'v1' | 'v0.2', edit?: Edit, identity: GitHubIdentitySpec = caller): NpmAttestationsJson {
  const editPredicate = edit as ((p: Record<string, unknown>) => void) | undefined;
  return ts.npmAttestations({ ...version, identity, slsa, builder: 'slsa-nodejs', editPredicate });
}

function verdictOf(doc: NpmAttestationsJson) {
  return verifyNpmAttestations(doc, { ...version, signatures: [ts.npmRegistrySignature(version)] }, trust);
}

/** The signed SLSA predicate and the certificate identity of a generated response. */
function slsaParts(doc: NpmAttestationsJson) {
  const bundle = doc.attestations[1]!.bundle;
  const raw = bundle.verificationMaterial.certificate?.rawBytes ?? bundle.verificationMaterial.x509CertificateChain!.certificates[0]!.rawBytes;
  const identity = identityFromCertificate(X509Certificate.parse(Buffer.from(raw, 'base64')));
  return { identity, predicate: (JSON.parse(Buffer.from(bundle.dsseEnvelope.payload, 'base64').toString('utf8')) as { predicate: unknown }).predicate };
}

const v1Param = (name: string, value: string): Edit => (p) => {
  (p.buildDefinition!.internalParameters as Record<string, string>)[name] = value;
};
const v02Env = (name: string, value: string): Edit => (p) => {
  (p.invocation!.environment as Record<string, string>)[name] = value;
};

describe('npm provenance from the SLSA Node.js builder', () => {
  it.each(['v1', 'v0.2'] as const)('verifies SLSA %s and shows caller and builder from the certificate', (slsa) => {
    const w = resolveWorkflow(caller);
    expect(verdictOf(publish(slsa))).toMatchObject({
      status: 'verified',
      identity: {
        forge: 'github',
        san: SLSA_NODEJS_BUILDER,
        repository: 'acme/widget',
        workflowPath: '.github/workflows/release.yml',
        buildConfigUri: w.buildConfigUri,
        ref: 'refs/tags/v3.1.0',
        commit: w.commit,
        builder: {
          uri: SLSA_NODEJS_BUILDER,
          repository: 'slsa-framework/slsa-github-generator',
          workflowPath: '.github/workflows/builder_nodejs_slsa3.yml',
          ref: 'refs/tags/v2.1.0',
          commit: w.buildSignerDigest,
        },
      },
    });
  });

  const otherBuilder = 'https://github.com/mallory/generator/.github/workflows/builder_nodejs_slsa3.yml@refs/tags/v2.1.0';
  const otherVersion = SLSA_NODEJS_BUILDER.replace('v2.1.0', 'v2.0.0');
  const otherCommit = 'f'.repeat(40);
  it.each<[string, Edit]>([
    ['builder id (another builder)', (p) => { (p.runDetails!.builder as Record<string, string>).id = otherBuilder; }],
    ['builder id (another version)', (p) => { (p.runDetails!.builder as Record<string, string>).id = otherVersion; }],
    ['GITHUB_REPOSITORY', v1Param('GITHUB_REPOSITORY', 'mallory/widget')],
    ['GITHUB_REF', v1Param('GITHUB_REF', 'refs/heads/evil')],
    ['GITHUB_SHA', v1Param('GITHUB_SHA', otherCommit)],
    ['GITHUB_WORKFLOW_REF', v1Param('GITHUB_WORKFLOW_REF', 'acme/widget/.github/workflows/other.yml@refs/tags/v3.1.0')],
    ['GITHUB_REPOSITORY_ID', v1Param('GITHUB_REPOSITORY_ID', '1')],
    ['resolved dependency', (p) => { (p.buildDefinition!.resolvedDependencies as { uri: string }[])[0]!.uri = 'git+https://github.com/mallory/widget@refs/tags/v3.1.0'; }],
    ['source commit', (p) => { (p.buildDefinition!.resolvedDependencies as { digest: { gitCommit: string } }[])[0]!.digest.gitCommit = otherCommit; }],
    ['invocation id', (p) => { (p.runDetails!.metadata as Record<string, string>).invocationId = 'https://github.com/acme/widget/actions/runs/1/attempts/1'; }],
  ])('flags a v1 predicate whose %s differs from the certificate', (_what, edit) => {
    expect(verdictOf(publish('v1', edit))).toMatchObject({ status: 'invalid', code: 'IDENTITY_PREDICATE_MISMATCH' });
  });

  it.each<[string, Edit]>([
    ['builder id', (p) => { (p.builder as Record<string, string>).id = otherBuilder; }],
    ['config source', (p) => { (p.invocation!.configSource as Record<string, string>).uri = 'git+https://github.com/acme/widget@refs/heads/evil'; }],
    ['entry point', (p) => { (p.invocation!.configSource as Record<string, string>).entryPoint = '.github/workflows/other.yml'; }],
    ['GITHUB_SHA', v02Env('GITHUB_SHA', otherCommit)],
    ['build invocation id', (p) => { (p.metadata as Record<string, string>).buildInvocationId = '1-1'; }],
  ])('flags a v0.2 predicate whose %s differs from the certificate', (_what, edit) => {
    expect(verdictOf(publish('v0.2', edit))).toMatchObject({ status: 'invalid', code: 'IDENTITY_PREDICATE_MISMATCH' });
  });

  it('flags a predicate that leaves out the builder id or the caller commit', () => {
    const noId: Edit = (p) => { delete (p.runDetails!.builder as Record<string, unknown>).id; };
    const noSha: Edit = (p) => { delete (p.buildDefinition!.internalParameters as Record<string, unknown>).GITHUB_SHA; };
    for (const edit of [noId, noSha]) {
      expect(verdictOf(publish('v1', edit))).toMatchObject({ status: 'invalid', code: 'IDENTITY_PREDICATE_MISMATCH' });
    }
  });

  it('flags a builder predicate under a certificate the caller workflow itself signed', () => {
    // Same caller and build, but .9 is the caller's release.yml: the predicate's builder did not sign.
    const direct = slsaParts(ts.npmAttestations({ ...version, identity: githubIdentity('acme/widget', { ref: 'refs/tags/v3.1.0', trigger: 'release' }) }));
    expect(direct.identity.builder).toBeUndefined();
    const { predicate, identity } = slsaParts(publish('v1'));
    expect(() => checkSlsaPredicate(SLSA_V1, predicate, identity)).not.toThrow();
    expect(() => checkSlsaPredicate(SLSA_V1, predicate, direct.identity)).toThrow(expect.objectContaining({ code: 'IDENTITY_PREDICATE_MISMATCH' }));
  });

  it('flags a builder predicate under a GitLab certificate', () => {
    const { predicate } = slsaParts(publish('v0.2'));
    const { identity } = slsaParts(ts.npmAttestations({ ...version, identity: gitlabIdentity('acme/widget') }));
    expect(() => checkSlsaPredicate(SLSA_V02, predicate, identity)).toThrow(expect.objectContaining({ code: 'IDENTITY_PREDICATE_MISMATCH' }));
  });

  it('verifies npm CLI provenance made inside an organisation-wide reusable workflow', () => {
    const shared = 'https://github.com/acme/.github/.github/workflows/npm-release.yml@refs/heads/main';
    const identity = githubIdentity('acme/widget', { ref: 'refs/tags/v3.1.0', buildSignerUri: shared });
    const doc = ts.npmAttestations({ ...version, identity });
    expect(verdictOf(doc)).toMatchObject({
      status: 'verified',
      identity: { workflowPath: '.github/workflows/release.yml', builder: { uri: shared, repository: 'acme/.github', ref: 'refs/heads/main' } },
    });
  });
});

// PEP 740 attestations signed inside a GitHub reusable workflow: the certificate's SAN and
// Build Signer URI (.9) name the reusable workflow, its Build Config URI (.18) the caller's
// workflow, which is what PyPI's Trusted Publisher names. Signed by the test Sigstore instance.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createTestSigstore,
  fakeSha256,
  githubIdentity,
  gitlabIdentity,
  pypiPublisherFor,
  resolveWorkflow,
  type IdentitySpec,
  type TestSigstore,
} from '../testing/testca/index';
import type { TrustContext } from './api';
import { createTrustContext, verifyPypiProvenance } from './index';

let ts: TestSigstore;
let trust: TrustContext;
beforeAll(async () => {
  ts = await createTestSigstore();
  trust = createTrustContext({ trustedRoot: ts.trustedRoot });
});

const file = { filename: 'widget-2.0.0-py3-none-any.whl', sha256: fakeSha256('widget-2.0.0-reusable') };
const shared = 'https://github.com/acme-org/release-workflows/.github/workflows/pypi.yml@refs/tags/v4';
const reusable = githubIdentity('acme/widget', { ref: 'refs/tags/v2.0.0', buildSignerUri: shared });

function attest(identity: IdentitySpec) {
  return ts.pypiAttestation({ ...file, identity });
}

describe('PyPI attestations from a GitHub reusable workflow', () => {
  it('verifies a bare attestation and shows the caller with its builder', () => {
    const w = resolveWorkflow(reusable);
    expect(verifyPypiProvenance(attest(reusable), file, trust)).toMatchObject({
      status: 'verified',
      identity: {
        san: shared,
        repository: 'acme/widget',
        workflowPath: '.github/workflows/release.yml',
        buildConfigUri: w.buildConfigUri,
        builder: {
          uri: shared,
          repository: 'acme-org/release-workflows',
          workflowPath: '.github/workflows/pypi.yml',
          ref: 'refs/tags/v4',
          commit: w.buildSignerDigest,
        },
      },
    });
  });

  it("verifies against a publisher claim naming the caller's workflow", () => {
    const doc = ts.pypiProvenance({ publisher: pypiPublisherFor(reusable), attestations: [attest(reusable)] });
    expect(pypiPublisherFor(reusable)).toMatchObject({ kind: 'GitHub', repository: 'acme/widget', workflow: 'release.yml' });
    expect(verifyPypiProvenance(doc, file, trust)).toMatchObject({ status: 'verified', identity: { builder: { uri: shared } } });
  });

  it("fails a publisher claim naming the reusable workflow's file instead of the caller's", () => {
    const claim = { kind: 'GitHub' as const, repository: 'acme/widget', workflow: 'pypi.yml', environment: null };
    const doc = ts.pypiProvenance({ publisher: claim, attestations: [attest(reusable)] });
    expect(verifyPypiProvenance(doc, file, trust)).toMatchObject({ status: 'invalid', code: 'IDENTITY_WORKFLOW' });
  });

  it.each([
    ['not a workflow file', 'https://github.com/acme-org/release-workflows/README.md@refs/tags/v4'],
    ['outside .github/workflows', 'https://github.com/acme-org/release-workflows/ci/pypi.yml@refs/tags/v4'],
    ['without a ref', 'https://github.com/acme-org/release-workflows/.github/workflows/pypi.yml'],
    ['on another host', 'https://example.com/acme-org/release-workflows/.github/workflows/pypi.yml@refs/tags/v4'],
  ])('fails a bare attestation whose signer is %s', (_what, signer) => {
    const identity = githubIdentity('acme/widget', { buildSignerUri: signer });
    expect(verifyPypiProvenance(attest(identity), file, trust)).toMatchObject({ status: 'invalid', code: 'IDENTITY_SAN' });
  });

  it('fails a bare GitLab attestation whose SAN is not its build config', () => {
    const identity = gitlabIdentity('grp/widget', { buildSignerUri: 'https://gitlab.com/other/ci//build.yml@refs/heads/main' });
    expect(verifyPypiProvenance(attest(identity), file, trust)).toMatchObject({ status: 'invalid', code: 'IDENTITY_SAN' });
  });

  it('shows no builder when the caller workflow signed itself', () => {
    const verdict = verifyPypiProvenance(attest(githubIdentity('acme/widget')), file, trust);
    expect(verdict.status).toBe('verified');
    if (verdict.status === 'verified') expect(verdict.identity?.builder).toBeUndefined();
  });

  it('refuses attestations of one file signed by two builder versions', () => {
    const older = githubIdentity('acme/widget', { ref: 'refs/tags/v2.0.0', buildSignerUri: shared.replace('@refs/tags/v4', '@refs/tags/v3') });
    const doc = { version: 1, attestation_bundles: [{ publisher: pypiPublisherFor(reusable), attestations: [attest(reusable), attest(older)] }] };
    expect(verifyPypiProvenance(doc, file, trust)).toMatchObject({ status: 'invalid', code: 'IDENTITY_SAN' });
  });
});

// Provenance as the SLSA framework's Node.js builder writes it (slsa-github-generator's BYOB
// delegator, build type `.../delegator-generic@v0`): v1 as its verify-token action builds the
// predicate for a builder (workflow details only in internalParameters), v0.2 as the builder's
// README documents it. The builder runs as a reusable workflow, so the certificate's Build
// Signer URI (.9) names the builder and its Build Config URI (.18) the caller.
import type { ResolvedWorkflow } from './identity';
import { SLSA_PROVENANCE_V02 } from './npm-gitlab';
import type { InTotoStatement } from './statements';
import { npmSubject, SLSA_PROVENANCE_V1 } from './statements';

export const SLSA_DELEGATOR_BUILD_TYPE = 'https://github.com/slsa-framework/slsa-github-generator/delegator-generic@v0';
/** The Node.js builder at a release tag, as callers must reference it. */
export const SLSA_NODEJS_BUILDER =
  'https://github.com/slsa-framework/slsa-github-generator/.github/workflows/builder_nodejs_slsa3.yml@refs/tags/v2.1.0';

/** The GITHUB_* values the generator copies from the caller's OIDC token. */
function githubContext(w: ResolvedWorkflow): Record<string, string> {
  return {
    GITHUB_ACTOR_ID: w.ownerId,
    GITHUB_EVENT_NAME: w.trigger,
    GITHUB_REF: w.ref,
    GITHUB_REF_TYPE: w.ref.startsWith('refs/tags/') ? 'tag' : 'branch',
    GITHUB_REPOSITORY: w.repository,
    GITHUB_REPOSITORY_ID: w.repositoryId,
    GITHUB_REPOSITORY_OWNER_ID: w.ownerId,
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_RUN_ID: w.runId,
    GITHUB_RUN_NUMBER: '17',
    GITHUB_SHA: w.commit,
    GITHUB_TRIGGERING_ACTOR_ID: w.ownerId,
    GITHUB_WORKFLOW_REF: `${w.repository}/${w.workflowPath}@${w.ref}`,
    GITHUB_WORKFLOW_SHA: w.commit,
  };
}

const BUILDER_INPUTS = { directory: '', 'node-version': '20', 'node-version-file': '', 'rekor-log-public': false, 'run-scripts': 'ci, build' };

export function slsaGeneratorV1Predicate(w: ResolvedWorkflow): Record<string, unknown> {
  return {
    buildDefinition: {
      buildType: SLSA_DELEGATOR_BUILD_TYPE,
      externalParameters: { inputs: BUILDER_INPUTS, vars: {} },
      internalParameters: { ...githubContext(w), GITHUB_EVENT_PAYLOAD: { ref: w.ref } },
      resolvedDependencies: [{ uri: `git+${w.repositoryUrl}@${w.ref}`, digest: { gitCommit: w.commit } }],
    },
    runDetails: {
      builder: { id: w.buildSignerUri },
      metadata: { invocationId: w.runUrl },
    },
  };
}

export function slsaGeneratorV02Predicate(w: ResolvedWorkflow): Record<string, unknown> {
  const source = { uri: `git+${w.repositoryUrl}@${w.ref}`, digest: { sha1: w.commit } };
  return {
    builder: { id: w.buildSignerUri },
    buildType: SLSA_DELEGATOR_BUILD_TYPE,
    invocation: {
      configSource: { ...source, entryPoint: w.workflowPath },
      parameters: { inputs: BUILDER_INPUTS },
      environment: { ...githubContext(w), IMAGE_OS: 'ubuntu22', RUNNER_ARCH: 'X64', RUNNER_OS: 'Linux' },
    },
    metadata: { buildInvocationId: `${w.runId}-1`, completeness: { parameters: true } },
    materials: [source],
  };
}

export function npmSlsaGeneratorStatement(
  name: string,
  version: string,
  integrity: string,
  w: ResolvedWorkflow,
  slsa: 'v1' | 'v0.2',
): InTotoStatement {
  const v1 = slsa === 'v1';
  return {
    _type: v1 ? 'https://in-toto.io/Statement/v1' : 'https://in-toto.io/Statement/v0.1',
    subject: npmSubject(name, version, integrity),
    predicateType: v1 ? SLSA_PROVENANCE_V1 : SLSA_PROVENANCE_V02,
    predicate: v1 ? slsaGeneratorV1Predicate(w) : slsaGeneratorV02Predicate(w),
  };
}

// The SLSA v0.2 statement `npm publish --provenance` writes on GitLab CI (npm/cli
// workspaces/libnpmpublish/lib/provenance.js, build type .../gitlab/v0alpha1). Values come
// from the resolved workflow, the way GitLab sets the job's CI_* variables for that build,
// so the certificate for the same workflow agrees with every field.
import type { ResolvedWorkflow } from './identity';
import { npmSubject, type InTotoStatement } from './statements';

export const SLSA_PROVENANCE_V02 = 'https://slsa.dev/provenance/v0.2';
export const NPM_GITLAB_BUILD_TYPE = 'https://github.com/npm/cli/gitlab/v0alpha1';
const STATEMENT_V01 = 'https://in-toto.io/Statement/v0.1';

/** CI_* variables of a GitLab.com job running `w`; a subset of what npm records, same names. */
function ciVariables(w: ResolvedWorkflow, jobName: string): Record<string, string> {
  const tag = w.ref.startsWith('refs/tags/');
  const refName = w.ref.replace(/^refs\/(heads|tags)\//, '');
  const namespace = w.repository.slice(0, w.repository.lastIndexOf('/'));
  return {
    CI: 'true',
    CI_BUILD_REF: w.commit,
    CI_BUILD_REF_NAME: refName,
    // GitLab sets CI_COMMIT_BRANCH only in branch pipelines (npm does not record CI_COMMIT_TAG).
    ...(tag ? {} : { CI_COMMIT_BRANCH: refName }),
    CI_COMMIT_REF_NAME: refName,
    CI_COMMIT_SHA: w.commit,
    CI_COMMIT_SHORT_SHA: w.commit.slice(0, 8),
    CI_CONFIG_PATH: w.workflowPath,
    CI_JOB_ID: w.runId,
    CI_JOB_NAME: jobName,
    CI_JOB_URL: w.runUrl,
    CI_PIPELINE_SOURCE: w.trigger,
    CI_PROJECT_ID: w.repositoryId,
    CI_PROJECT_NAMESPACE: namespace,
    CI_PROJECT_NAMESPACE_ID: w.ownerId,
    CI_PROJECT_PATH: w.repository,
    CI_PROJECT_URL: w.repositoryUrl,
    CI_PROJECT_VISIBILITY: w.visibility,
    CI_SERVER_URL: w.serverUrl,
    GITLAB_CI: 'true',
  };
}

export function npmGitlabV02Statement(name: string, version: string, integrity: string, w: ResolvedWorkflow, jobName: string): InTotoStatement {
  if (w.forge !== 'gitlab') throw new Error('the npm GitLab build type describes GitLab CI jobs only');
  const ci = ciVariables(w, jobName);
  const runnerId = w.runId.slice(-8);
  return {
    _type: STATEMENT_V01,
    subject: npmSubject(name, version, integrity),
    predicateType: SLSA_PROVENANCE_V02,
    predicate: {
      buildType: NPM_GITLAB_BUILD_TYPE,
      builder: { id: `${w.repositoryUrl}/-/runners/${runnerId}` },
      invocation: {
        configSource: { uri: `git+${w.repositoryUrl}`, digest: { sha1: w.commit }, entryPoint: jobName },
        parameters: ci,
        environment: {
          name: 'saas-linux-small-amd64.runners-manager.gitlab.com/default',
          architecture: 'linux/amd64',
          server: w.serverUrl,
          project: w.repository,
          job: { id: w.runId },
          pipeline: { id: w.runId.slice(0, 9), ref: w.workflowPath },
        },
      },
      metadata: {
        buildInvocationId: w.runUrl,
        completeness: { parameters: true, environment: true, materials: false },
        reproducible: false,
      },
      materials: [{ uri: `git+${w.repositoryUrl}`, digest: { sha1: w.commit } }],
    },
  };
}

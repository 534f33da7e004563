// Who the test Fulcio says signed: a GitHub or GitLab workflow, or a Google service account.
// Unset fields get stable defaults derived from the repository, so two calls with the same
// spec describe the same build and tests only spell out what they care about.
import { sha256Hex } from './keys';

export const GITHUB_ISSUER = 'https://token.actions.githubusercontent.com';
export const GITLAB_ISSUER = 'https://gitlab.com';
export const GOOGLE_ISSUER = 'https://accounts.google.com';

interface WorkflowIdentityFields {
  /** `owner/repo` (GitHub) or `group/project` (GitLab). */
  repository: string;
  /** Path inside the repository, e.g. `.github/workflows/release.yml` or `.gitlab-ci.yml`. */
  workflowPath?: string;
  /** Full git ref, e.g. `refs/tags/v1.0.0`. */
  ref?: string;
  /** 40-hex commit. */
  commit?: string;
  /** Event that started the build (`push`, `release`, ...). */
  trigger?: string;
  repositoryId?: string;
  ownerId?: string;
  runnerEnvironment?: string;
  /** GitHub run id / GitLab job id, used in the run URL (.21). */
  runId?: string;
  visibility?: string;
  /** Build signer URI (.9) when it differs from the build config URI (reusable workflows). */
  buildSignerUri?: string;
  /** Build signer digest (.10), the builder workflow's commit; derived from the URI by default. */
  buildSignerDigest?: string;
  /** Only the legacy extensions .1-.6, as Fulcio issued GitHub certificates before 2023. */
  legacyOnly?: boolean;
}

export interface GitHubIdentitySpec extends WorkflowIdentityFields {
  issuer: typeof GITHUB_ISSUER;
  /** Workflow `name:`, only in the legacy extension .4; defaults to the file's base name. */
  workflowName?: string;
}

export interface GitLabIdentitySpec extends WorkflowIdentityFields {
  issuer: typeof GITLAB_ISSUER;
}

export interface GoogleIdentitySpec {
  issuer: typeof GOOGLE_ISSUER;
  email: string;
}

export type IdentitySpec = GitHubIdentitySpec | GitLabIdentitySpec | GoogleIdentitySpec;

export function githubIdentity(repository: string, fields: Partial<Omit<GitHubIdentitySpec, 'issuer'>> = {}): GitHubIdentitySpec {
  return { issuer: GITHUB_ISSUER, repository, ...fields };
}

export function gitlabIdentity(repository: string, fields: Partial<Omit<GitLabIdentitySpec, 'issuer'>> = {}): GitLabIdentitySpec {
  return { issuer: GITLAB_ISSUER, repository, ...fields };
}

export function googleIdentity(email: string): GoogleIdentitySpec {
  return { issuer: GOOGLE_ISSUER, email };
}

/** A workflow identity with every field filled in: what the certificate and predicate state. */
export interface ResolvedWorkflow {
  forge: 'github' | 'gitlab';
  issuer: string;
  serverUrl: string;
  repository: string;
  repositoryUrl: string;
  workflowPath: string;
  workflowName: string;
  ref: string;
  commit: string;
  trigger: string;
  repositoryId: string;
  ownerId: string;
  ownerUrl: string;
  runnerEnvironment: string;
  runId: string;
  runUrl: string;
  visibility: string;
  buildConfigUri: string;
  buildSignerUri: string;
  buildSignerDigest: string;
}

function numericDefault(seed: string, digits: number): string {
  return (BigInt(`0x${sha256Hex(seed).slice(0, 15)}`) % 10n ** BigInt(digits)).toString().padStart(digits, '1');
}

export function resolveWorkflow(spec: GitHubIdentitySpec | GitLabIdentitySpec): ResolvedWorkflow {
  const github = spec.issuer === GITHUB_ISSUER;
  const serverUrl = github ? 'https://github.com' : 'https://gitlab.com';
  const repository = spec.repository;
  const owner = repository.slice(0, repository.lastIndexOf('/'));
  const workflowPath = spec.workflowPath ?? (github ? '.github/workflows/release.yml' : '.gitlab-ci.yml');
  const ref = spec.ref ?? 'refs/tags/v1.0.0';
  const runId = spec.runId ?? numericDefault(`run:${repository}:${ref}`, 10);
  const repositoryUrl = `${serverUrl}/${repository}`;
  // GitLab separates project path and CI file with `//` (its ci_config_ref_uri claim).
  const buildConfigUri = `${repositoryUrl}/${github ? '' : '/'}${workflowPath}@${ref}`;
  const commit = spec.commit ?? sha256Hex(`commit:${repository}:${ref}`).slice(0, 40);
  const buildSignerUri = spec.buildSignerUri ?? buildConfigUri;
  // A reusable workflow lives at its own commit; the caller's own workflow at the caller's.
  const buildSignerDigest = spec.buildSignerDigest ?? (buildSignerUri === buildConfigUri ? commit : sha256Hex(`builder:${buildSignerUri}`).slice(0, 40));
  const baseName = workflowPath.slice(workflowPath.lastIndexOf('/') + 1).replace(/\.ya?ml$/, '');
  return {
    forge: github ? 'github' : 'gitlab',
    issuer: spec.issuer,
    serverUrl,
    repository,
    repositoryUrl,
    workflowPath,
    workflowName: (github ? (spec as GitHubIdentitySpec).workflowName : undefined) ?? baseName,
    ref,
    commit,
    trigger: spec.trigger ?? 'push',
    repositoryId: spec.repositoryId ?? numericDefault(`repo:${repository}`, 9),
    ownerId: spec.ownerId ?? numericDefault(`owner:${owner}`, 8),
    ownerUrl: `${serverUrl}/${owner}`,
    runnerEnvironment: spec.runnerEnvironment ?? (github ? 'github-hosted' : 'gitlab-hosted'),
    runId,
    runUrl: github ? `${repositoryUrl}/actions/runs/${runId}/attempts/1` : `${repositoryUrl}/-/jobs/${runId}`,
    visibility: spec.visibility ?? 'public',
    buildConfigUri,
    buildSignerUri,
    buildSignerDigest,
  };
}

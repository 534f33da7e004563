// npm CLI's GitLab CI provenance (`npm publish --provenance` on GitLab.com, libnpmpublish
// lib/provenance.js since npm/cli#6526, mid-2023). It is SLSA v0.2:
//   buildType  https://github.com/npm/cli/gitlab/v0alpha1
//   invocation.configSource  {uri: git+$CI_PROJECT_URL, digest: {sha1: $CI_COMMIT_SHA}, entryPoint: $CI_JOB_NAME}
//   invocation.parameters    a fixed list of CI_* / GITLAB_* variables (unset ones are left out)
//   metadata.buildInvocationId  $CI_JOB_URL;  materials [{uri: git+$CI_PROJECT_URL, digest: {sha1}}]
// npm fills all of it from environment variables the job itself can change, while the Fulcio
// certificate comes from GitLab's signed ID token; so every value that names the build is
// checked against the certificate, and what we show comes from the certificate alone.
import { ISSUERS } from './certificate';
import { field, mismatch, same } from './npm-slsa-fields';
import type { SignerIdentity } from './verdict';

const BUILD_TYPE_PREFIX = 'https://github.com/npm/cli/gitlab/';
// The only version npm shipped (a `v1alpha1` draft was renamed before release).
const BUILD_TYPE_VERSION = 'v0alpha1';

export function isNpmGitlabBuildType(buildType: string | undefined): boolean {
  if (buildType === undefined) return false;
  // GitHub owner/repo paths are case-insensitive and GitLab's own documentation shows
  // `npm/CLI`, so both spell the same build type document.
  const prefix = buildType.slice(0, BUILD_TYPE_PREFIX.length).toLowerCase();
  return prefix === BUILD_TYPE_PREFIX && buildType.slice(BUILD_TYPE_PREFIX.length) === BUILD_TYPE_VERSION;
}

export function checkGitlabV02(p: Record<string, unknown>, id: SignerIdentity): void {
  // Public Fulcio issues GitLab identities for GitLab.com only, and npm accepts provenance from
  // GitLab.com only; any other signer is not the builder this predicate names.
  if (id.forge !== 'gitlab' || id.issuer !== ISSUERS.gitlab) {
    mismatch('builder', 'GitLab CI (https://gitlab.com)', id.issuer);
  }
  const source = ['invocation', 'configSource'];
  const uri = parseGitUri(field(p, ...source, 'uri'));
  same('config source repository', uri?.repository, id.repositoryUrl);
  same('config source commit', field(p, ...source, 'digest', 'sha1'), id.commit);
  const materials = Array.isArray(p.materials) ? (p.materials as unknown[]) : [];
  for (const material of materials) {
    same('material repository', parseGitUri(field(material, 'uri'))?.repository, id.repositoryUrl);
    same('material commit', field(material, 'digest', 'sha1'), id.commit);
  }
  checkRef(p, uri?.ref, id);
  const param = (name: string) => field(p, 'invocation', 'parameters', name);
  // Parameters are optional claims: when present they still have to describe this build.
  ifStated('parameter CI_PROJECT_URL', param('CI_PROJECT_URL'), id.repositoryUrl);
  ifStated('parameter CI_PROJECT_PATH', param('CI_PROJECT_PATH'), id.repository);
  ifStated('parameter CI_COMMIT_SHA', param('CI_COMMIT_SHA'), id.commit);
  // Deprecated alias of CI_COMMIT_SHA; npm records it whenever the job has it set.
  ifStated('parameter CI_BUILD_REF', param('CI_BUILD_REF'), id.commit);
  // A certificate without the run invocation URI (.21) cannot confirm the job; that alone is
  // not a contradiction.
  if (id.runUrl !== undefined) {
    ifStated('build invocation id', field(p, 'metadata', 'buildInvocationId'), id.runUrl);
    ifStated('parameter CI_JOB_URL', param('CI_JOB_URL'), id.runUrl);
  }
  // entryPoint is the job name, which the certificate does not carry; the CI file path it does
  // carry (.18) may point into another project, so CI_CONFIG_PATH is not compared either.
}

function ifStated(what: string, predicate: string | undefined, certificate: string | undefined): void {
  if (predicate !== undefined) same(what, predicate, certificate);
}

/** `git+https://gitlab.com/group/project`, optionally `@<ref>` (npm writes none today). */
function parseGitUri(uri: string | undefined): { repository: string; ref?: string } | undefined {
  const match = uri ? /^git\+(https:\/\/[^@]+)(?:@(.+))?$/.exec(uri) : null;
  if (!match?.[1]) return undefined;
  return match[2] === undefined ? { repository: match[1] } : { repository: match[1], ref: match[2] };
}

/**
 * The certificate's ref (.14) is `refs/heads/<branch>` or `refs/tags/<tag>`; npm records the
 * short names (CI_COMMIT_REF_NAME, and CI_COMMIT_BRANCH on branch pipelines only). At least
 * one ref claim must be there, or the predicate would not say which ref it built.
 */
function checkRef(p: Record<string, unknown>, uriRef: string | undefined, id: SignerIdentity): void {
  const param = (name: string) => field(p, 'invocation', 'parameters', name);
  const refName = param('CI_COMMIT_REF_NAME') ?? param('CI_BUILD_REF_NAME');
  const branch = param('CI_COMMIT_BRANCH');
  const tag = param('CI_COMMIT_TAG');
  if (uriRef === undefined && refName === undefined && branch === undefined && tag === undefined) {
    mismatch('source ref', undefined, id.ref);
  }
  if (uriRef !== undefined) same('config source ref', uriRef, id.ref);
  if (branch !== undefined) same('parameter CI_COMMIT_BRANCH', `refs/heads/${branch}`, id.ref);
  if (tag !== undefined) same('parameter CI_COMMIT_TAG', `refs/tags/${tag}`, id.ref);
  if (refName !== undefined && id.ref !== `refs/heads/${refName}` && id.ref !== `refs/tags/${refName}`) {
    mismatch('parameter CI_COMMIT_REF_NAME', refName, id.ref);
  }
}

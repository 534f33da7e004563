// Cross-checking an npm SLSA provenance predicate against the verified certificate: the
// predicate is signed too, but a builder that says one thing and a certificate that says
// another means one of them is not describing this build.
import { checkGeneratorPredicate, SLSA_DELEGATOR_BUILD_TYPE } from './npm-slsa-generator';
import { checkGitlabV02, isNpmGitlabBuildType } from './npm-slsa-gitlab';
import { field, same } from './npm-slsa-fields';
import { fail, isRecord } from './outcome';
import type { SignerIdentity } from './verdict';

export const SLSA_V1 = 'https://slsa.dev/provenance/v1';
export const SLSA_V02 = 'https://slsa.dev/provenance/v0.2';
const GITHUB_WORKFLOW_V1 = 'https://slsa-framework.github.io/github-actions-buildtypes/workflow/v1';
// npm CLI's GitHub Actions build types for v0.2 provenance: `.../gha@v0`, `.../gha/v2`.
const NPM_GHA = 'https://github.com/npm/cli/gha';

export function checkSlsaPredicate(predicateType: string, predicate: unknown, identity: SignerIdentity): void {
  if (!isRecord(predicate)) fail('IDENTITY_PREDICATE_MISMATCH', 'SLSA predicate is not an object');
  const buildType = field(predicate, 'buildDefinition', 'buildType') ?? field(predicate, 'buildType');
  // npm writes GitLab CI provenance only as SLSA v0.2; the build type names that layout.
  if (isNpmGitlabBuildType(buildType) && predicateType === SLSA_V02) return checkGitlabV02(predicate, identity);
  // The SLSA framework's builders (its Node.js builder) run as another repository's reusable
  // workflow: the certificate names both that builder and the caller.
  if (buildType === SLSA_DELEGATOR_BUILD_TYPE) return checkGeneratorPredicate(predicate, predicateType === SLSA_V1, identity);
  const npmGha = buildType?.startsWith(NPM_GHA) === true && /^(@|\/)v\d+$/.test(buildType.slice(NPM_GHA.length));
  const githubBuild = buildType === GITHUB_WORKFLOW_V1 || npmGha;
  // A GitHub Actions build signed by anyone but GitHub Actions contradicts itself.
  if (githubBuild && identity.forge !== 'github') {
    fail('IDENTITY_PREDICATE_MISMATCH', `SLSA build type ${buildType} but the certificate is from ${identity.issuer}`);
  }
  // Builders we have no cross-check for stay "couldn't check" rather than "failed".
  if (!githubBuild) fail('POLICY_UNSUPPORTED_PUBLISHER', `SLSA build type ${buildType ?? '(none)'} is not supported`);
  if (predicateType === SLSA_V1) return checkV1(predicate, identity);
  return checkV02(predicate, identity);
}

function checkV1(p: Record<string, unknown>, id: SignerIdentity): void {
  const wf = ['buildDefinition', 'externalParameters', 'workflow'];
  same('workflow repository', field(p, ...wf, 'repository'), id.repositoryUrl, true);
  same('workflow path', field(p, ...wf, 'path'), id.workflowPath);
  same('workflow ref', field(p, ...wf, 'ref'), id.ref);
  const deps = isRecord(p.buildDefinition) ? p.buildDefinition.resolvedDependencies : undefined;
  const first: unknown = Array.isArray(deps) ? deps[0] : undefined;
  same('source commit', field(first, 'digest', 'gitCommit'), id.commit);
  const invocation = field(p, 'runDetails', 'metadata', 'invocationId');
  if (invocation !== undefined && id.runUrl !== undefined) same('invocation id', invocation, id.runUrl);
}

function checkV02(p: Record<string, unknown>, id: SignerIdentity): void {
  const uri = field(p, 'invocation', 'configSource', 'uri');
  const match = uri ? /^git\+(https:\/\/[^@]+)@(.+)$/.exec(uri) : null;
  same('config source repository', match?.[1], id.repositoryUrl, true);
  same('config source ref', match?.[2], id.ref);
  same('config source commit', field(p, 'invocation', 'configSource', 'digest', 'sha1'), id.commit);
  // npm wrote the entry point either as `.github/workflows/x.yml` or as GITHUB_WORKFLOW_REF
  // (`owner/repo/.github/workflows/x.yml@ref`); reduce both to the path.
  let entry = field(p, 'invocation', 'configSource', 'entryPoint');
  if (entry !== undefined && id.repository && entry.toLowerCase().startsWith(`${id.repository.toLowerCase()}/`)) {
    entry = entry.slice(id.repository.length + 1);
  }
  if (entry?.includes('@')) entry = entry.slice(0, entry.lastIndexOf('@'));
  same('entry point', entry, id.workflowPath);
}

// Provenance written by the SLSA framework's GitHub builders (slsa-github-generator's BYOB
// "delegator", e.g. the Node.js builder `.github/workflows/builder_nodejs_slsa3.yml`). The build
// runs in the builder's reusable workflow, so the certificate's Build Signer URI (.9) names the
// builder and its Build Config URI (.18) the caller's workflow. Layouts:
//   v1   runDetails.builder.id = builder workflow URI with ref; buildDefinition.internalParameters
//        GITHUB_REPOSITORY / GITHUB_REF / GITHUB_SHA / GITHUB_WORKFLOW_REF (`o/r/<path>@<ref>`) /
//        GITHUB_REPOSITORY_ID / GITHUB_REPOSITORY_OWNER_ID; resolvedDependencies[0]
//        `git+https://github.com/o/r@<ref>` with digest.gitCommit; externalParameters.workflow
//        only when a generator (not a builder) wrote it; runDetails.metadata.invocationId = run URL.
//   v0.2 builder.id; invocation.configSource {uri `git+https://github.com/o/r@<ref>`, digest.sha1,
//        entryPoint = caller workflow path}; invocation.environment GITHUB_*; materials;
//        metadata.buildInvocationId `<run id>-<attempt>`.
// The builder fills these from its OIDC token, but they are still the predicate's words: each
// must agree with the certificate, and what we show comes from the certificate alone.
import { field, mismatch, same } from './npm-slsa-fields';
import { isRecord } from './outcome';
import type { SignerIdentity } from './verdict';
import { buildSignerUri, foldWorkflowUri } from './workflow-uri';

export const SLSA_DELEGATOR_BUILD_TYPE = 'https://github.com/slsa-framework/slsa-github-generator/delegator-generic@v0';
const GITHUB = 'https://github.com/';

export function checkGeneratorPredicate(p: Record<string, unknown>, v1: boolean, id: SignerIdentity): void {
  if (id.forge !== 'github') mismatch('builder', 'a GitHub Actions reusable workflow', id.issuer);
  // The builder's own id must be the workflow that signed: a predicate naming another builder
  // (or another version of it) does not describe this certificate's build.
  const builderId = v1 ? field(p, 'runDetails', 'builder', 'id') : field(p, 'builder', 'id');
  same('builder id', builderId, buildSignerUri(id));
  const env = v1 ? ['buildDefinition', 'internalParameters'] : ['invocation', 'environment'];
  const param = (name: string) => field(p, ...env, name);
  same('GITHUB_REPOSITORY', param('GITHUB_REPOSITORY'), id.repository, true);
  same('GITHUB_REF', param('GITHUB_REF'), id.ref);
  same('GITHUB_SHA', param('GITHUB_SHA'), id.commit);
  // The caller's workflow, `o/r/<path>@<ref>`: the certificate's Build Config URI without host.
  const workflowRef = param('GITHUB_WORKFLOW_REF');
  if (workflowRef !== undefined) {
    const config = id.buildConfigUri === undefined ? undefined : foldWorkflowUri(id.buildConfigUri);
    same('GITHUB_WORKFLOW_REF', foldWorkflowUri(GITHUB + workflowRef), config);
  }
  ifStated('GITHUB_REPOSITORY_ID', param('GITHUB_REPOSITORY_ID'), id.repositoryId);
  ifStated('GITHUB_REPOSITORY_OWNER_ID', param('GITHUB_REPOSITORY_OWNER_ID'), id.ownerId);
  if (v1) checkV1Source(p, id);
  else checkV02Source(p, id);
}

function checkV1Source(p: Record<string, unknown>, id: SignerIdentity): void {
  const deps = isRecord(p.buildDefinition) ? p.buildDefinition.resolvedDependencies : undefined;
  const first: unknown = Array.isArray(deps) ? deps[0] : undefined;
  checkGitSource('resolved dependency', field(first, 'uri'), id);
  same('source commit', field(first, 'digest', 'gitCommit'), id.commit);
  // A generator records the caller's workflow; a builder leaves it to GITHUB_WORKFLOW_REF.
  const workflow = ['buildDefinition', 'externalParameters', 'workflow'];
  const path = field(p, ...workflow, 'path');
  if (path !== undefined) same('workflow path', path, id.workflowPath);
  const repository = field(p, ...workflow, 'repository');
  if (repository !== undefined) {
    // Written as `git+https://github.com/o/r` by current generators, `o/r` by early ones.
    const url = repository.startsWith('git+') ? repository.slice(4) : repository;
    same('workflow repository', url.startsWith(GITHUB) ? url : GITHUB + url, id.repositoryUrl, true);
    same('workflow ref', field(p, ...workflow, 'ref'), id.ref);
  }
  const invocation = field(p, 'runDetails', 'metadata', 'invocationId');
  if (invocation !== undefined && id.runUrl !== undefined) same('invocation id', invocation, id.runUrl);
}

function checkV02Source(p: Record<string, unknown>, id: SignerIdentity): void {
  const source = ['invocation', 'configSource'];
  checkGitSource('config source', field(p, ...source, 'uri'), id);
  same('config source commit', field(p, ...source, 'digest', 'sha1'), id.commit);
  same('entry point', field(p, ...source, 'entryPoint'), id.workflowPath);
  const materials = Array.isArray(p.materials) ? (p.materials as unknown[]) : [];
  for (const material of materials) {
    checkGitSource('material', field(material, 'uri'), id);
    same('material commit', field(material, 'digest', 'sha1'), id.commit);
  }
  // `<run id>-<attempt>`, the tail of the certificate's run URL `.../actions/runs/<id>/attempts/<n>`.
  const invocation = field(p, 'metadata', 'buildInvocationId');
  const run = id.runUrl ? /\/actions\/runs\/(\d+)\/attempts\/(\d+)$/.exec(id.runUrl) : null;
  if (invocation !== undefined && run) same('build invocation id', invocation, `${run[1]}-${run[2]}`);
}

/**
 * `git+https://github.com/o/r@<ref>` names the caller's repository and ref. The generator leaves
 * the ref out when its workflow checked out a commit of its own choosing; the commit is then
 * still compared by the caller.
 */
function checkGitSource(what: string, uri: string | undefined, id: SignerIdentity): void {
  const match = uri ? /^git\+(https:\/\/[^@]+)(?:@(.*))?$/.exec(uri) : null;
  same(`${what} repository`, match?.[1], id.repositoryUrl, true);
  if (match?.[2] !== undefined && match[2] !== '') same(`${what} ref`, match[2], id.ref);
}

function ifStated(what: string, predicate: string | undefined, certificate: string | undefined): void {
  if (predicate !== undefined) same(what, predicate, certificate);
}

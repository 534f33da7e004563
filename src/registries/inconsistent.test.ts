// One release, one source (issue 13.10): the files of a release, each verified by the core from
// a test-CA attestation, combined into the package verdict.
import { beforeAll, describe, expect, it } from 'vitest';
import type { TrustContext } from '../core/api';
import { createTrustContext, verifyPypiProvenance } from '../core/index';
import type { FileVerdict } from '../core/verdict';
import {
  createTestSigstore,
  fakeSha256,
  githubIdentity,
  SLSA_NODEJS_BUILDER,
  type GitHubIdentitySpec,
  type TestSigstore,
} from '../testing/testca/index';
import { combineFileVerdicts } from './combine';

let ts: TestSigstore;
let trust: TrustContext;
beforeAll(async () => {
  ts = await createTestSigstore();
  trust = createTrustContext({ trustedRoot: ts.trustedRoot });
});

const pkg = { registry: 'pypi' as const, name: 'widget', version: '1.0.0' };
const names = ['widget-1.0.0.tar.gz', 'widget-1.0.0-py3-none-any.whl', 'widget-1.0.0-cp312-cp312-manylinux_2_17_x86_64.whl'];
const commit = (c: string) => c.repeat(40);

/** One verified file per identity, in order; `missing` adds a file without provenance. */
function release(identities: GitHubIdentitySpec[], missing = false) {
  const files: FileVerdict[] = identities.map((identity, i) => {
    const file = { filename: names[i]!, sha256: fakeSha256(names[i]!) };
    return { ...file, verdict: verifyPypiProvenance(ts.pypiAttestation({ ...file, identity }), file, trust) };
  });
  if (missing) files.push({ filename: 'widget-1.0.0-py2-none-any.whl', sha256: fakeSha256('py2'), verdict: { status: 'none' } });
  for (const f of files) expect(f.verdict.status).not.toBe('invalid');
  return combineFileVerdicts(pkg, files, 1);
}

const at = (ref: string, c: string, extra: Partial<GitHubIdentitySpec> = {}) => githubIdentity('acme/widget', { ref, commit: commit(c), ...extra });

describe('files of one release built from different sources', () => {
  it('is plain verified when every file comes from one build', () => {
    const verdict = release([at('refs/tags/v1.0.0', 'a'), at('refs/tags/v1.0.0', 'a')]);
    expect(verdict.status).toBe('verified');
    expect('inconsistent' in verdict).toBe(false);
  });

  it('stays verified and names the refs when the files were built from two tags', () => {
    expect(release([at('refs/tags/v1.0.0', 'a'), at('refs/tags/v1.0.0-fix', 'a'), at('refs/tags/v1.0.0', 'a')])).toMatchObject({
      status: 'verified',
      inconsistent: { field: 'ref', values: ['refs/tags/v1.0.0', 'refs/tags/v1.0.0-fix'] },
    });
  });

  it('names the commits when the ref is the same but the commit is not', () => {
    expect(release([at('refs/heads/main', 'a'), at('refs/heads/main', 'b')])).toMatchObject({
      status: 'verified',
      inconsistent: { field: 'commit', values: [commit('a'), commit('b')] },
    });
  });

  it('names the builders first, before refs and commits, and keeps partial partial', () => {
    const builder = { buildSignerUri: SLSA_NODEJS_BUILDER };
    const own = 'https://github.com/acme/widget/.github/workflows/release.yml@refs/tags/v1.0.0';
    expect(release([at('refs/tags/v1.0.0', 'a'), at('refs/tags/v1.0.1', 'b', builder)], true)).toMatchObject({
      status: 'partial',
      verifiedCount: 2,
      totalCount: 3,
      inconsistent: { field: 'builder', values: [own, SLSA_NODEJS_BUILDER] },
    });
    const older = { buildSignerUri: SLSA_NODEJS_BUILDER.replace('v2.1.0', 'v2.0.0') };
    expect(release([at('refs/tags/v1.0.0', 'a', builder), at('refs/tags/v1.0.0', 'a', older)])).toMatchObject({
      status: 'verified',
      inconsistent: { field: 'builder', values: [SLSA_NODEJS_BUILDER, older.buildSignerUri] },
    });
  });

  it('is invalid, not inconsistent, when a file comes from another repository or workflow', () => {
    const mallory = githubIdentity('mallory/widget', { ref: 'refs/tags/v1.0.0', commit: commit('a') });
    expect(release([at('refs/tags/v1.0.0', 'a'), mallory])).toMatchObject({ status: 'invalid', code: 'IDENTITY_REPOSITORY' });
    const otherWorkflow = at('refs/tags/v1.0.0', 'a', { workflowPath: '.github/workflows/other.yml' });
    expect(release([at('refs/tags/v1.0.0', 'a'), otherWorkflow])).toMatchObject({ status: 'invalid', code: 'IDENTITY_WORKFLOW' });
  });
});

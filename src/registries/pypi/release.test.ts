import { describe, expect, it } from 'vitest';
import type { TrustContext } from '../../core/api';
import type { ArtifactVerdict, SignerIdentity } from '../../core/verdict';
import type { AdapterDeps, Verifiers } from '../adapter';
import { fakeFetcher, type FakeRoute } from '../testing/fake-fetcher';
import { verifyPypiRelease } from './release';

const trust: TrustContext = { kind: 'trust-context', trustedRootDate: '2025-01-01' };
const sha = (c: string) => c.repeat(64);
const id = (repository: string, workflowPath = '.github/workflows/release.yml'): SignerIdentity => ({
  forge: 'github',
  issuer: 'https://token.actions.githubusercontent.com',
  san: `https://github.com/${repository}/${workflowPath}@refs/tags/v1`,
  repository,
  workflowPath,
});
const verified = (identity: SignerIdentity): ArtifactVerdict => ({ status: 'verified', identity, attestations: [] });

/** The fake verifier returns whatever the fake provenance document says it should. */
const verifiers: Verifiers = {
  verifyPypiProvenance: (doc) => (doc as { verdict: ArtifactVerdict }).verdict,
  verifyNpmAttestations: () => ({ status: 'none' }),
};

function release(files: Record<string, FakeRoute | undefined>): Record<string, FakeRoute> {
  const names = Object.keys(files);
  const routes: Record<string, FakeRoute> = {
    'https://pypi.org/pypi/demo/1.0/json': {
      info: { name: 'demo', version: '1.0' },
      urls: names.map((filename, i) => ({ filename, packagetype: 'sdist', digests: { sha256: sha(String(i)) } })),
    },
  };
  for (const [name, route] of Object.entries(files)) {
    if (route !== undefined) routes[`https://pypi.org/integrity/demo/1.0/${name}/provenance`] = route;
  }
  return routes;
}

function deps(routes: Record<string, FakeRoute>): AdapterDeps & { fetcher: ReturnType<typeof fakeFetcher> } {
  return { fetcher: fakeFetcher(routes), verifiers, trust, now: () => 42 };
}

const pkg = { registry: 'pypi' as const, name: 'demo', version: '1.0' };
const ok = (r = 'o/r') => ({ verdict: verified(id(r)) });

describe('verifyPypiRelease', () => {
  it('is verified when every file verifies, asking the Integrity API for each file', async () => {
    const d = deps(release({ 'demo-1.0.tar.gz': ok(), 'demo-1.0-py3-none-any.whl': ok() }));
    const v = await verifyPypiRelease(pkg, d);
    expect(v).toMatchObject({ status: 'verified', identity: { repository: 'o/r' }, checkedAt: 42 });
    expect(v.files.map((f) => f.sha256)).toEqual([sha('0'), sha('1')]);
    expect(d.fetcher.requests.filter((r) => r.accept === 'application/vnd.pypi.integrity.v1+json')).toHaveLength(2);
  });

  it('is partial when some files have no provenance (404)', async () => {
    const v = await verifyPypiRelease(pkg, deps(release({ 'a.tar.gz': ok(), 'b.whl': undefined, 'c.whl': undefined })));
    expect(v).toMatchObject({ status: 'partial', verifiedCount: 1, totalCount: 3 });
  });

  it('is none when no file has provenance, or the release has no files', async () => {
    expect(await verifyPypiRelease(pkg, deps(release({ 'a.tar.gz': undefined })))).toMatchObject({ status: 'none' });
    expect(await verifyPypiRelease(pkg, deps(release({})))).toMatchObject({ status: 'none', files: [] });
  });

  it('is invalid with the failing code when any file fails', async () => {
    const bad = { verdict: { status: 'invalid', code: 'SUBJECT_DIGEST', message: 'digest differs' } };
    const v = await verifyPypiRelease(pkg, deps(release({ 'a.tar.gz': ok(), 'b.whl': bad, 'c.whl': { status: 500 } })));
    expect(v).toMatchObject({ status: 'invalid', code: 'SUBJECT_DIGEST' });
  });

  it('is unavailable (retryable) on a fetch failure, never invalid', async () => {
    const v = await verifyPypiRelease(pkg, deps(release({ 'a.tar.gz': ok(), 'b.whl': { status: 0 } })));
    expect(v).toMatchObject({ status: 'unavailable', code: 'FETCH_NETWORK', retryable: true });
  });

  it('is unavailable, not retryable, when PyPI disabled provenance (403)', async () => {
    const v = await verifyPypiRelease(pkg, deps(release({ 'a.tar.gz': { status: 403 } })));
    expect(v).toMatchObject({ status: 'unavailable', code: 'FETCH_FORBIDDEN', retryable: false });
  });

  it('is invalid when files were built by different repositories or workflows', async () => {
    const two = await verifyPypiRelease(pkg, deps(release({ 'a.tar.gz': ok('o/r'), 'b.whl': ok('evil/r') })));
    expect(two).toMatchObject({ status: 'invalid', code: 'IDENTITY_REPOSITORY' });
    const wf = { verdict: verified(id('o/r', '.github/workflows/other.yml')) };
    expect(await verifyPypiRelease(pkg, deps(release({ 'a.tar.gz': ok(), 'b.whl': wf })))).toMatchObject({
      status: 'invalid',
      code: 'IDENTITY_WORKFLOW',
    });
    // GitHub names are case-insensitive: the same repository in another case is one publisher.
    expect(await verifyPypiRelease(pkg, deps(release({ 'a.tar.gz': ok('O/R'), 'b.whl': ok('o/r') })))).toMatchObject({
      status: 'verified',
    });
  });

  it('uses known verdicts instead of fetching', async () => {
    const d = deps(release({ 'a.tar.gz': undefined }));
    d.known = async (ref) => (ref.digest === sha('0') && ref.subject === 'a.tar.gz' ? verified(id('o/r')) : undefined);
    expect(await verifyPypiRelease(pkg, d)).toMatchObject({ status: 'verified' });
    expect(d.fetcher.requests).toHaveLength(1);
  });

  it('is unavailable when the release JSON is missing or malformed', async () => {
    expect(await verifyPypiRelease(pkg, deps({}))).toMatchObject({ status: 'unavailable', code: 'FETCH_NOT_FOUND' });
    const wrong = { 'https://pypi.org/pypi/demo/1.0/json': { info: { name: 'other', version: '1.0' }, urls: [] } };
    expect(await verifyPypiRelease(pkg, deps(wrong))).toMatchObject({ status: 'unavailable', code: 'PARSE_SHAPE' });
  });

  it('resolves latest through /pypi/<name>/json', async () => {
    const routes = { 'https://pypi.org/pypi/demo/json': { info: { name: 'Demo', version: '2.0' }, urls: [] } };
    const v = await verifyPypiRelease({ registry: 'pypi', name: 'demo' }, deps(routes));
    expect(v.pkg).toEqual({ registry: 'pypi', name: 'Demo', version: '2.0' });
  });
});

// Requests per PyPI release page (issue 14, item 6): the Simple API's `provenance` key spares an
// Integrity API request for every file it says has none; without a usable key, every file is
// probed as before. Counted on the fake fetcher, which records every request.
import { describe, expect, it } from 'vitest';
import type { TrustContext } from '../../core/api';
import type { ArtifactVerdict } from '../../core/verdict';
import type { AdapterDeps } from '../adapter';
import { fakeFetcher, type FakeFetcher, type FakeRoute } from '../testing/fake-fetcher';
import { provenanceUrl, releaseUrl } from './api';
import { verifyPypiRelease } from './release';
import { simpleUrl } from './simple-api';

const trust: TrustContext = { kind: 'trust-context', trustedRootDate: '2025-01-01' };
const identity = { forge: 'github' as const, issuer: 'https://token.actions.githubusercontent.com', san: 'https://github.com/o/r/.github/workflows/release.yml@refs/tags/v1', repository: 'o/r', workflowPath: '.github/workflows/release.yml' };
const verified: ArtifactVerdict = { status: 'verified', identity, attestations: [] };
const sha = (i: number) => String(i).repeat(64);
const FILES = ['demo-1.0.tar.gz', 'demo-1.0-py3-none-any.whl', 'demo-1.0-cp312-cp312-win_amd64.whl', 'demo-1.0-cp312-cp312-macosx_11_0_arm64.whl', 'demo-1.0-cp313-cp313-manylinux_2_17_x86_64.whl'];
/** The two files of five that have provenance. */
const ATTESTED = new Set(FILES.slice(0, 2));
const pkg = { registry: 'pypi' as const, name: 'Demo', version: '1.0' };

/** The 5-file release: JSON API, Integrity API for the attested two, and `simple` when given. */
function routes(simple?: unknown): Record<string, FakeRoute> {
  const r: Record<string, FakeRoute> = {
    [releaseUrl('Demo', '1.0').href]: { info: { name: 'Demo', version: '1.0' }, urls: FILES.map((filename, i) => ({ filename, packagetype: 'bdist_wheel', digests: { sha256: sha(i) } })) },
  };
  for (const f of ATTESTED) r[provenanceUrl('Demo', '1.0', f).href] = { verdict: verified };
  if (simple !== undefined) r[simpleUrl('Demo').href] = simple;
  return r;
}

/** A Simple API answer as PyPI gives it (normalized name, absolute provenance URLs), plus another release. */
function index(apiVersion = '1.4', provenanceOf = (f: string) => (ATTESTED.has(f) ? `https://pypi.org/integrity/demo/1.0/${f}/provenance` : null)) {
  const files = FILES.map((filename, i) => ({ filename, hashes: { sha256: sha(i) }, provenance: provenanceOf(filename) }));
  files.push({ filename: 'demo-0.9.tar.gz', hashes: { sha256: sha(9) }, provenance: null });
  return { meta: { 'api-version': apiVersion }, name: 'demo', versions: ['0.9', '1.0'], files };
}

function deps(r: Record<string, FakeRoute>): AdapterDeps & { fetcher: FakeFetcher } {
  return { fetcher: fakeFetcher(r), verifiers: { verifyPypiProvenance: (doc) => (doc as { verdict: ArtifactVerdict }).verdict, verifyNpmAttestations: () => ({ status: 'none' }) }, trust, now: () => 7 };
}

const integrityRequests = (d: { fetcher: FakeFetcher }) => d.fetcher.requests.filter((q) => q.url.startsWith('https://pypi.org/integrity/')).map((q) => q.url);

describe('PyPI requests per release page: 5 files, 2 with provenance', () => {
  it('before (no simple index answer): 6 requests, the JSON API and a probe per file', async () => {
    const d = deps(routes());
    expect(await verifyPypiRelease(pkg, d)).toMatchObject({ status: 'partial', verifiedCount: 2, totalCount: 5 });
    expect(d.fetcher.requests).toHaveLength(1 + 1 + 5); // JSON, simple (404), five probes
    expect(integrityRequests(d)).toHaveLength(5);
  });

  it('after: 4 requests, the JSON API, the Simple API and the two files it names', async () => {
    const d = deps(routes(index()));
    const v = await verifyPypiRelease(pkg, d);
    expect(v).toMatchObject({ status: 'partial', verifiedCount: 2, totalCount: 5, checkedAt: 7 });
    expect(v.files.map((f) => f.verdict.status)).toEqual(['verified', 'verified', 'none', 'none', 'none']);
    expect(d.fetcher.requests.map((q) => [q.url, q.accept])).toEqual([
      [releaseUrl('Demo', '1.0').href, 'application/json'],
      ['https://pypi.org/simple/demo/', 'application/vnd.pypi.simple.v1+json'],
      [provenanceUrl('Demo', '1.0', FILES[0]!).href, 'application/vnd.pypi.integrity.v1+json'],
      [provenanceUrl('Demo', '1.0', FILES[1]!).href, 'application/vnd.pypi.integrity.v1+json'],
    ]);
  });

  it('none of five attested: 2 requests instead of 6', async () => {
    const d = deps(routes(index('1.4', () => null)));
    expect(await verifyPypiRelease(pkg, d)).toMatchObject({ status: 'none' });
    expect(d.fetcher.requests).toHaveLength(2);
  });

  it('probes every file when the index is older than provenance (api-version 1.1) or of unknown major', async () => {
    for (const version of ['1.1', '2.0', 'x']) {
      const d = deps(routes(index(version)));
      expect(await verifyPypiRelease(pkg, d)).toMatchObject({ status: 'partial', verifiedCount: 2 });
      expect(integrityRequests(d)).toHaveLength(5);
    }
  });

  it('probes a file whose entry lacks the key, names a URL not ours, or is missing from the listing', async () => {
    const doc = index('1.4', (f) => (f === FILES[2] ? 'https://evil.example/integrity/demo/1.0/x/provenance' : ATTESTED.has(f) ? `/integrity/demo/1.0/${f}/provenance` : null));
    delete (doc.files[3] as { provenance?: unknown }).provenance;
    doc.files.splice(4, 1);
    const d = deps(routes(doc));
    expect(await verifyPypiRelease(pkg, d)).toMatchObject({ status: 'partial', verifiedCount: 2, totalCount: 5 });
    // The relative URLs resolve to ours and are fetched; files 2, 3 and 4 are probed; no evil.example.
    expect(integrityRequests(d)).toEqual(FILES.map((f) => provenanceUrl('Demo', '1.0', f).href));
    expect(d.fetcher.requests.some((q) => q.url.includes('evil.example'))).toBe(false);
  });

  it('asks nothing more than the JSON API and one probe for a one-file release', async () => {
    const one = { [releaseUrl('Demo', '1.0').href]: { info: { name: 'Demo', version: '1.0' }, urls: [{ filename: FILES[0], packagetype: 'sdist', digests: { sha256: sha(0) } }] }, [provenanceUrl('Demo', '1.0', FILES[0]!).href]: { verdict: verified } };
    const d = deps(one);
    expect(await verifyPypiRelease(pkg, d)).toMatchObject({ status: 'verified' });
    expect(d.fetcher.requests.map((q) => q.url)).toEqual([releaseUrl('Demo', '1.0').href, provenanceUrl('Demo', '1.0', FILES[0]!).href]);
  });

  it('skips the index when the cache already knows all but one file', async () => {
    const d = deps(routes(index()));
    d.known = async (ref) => (ref.subject === FILES[4] ? undefined : verified);
    // The one unknown file has no provenance (its probe is a 404): four of five verified.
    expect(await verifyPypiRelease(pkg, d)).toMatchObject({ status: 'partial', verifiedCount: 4, totalCount: 5 });
    expect(d.fetcher.requests.map((q) => q.url)).toEqual([releaseUrl('Demo', '1.0').href, provenanceUrl('Demo', '1.0', FILES[4]!).href]);
  });
});

describe('PyPI simple index that contradicts the JSON API', () => {
  // Retryable like the JSON API's own shape errors: the two answers may be from different moments.
  it('is unavailable PARSE_SHAPE when a digest disagrees, without asking the Integrity API', async () => {
    const doc = index();
    doc.files[1]!.hashes.sha256 = sha(8);
    const d = deps(routes(doc));
    expect(await verifyPypiRelease(pkg, d)).toMatchObject({ status: 'unavailable', code: 'PARSE_SHAPE', retryable: true, pkg: { name: 'Demo', version: '1.0' } });
    expect(integrityRequests(d)).toEqual([]);
  });

  it('is unavailable PARSE_SHAPE when the answer is for another project', async () => {
    const d = deps(routes({ ...index(), name: 'demo2' }));
    expect(await verifyPypiRelease(pkg, d)).toMatchObject({ status: 'unavailable', code: 'PARSE_SHAPE' });
    expect(integrityRequests(d)).toEqual([]);
  });
});

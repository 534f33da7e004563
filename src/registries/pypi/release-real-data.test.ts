// The PyPI adapter with the real core over REAL fixtures put in a misleading context (issue 13,
// items 4 and 6): a JSON API answer for another release, and a repeated attestation. Only the
// network is faked; release documents are composed from dists.json's real digests.
import { expect, it } from 'vitest';
import { createTrustContext, verifyNpmAttestations, verifyPypiProvenance } from '../../core/index';
import { describeRealData, readFixtureJson } from '../../testing/fixtures';
import type { AdapterDeps } from '../adapter';
import { fakeFetcher, type FakeFetcher, type FakeRoute } from '../testing/fake-fetcher';
import { provenanceUrl, releaseUrl } from './api';
import { verifyPypiRelease } from './release';
import { simpleUrl } from './simple-api';

const DISTS = 'pypi/pypi-attestations/dists.json';
const SDIST = 'pypi_attestations-0.0.19.tar.gz';
const PROVENANCE = 'pypi/pypi-attestations/pypi_attestations-0.0.19.tar.gz.provenance';
type Provenance = { attestation_bundles: { attestations: unknown[] }[] };

function deps(routes: Record<string, FakeRoute>): AdapterDeps & { fetcher: FakeFetcher } {
  const trust = createTrustContext({ trustedRoot: readFixtureJson('sigstore/trusted_root.json') });
  return { fetcher: fakeFetcher(routes), verifiers: { verifyPypiProvenance, verifyNpmAttestations }, trust, now: () => 0 };
}

/** The JSON API answer for pypi-attestations 0.0.19 (its sdist's real digest), served at `asked`. */
function routes(info: { name: string; version: string }, asked = '0.0.19', provenance: unknown = readFixtureJson(PROVENANCE)) {
  const dist = readFixtureJson<{ distributions: { filename: string; sha256: string }[] }>(DISTS).distributions.find((d) => d.filename === SDIST)!;
  const release = { info, urls: [{ filename: SDIST, packagetype: 'sdist', digests: { sha256: dist.sha256 } }] };
  return {
    [releaseUrl('pypi-attestations', asked).href]: release,
    // The adapter asks the Integrity API under the name the answer gives.
    [provenanceUrl(info.name, info.version, SDIST).href]: provenance,
  };
}

const pkg = (version: string) => ({ registry: 'pypi' as const, name: 'pypi-attestations', version });

describeRealData('PyPI adapter: the JSON API answer must be the release asked for', () => {
  it('verifies 0.0.19 when asked for 0.0.19, the name compared in PEP 503 form', async () => {
    const v = await verifyPypiRelease(pkg('0.0.19'), deps(routes({ name: 'PyPI_Attestations', version: '0.0.19' })));
    expect(v).toMatchObject({ status: 'verified', identity: { repository: 'trailofbits/pypi-attestations' } });
  });

  it("refuses 0.0.19's real, verifying files served as the answer for 0.0.20, without asking for provenance", async () => {
    const d = deps(routes({ name: 'pypi-attestations', version: '0.0.19' }, '0.0.20'));
    expect(await verifyPypiRelease(pkg('0.0.20'), d)).toMatchObject({ status: 'unavailable', code: 'PARSE_SHAPE', pkg: { version: '0.0.20' } });
    expect(d.fetcher.requests.map((r) => r.url)).toEqual([releaseUrl('pypi-attestations', '0.0.20').href]);
  });

  it('refuses an answer for another project', async () => {
    const v = await verifyPypiRelease(pkg('0.0.19'), deps(routes({ name: 'pypi-attestation', version: '0.0.19' })));
    expect(v).toMatchObject({ status: 'unavailable', code: 'PARSE_SHAPE' });
  });

  it('still resolves "latest" to whatever version the answer names', async () => {
    const latest = { [releaseUrl('pypi-attestations').href]: routes({ name: 'pypi-attestations', version: '0.0.19' })[releaseUrl('pypi-attestations', '0.0.19').href] };
    const v = await verifyPypiRelease({ registry: 'pypi', name: 'pypi-attestations' }, deps({ ...routes({ name: 'pypi-attestations', version: '0.0.19' }), ...latest }));
    expect(v).toMatchObject({ status: 'verified', pkg: { version: '0.0.19' } });
  });
});

describeRealData('PyPI adapter: a repeated attestation counts once', () => {
  it('lists the provenance’s one attestation once when PyPI lists it three times', async () => {
    const doc = structuredClone(readFixtureJson<Provenance>(PROVENANCE));
    const list = doc.attestation_bundles[0]!.attestations;
    list.push(structuredClone(list[0]), structuredClone(list[0]));
    const v = await verifyPypiRelease(pkg('0.0.19'), deps(routes({ name: 'pypi-attestations', version: '0.0.19' }, '0.0.19', doc)));
    expect(v).toMatchObject({ status: 'verified' });
    expect(v.status === 'verified' && v.attestations.length).toBe(1);
  });
});

/** sampleproject 4.0.0 as the JSON API and the Simple API list it, with dists.json's real digests. */
function sampleproject(wheelIndexSha?: string): Record<string, FakeRoute> {
  const dists = readFixtureJson<{ distributions: { filename: string; sha256: string }[] }>('pypi/sampleproject/dists.json').distributions;
  const files = ['sampleproject-4.0.0.tar.gz', 'sampleproject-4.0.0-py3-none-any.whl'].map((filename) => ({ filename, sha256: dists.find((d) => d.filename === filename)!.sha256 }));
  const index = files.map((f, i) => ({
    filename: f.filename,
    hashes: { sha256: i === 1 && wheelIndexSha ? wheelIndexSha : f.sha256 },
    provenance: i === 0 ? provenanceUrl('sampleproject', '4.0.0', f.filename).href : null,
  }));
  return {
    [releaseUrl('sampleproject', '4.0.0').href]: { info: { name: 'sampleproject', version: '4.0.0' }, urls: files.map((f) => ({ filename: f.filename, packagetype: 'sdist', digests: { sha256: f.sha256 } })) },
    [simpleUrl('sampleproject').href]: { meta: { 'api-version': '1.4' }, name: 'sampleproject', files: index },
    [provenanceUrl('sampleproject', '4.0.0', files[0]!.filename).href]: readFixtureJson('pypi/sampleproject/sampleproject-4.0.0.tar.gz.provenance'),
  };
}

describeRealData('PyPI adapter: the Simple API says which files have provenance', () => {
  const sample = { registry: 'pypi' as const, name: 'sampleproject', version: '4.0.0' };

  it('verifies the real sdist provenance and takes the wheel as none, in 3 requests', async () => {
    const d = deps(sampleproject());
    const v = await verifyPypiRelease(sample, d);
    expect(v).toMatchObject({ status: 'partial', verifiedCount: 1, totalCount: 2, identity: { repository: 'pypa/sampleproject' } });
    expect(d.fetcher.requests.map((r) => r.url)).toEqual([releaseUrl('sampleproject', '4.0.0').href, simpleUrl('sampleproject').href, provenanceUrl('sampleproject', '4.0.0', 'sampleproject-4.0.0.tar.gz').href]);
    // Only the provenance document stays out of the browser's HTTP cache (its verdict is kept by digest).
    expect(d.fetcher.requests.map((r) => r.keptByDigest === true)).toEqual([false, false, true]);
  });

  it('is unavailable PARSE_SHAPE when the index digest of the wheel is one hex digit off', async () => {
    const real = sampleproject()[releaseUrl('sampleproject', '4.0.0').href] as { urls: { digests: { sha256: string } }[] };
    const flipped = real.urls[1]!.digests.sha256.replace(/.$/, (c) => (c === '0' ? '1' : '0'));
    const d = deps(sampleproject(flipped));
    expect(await verifyPypiRelease(sample, d)).toMatchObject({ status: 'unavailable', code: 'PARSE_SHAPE' });
    expect(d.fetcher.requests.some((r) => r.url.includes('/integrity/'))).toBe(false);
  });
});

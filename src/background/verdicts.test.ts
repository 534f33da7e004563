import { describe, expect, it } from 'vitest';
import type { TrustContext } from '../core/api';
import { ProvenanceError } from '../core/errors';
import type { ArtifactVerdict, SignerIdentity } from '../core/verdict';
import type { Verifiers } from '../registries/adapter';
import type { FetchOutcome, Fetcher } from '../registries/fetcher';
import { fakeFetcher } from '../registries/testing/fake-fetcher';
import { createVerdictCache } from './cache';
import { fakeStorage } from './testing/fake-storage';
import { createVerdictService, type VerdictDeps } from './verdicts';
import { PYPI_ORIGIN } from '../registries/pypi/hosts';

const onPypi = (path: string) => new URL(path, PYPI_ORIGIN).href;

const trust: TrustContext = { kind: 'trust-context', trustedRootDate: '2025-01-01' };
const identity: SignerIdentity = { forge: 'github', issuer: 'https://token.actions.githubusercontent.com', san: 's', repository: 'o/r' };
const verified: ArtifactVerdict = { status: 'verified', identity, attestations: [] };
let verifications = 0;
const verifiers: Verifiers = {
  verifyPypiProvenance: () => (verifications++, verified),
  verifyNpmAttestations: () => ({ status: 'none' }),
};
const routes = {
  [onPypi('/pypi/demo/json')]: { info: { name: 'demo', version: '1.0' }, urls: [{ filename: 'demo-1.0.tar.gz', digests: { sha256: 'a'.repeat(64) } }] },
  [onPypi('/pypi/demo/1.0/json')]: { info: { name: 'demo', version: '1.0' }, urls: [{ filename: 'demo-1.0.tar.gz', digests: { sha256: 'a'.repeat(64) } }] },
  [onPypi('/integrity/demo/1.0/demo-1.0.tar.gz/provenance')]: { any: 'doc' },
};
const latest = { registry: 'pypi' as const, name: 'demo' };

function service(fetcher: Fetcher, extra: Partial<VerdictDeps> = {}) {
  let clock = 1_000;
  const now = () => clock;
  const cache = createVerdictCache(fakeStorage(), { trustVersion: () => 't', now });
  const svc = createVerdictService({ fetcher, verifiers, trust: () => trust, cache, now, ...extra });
  return { svc, advance: (ms: number) => (clock += ms) };
}

describe('verdict service', () => {
  it('fetches once for concurrent requests of the same package', async () => {
    const fetcher = fakeFetcher(routes);
    const { svc } = service(fetcher);
    const [a, b] = await Promise.all([svc.getVerdict(latest), svc.getVerdict(latest)]);
    expect(a).toBe(b);
    expect(a).toMatchObject({ status: 'verified', pkg: { version: '1.0' } });
    expect(fetcher.requests).toHaveLength(2);
  });

  it('answers a revisit from the cache, offline', async () => {
    const fetcher = fakeFetcher(routes);
    const { svc } = service(fetcher);
    await svc.getVerdict({ ...latest, version: '1.0' });
    const before = fetcher.requests.length;
    expect(await svc.getVerdict({ ...latest, version: '1.0' })).toMatchObject({ status: 'verified' });
    expect(fetcher.requests.length).toBe(before);
  });

  it('asks PyPI again after a while, so a file added to a release later is judged', async () => {
    const release = onPypi('/pypi/demo/1.0/json');
    const added = { filename: 'demo-1.0-py3-none-any.whl', digests: { sha256: 'b'.repeat(64) } };
    const original = { filename: 'demo-1.0.tar.gz', digests: { sha256: 'a'.repeat(64) } };
    const grown = { ...routes, [release]: { info: { name: 'demo', version: '1.0' }, urls: [original, added] } };
    let current: Record<string, unknown> = routes;
    const fetcher: Fetcher = (url, init) => fakeFetcher(current)(url, init);
    const { svc, advance } = service(fetcher);
    const pinnedVersion = { ...latest, version: '1.0' };
    expect(await svc.getVerdict(pinnedVersion)).toMatchObject({ status: 'verified' });
    current = grown; // the wheel has no provenance (no Integrity API route)
    expect(await svc.getVerdict(pinnedVersion)).toMatchObject({ status: 'verified' });
    advance(11 * 60_000);
    expect(await svc.getVerdict(pinnedVersion)).toMatchObject({ status: 'partial', verifiedCount: 1, totalCount: 2 });
  });

  it('re-resolves a stale latest page but falls back to the cache when offline', async () => {
    let online = true;
    const real = fakeFetcher(routes);
    const fetcher: Fetcher = (url, init) =>
      online ? real(url, init) : Promise.resolve<FetchOutcome>({ ok: false, code: 'FETCH_NETWORK', message: 'offline' });
    const { svc, advance } = service(fetcher);
    await svc.getVerdict(latest);
    advance(60 * 60_000);
    online = false;
    expect(await svc.getVerdict(latest)).toMatchObject({ status: 'verified' });
  });

  it('reuses cached file verdicts across a new request, and fresh skips them', async () => {
    const fetcher = fakeFetcher(routes);
    const { svc, advance } = service(fetcher);
    verifications = 0;
    await svc.getVerdict(latest);
    advance(60 * 60_000);
    await svc.getVerdict(latest);
    expect(verifications).toBe(1);
    await svc.getVerdict(latest, { fresh: true });
    expect(verifications).toBe(2);
  });

  it('is unavailable (never invalid) when trust material cannot load', async () => {
    const { svc } = service(fakeFetcher(routes), {
      trust: () => {
        throw new ProvenanceError('TRUST_MATERIAL', 'bad root');
      },
    });
    expect(await svc.getVerdict(latest)).toMatchObject({ status: 'unavailable', code: 'TRUST_MATERIAL', pkg: { version: '' } });
  });
});

import { describe, expect, it } from 'vitest';
import type { TrustContext } from '../core/api';
import { ProvenanceError } from '../core/errors';
import type { ErrorCode } from '../core/errors';
import type { ArtifactVerdict, FileVerdict, SignerIdentity } from '../core/verdict';
import { combineFileVerdicts, unavailableVerdict } from '../registries/combine';
import type { Verifiers } from '../registries/adapter';
import type { FetchOutcome, Fetcher } from '../registries/fetcher';
import { fakeFetcher } from '../registries/testing/fake-fetcher';
import { createVerdictCache } from './cache';
import { fakeStorage } from './testing/fake-storage';
import { mayStandIn } from './stand-in';
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

/** The fake registry, saying each good answer stays fresh `ms`; notes which reads were revalidated. */
function saying(inner: ReturnType<typeof fakeFetcher>, ms: number) {
  const revalidated: boolean[] = [];
  const fetcher = async (url: URL, init: Parameters<Fetcher>[1]): Promise<FetchOutcome> => {
    revalidated.push(init.revalidate === true);
    const outcome = await inner(url, init);
    return outcome.ok ? { ...outcome, freshForMs: ms } : outcome;
  };
  return Object.assign(fetcher, { requests: inner.requests, revalidated });
}

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
    // The release JSON, the Simple API (asked beside it: nothing was known) and the one file's provenance, each once.
    const paths = fetcher.requests.map((r) => new URL(r.url).pathname);
    expect(paths.sort()).toEqual(['/integrity/demo/1.0/demo-1.0.tar.gz/provenance', '/pypi/demo/json', '/simple/demo/']);
  });

  it('asks for the release document again on a revisit, but verifies no file twice', async () => {
    const fetcher = fakeFetcher(routes);
    const { svc } = service(fetcher);
    verifications = 0;
    await svc.getVerdict({ ...latest, version: '1.0' });
    const before = fetcher.requests.length;
    expect(await svc.getVerdict({ ...latest, version: '1.0' })).toMatchObject({ status: 'verified' });
    expect(fetcher.requests.slice(before).map((r) => r.url)).toEqual([onPypi('/pypi/demo/1.0/json')]);
    expect(verifications).toBe(1);
  });

  // Found by the issue-14 attack review: a cached answer kept for 10 minutes badged a release
  // "verified" after an unattested wheel was added to it, and a "latest" page with the version
  // it pointed at before.
  it('judges a file added to a release on the very next visit', async () => {
    const release = onPypi('/pypi/demo/1.0/json');
    const added = { filename: 'demo-1.0-py3-none-any.whl', digests: { sha256: 'b'.repeat(64) } };
    const original = { filename: 'demo-1.0.tar.gz', digests: { sha256: 'a'.repeat(64) } };
    const grown = { ...routes, [release]: { info: { name: 'demo', version: '1.0' }, urls: [original, added] } };
    let current: Record<string, unknown> = routes;
    const fetcher: Fetcher = (url, init) => fakeFetcher(current)(url, init);
    const { svc } = service(fetcher);
    const pinnedVersion = { ...latest, version: '1.0' };
    expect(await svc.getVerdict(pinnedVersion)).toMatchObject({ status: 'verified' });
    current = grown; // the wheel has no provenance (no Integrity API route)
    expect(await svc.getVerdict(pinnedVersion)).toMatchObject({ status: 'partial', verifiedCount: 1, totalCount: 2 });
  });

  it('names the new version on the very next visit of a "latest" page', async () => {
    const moved = {
      ...routes,
      [onPypi('/pypi/demo/json')]: { info: { name: 'demo', version: '1.1' }, urls: [{ filename: 'demo-1.1.tar.gz', digests: { sha256: 'c'.repeat(64) } }] },
      [onPypi('/pypi/demo/1.1/json')]: { info: { name: 'demo', version: '1.1' }, urls: [{ filename: 'demo-1.1.tar.gz', digests: { sha256: 'c'.repeat(64) } }] },
    };
    let current: Record<string, unknown> = routes;
    const fetcher: Fetcher = (url, init) => fakeFetcher(current)(url, init);
    const { svc } = service(fetcher);
    expect(await svc.getVerdict(latest)).toMatchObject({ status: 'verified', pkg: { version: '1.0' } });
    current = moved; // 1.1 has no provenance
    expect(await svc.getVerdict(latest)).toMatchObject({ status: 'none', pkg: { version: '1.1' } });
  });

  it('answers a revisit from the cache while the registry says its documents are fresh, and asks once they are not', async () => {
    const fetcher = saying(fakeFetcher(routes), 600_000);
    const { svc, advance } = service(fetcher);
    const release = { ...latest, version: '1.0' };
    await svc.getVerdict(release);
    const before = fetcher.requests.length;
    advance(599_000);
    expect(await svc.getVerdict(release)).toMatchObject({ status: 'verified' });
    expect(fetcher.requests.length).toBe(before);
    advance(2_000);
    expect(await svc.getVerdict(release)).toMatchObject({ status: 'verified' });
    expect(fetcher.requests.slice(before).map((r) => r.url)).toEqual([onPypi('/pypi/demo/1.0/json')]);
  });

  it('keeps an answer as long as its release document is fresh, whatever its provenance documents say', async () => {
    const base = fakeFetcher(routes);
    const provenanceBrief: Fetcher = async (url, init) => {
      const outcome = await base(url, init);
      if (!outcome.ok) return outcome;
      return { ...outcome, freshForMs: url.pathname.startsWith('/integrity/') ? 60_000 : 300_000 };
    };
    const { svc, advance } = service(provenanceBrief);
    await svc.getVerdict(latest);
    const before = base.requests.length;
    advance(61_000);
    await svc.getVerdict(latest);
    expect(base.requests.length, 'the provenance went stale, the release did not').toBe(before);
    advance(240_000);
    await svc.getVerdict(latest);
    expect(base.requests.slice(before).map((r) => r.url)).toEqual([onPypi('/pypi/demo/json')]);
  });

  it('a retry asks past the browser cache, every request of it', async () => {
    const fetcher = saying(fakeFetcher(routes), 600_000);
    const { svc } = service(fetcher);
    await svc.getVerdict(latest);
    expect(fetcher.revalidated).toEqual([false, false, false]);
    await svc.getVerdict(latest, { fresh: true });
    expect(fetcher.revalidated).toEqual([false, false, false, true, true, true]);
  });

  it('`revalidate` asks the registry past any cache but verifies no known file again', async () => {
    const fetcher = saying(fakeFetcher(routes), 600_000);
    const { svc } = service(fetcher);
    verifications = 0;
    await svc.getVerdict(latest);
    expect(await svc.getVerdict(latest, { revalidate: true })).toMatchObject({ status: 'verified' });
    // The first visit asked three (the JSON, the Simple API beside it, the file); now the JSON alone.
    expect(fetcher.requests.slice(3).map((r) => r.url)).toEqual([onPypi('/pypi/demo/json')]);
    expect(fetcher.revalidated.slice(3)).toEqual([true]);
    expect(verifications).toBe(1);
  });

  it('does not believe a stored freshness beyond 15 minutes after it was saved (storage written by someone else)', async () => {
    const storage = fakeStorage();
    let clock = 1_000;
    const now = () => clock;
    const fetcher = saying(fakeFetcher(routes), 10 * 24 * 3_600_000);
    const cache = createVerdictCache(storage, { trustVersion: () => 't', now });
    const svc = createVerdictService({ fetcher, verifiers, trust: () => trust, cache, now });
    await svc.getVerdict(latest);
    await new Promise((resolve) => setTimeout(resolve, 0));
    // Storage written by someone else: a freshness a year away.
    const all = await storage.get(null);
    for (const [key, value] of Object.entries(all)) {
      if (key.startsWith('pk|')) await storage.set({ [key]: { ...(value as object), index: { ...(value as { index: object }).index, freshUntil: clock + 365 * 24 * 3_600_000 } } });
    }
    const reread = createVerdictService({ fetcher, verifiers, trust: () => trust, cache: createVerdictCache(storage, { trustVersion: () => 't', now }), now });
    clock += 15 * 60_000 + 1;
    const before = fetcher.requests.length;
    await reread.getVerdict(latest);
    expect(fetcher.requests.length).toBe(before + 1);
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

describe('the last good verdict stands in for a failed check', () => {
  const sdist = { filename: 'demo-1.0.tar.gz', digests: { sha256: 'a'.repeat(64) } };
  const doc = (version: string, urls: unknown[]) => ({ info: { name: 'demo', version }, urls });
  /** A service whose routes can change, and go offline. */
  function switchable() {
    let current: Record<string, unknown> = routes;
    let online = true;
    const fetcher: Fetcher = (url, init) =>
      online ? fakeFetcher(current)(url, init) : Promise.resolve<FetchOutcome>({ ok: false, code: 'FETCH_NETWORK', message: 'offline' });
    return { ...service(fetcher), serve: (next: Record<string, unknown>) => (current = next), offline: () => (online = false) };
  }

  it('not when latest now resolves to another version, then or later offline', async () => {
    const w = switchable();
    expect(await w.svc.getVerdict(latest)).toMatchObject({ status: 'verified', pkg: { version: '1.0' } });
    const sdist2 = { filename: 'demo-2.0.tar.gz', digests: { sha256: 'b'.repeat(64) } };
    w.serve({ [onPypi('/pypi/demo/json')]: doc('2.0', [sdist2]), [onPypi('/integrity/demo/2.0/demo-2.0.tar.gz/provenance')]: { status: 503 } });
    w.advance(11 * 60_000);
    expect(await w.svc.getVerdict(latest)).toMatchObject({ status: 'unavailable', code: 'FETCH_HTTP_STATUS', pkg: { version: '2.0' } });
    w.offline(); // the registry said latest is 2.0: what 1.0 was no longer answers for latest
    expect(await w.svc.getVerdict(latest)).toMatchObject({ status: 'unavailable', code: 'FETCH_NETWORK', pkg: { version: '' } });
  });

  it('not when the release lists a file it was not decided over, then or later offline', async () => {
    const w = switchable();
    const release = { ...latest, version: '1.0' };
    await w.svc.getVerdict(release);
    const wheel = { filename: 'demo-1.0-py3-none-any.whl', digests: { sha256: 'c'.repeat(64) } };
    w.serve({ ...routes, [onPypi('/pypi/demo/1.0/json')]: doc('1.0', [sdist, wheel]), [onPypi('/integrity/demo/1.0/demo-1.0-py3-none-any.whl/provenance')]: { status: 502 } });
    w.advance(11 * 60_000);
    expect(await w.svc.getVerdict(release)).toMatchObject({ status: 'unavailable', code: 'FETCH_HTTP_STATUS', files: { length: 2 } });
    w.offline();
    expect(await w.svc.getVerdict(release)).toMatchObject({ status: 'unavailable', code: 'FETCH_NETWORK' });
  });

  const pkg = { registry: 'pypi' as const, name: 'demo', version: '1.0' };
  const file = (sha: string, verdict: ArtifactVerdict = verified, filename = 'demo-1.0.tar.gz'): FileVerdict => ({ filename, sha256: sha.repeat(64), verdict });
  const down = (code: ErrorCode): ArtifactVerdict => ({ status: 'unavailable', code, message: 'm' });
  const last = combineFileVerdicts(pkg, [file('a')], 1);
  const wheel = (verdict: ArtifactVerdict = verified) => file('c', verdict, 'demo-1.0-py3-none-any.whl');

  it.each([
    ['the registry unreachable on a latest page', unavailableVerdict({ registry: 'pypi', name: 'demo' }, 'FETCH_NETWORK', 'm', 2), true],
    ['the release document timing out', unavailableVerdict(pkg, 'FETCH_TIMEOUT', 'm', 2), true],
    ['the same files, one of them timing out', combineFileVerdicts(pkg, [file('a', down('FETCH_TIMEOUT'))], 2), true],
    ['another name, unreachable', unavailableVerdict({ registry: 'pypi', name: 'other' }, 'FETCH_NETWORK', 'm', 2), false],
    ['a release document of the wrong shape', unavailableVerdict(pkg, 'PARSE_SHAPE', 'm', 2), false],
    ['a file whose provenance is refused', combineFileVerdicts(pkg, [file('a', down('FETCH_FORBIDDEN'))], 2), false],
    ['another version', combineFileVerdicts({ ...pkg, version: '2.0' }, [file('a', down('FETCH_TIMEOUT'))], 2), false],
    ['a file added', combineFileVerdicts(pkg, [file('a'), wheel(down('FETCH_TIMEOUT'))], 2), false],
    ['a file replaced (same name, other digest)', combineFileVerdicts(pkg, [file('d', down('FETCH_TIMEOUT'))], 2), false],
    ['an invalid file', combineFileVerdicts(pkg, [file('a'), wheel({ status: 'invalid', code: 'CERT_CHAIN', message: 'm' })], 2), false],
  ])('%s: %s', (_name, now, stands) => {
    expect(mayStandIn(last, now)).toBe(stands);
  });
});

// A second review of the freshness change (a helper reading the whole diff) found these; each
// failed before its fix.
import { describe, expect, it } from 'vitest';
import type { TrustContext } from '../core/api';
import type { ArtifactVerdict } from '../core/verdict';
import type { Verifiers } from '../registries/adapter';
import type { FetchOutcome, Fetcher } from '../registries/fetcher';
import { PYPI_ORIGIN } from '../registries/pypi/hosts';
import { fakeFetcher } from '../registries/testing/fake-fetcher';
import { createVerdictCache } from './cache';
import { fakeStorage } from './testing/fake-storage';
import { createVerdictService } from './verdicts';

const on = (path: string) => new URL(path, PYPI_ORIGIN).href;
const trust: TrustContext = { kind: 'trust-context', trustedRootDate: '2025-01-01' };
const verified: ArtifactVerdict = { status: 'verified', identity: { forge: 'github', issuer: 'https://token.actions.githubusercontent.com', san: 's', repository: 'o/r' }, attestations: [] };
const verifiers: Verifiers = { verifyPypiProvenance: () => verified, verifyNpmAttestations: () => ({ status: 'none' }) };
const SDIST = { filename: 'demo-1.0.tar.gz', digests: { sha256: 'a'.repeat(64) } };
const WHEEL = { filename: 'demo-1.0-py3-none-any.whl', digests: { sha256: 'b'.repeat(64) } };
const latest = { registry: 'pypi' as const, name: 'demo' };
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function world(cacheControl = 900_000) {
  const routes: Record<string, unknown> = {
    [on('/pypi/demo/json')]: { info: { name: 'demo', version: '1.0' }, urls: [SDIST] },
    [on('/pypi/demo/1.0/json')]: { info: { name: 'demo', version: '1.0' }, urls: [SDIST] },
    [on('/integrity/demo/1.0/demo-1.0.tar.gz/provenance')]: { any: 'doc' },
  };
  // The browser's HTTP cache: a plain read gets the copy it holds; a revalidating one asks.
  const httpCache = new Map<string, FetchOutcome>();
  const registry = fakeFetcher(routes);
  const fetcher: Fetcher = async (url, init) => {
    const held = httpCache.get(url.href);
    if (held && init.revalidate !== true) return held;
    const outcome = await registry(url, init);
    const answer = outcome.ok ? { ...outcome, freshForMs: cacheControl } : outcome;
    if (answer.ok && cacheControl > 0) httpCache.set(url.href, answer);
    return answer;
  };
  let clock = 1_000_000;
  const now = () => clock;
  const storage = fakeStorage();
  const cache = createVerdictCache(storage, { trustVersion: () => 't', now });
  const svc = createVerdictService({ fetcher, verifiers, trust: () => trust, cache, now });
  const addWheel = () => {
    routes[on('/pypi/demo/json')] = { info: { name: 'demo', version: '1.0' }, urls: [SDIST, WHEEL] };
    routes[on('/pypi/demo/1.0/json')] = { info: { name: 'demo', version: '1.0' }, urls: [SDIST, WHEEL] };
  };
  /** The worker restarted: a new service and cache over the same storage. */
  const restart = () => {
    const again = createVerdictCache(storage, { trustVersion: () => 't', now });
    return { cache: again, svc: createVerdictService({ fetcher, verifiers, trust: () => trust, cache: again, now }) };
  };
  return { svc, cache, storage, registry, addWheel, restart, advance: (ms: number) => (clock += ms) };
}

describe('review 2: freshness', () => {
  it("a retry of one release is not undone by the browser cache's older copy of the name's latest document", async () => {
    const w = world();
    await w.svc.getVerdict(latest);
    await settle();
    w.addWheel(); // unsigned
    expect(await w.svc.getVerdict({ ...latest, version: '1.0' }, { fresh: true })).toMatchObject({ status: 'partial' });
    await settle();
    w.advance(1_000);
    // A search page asks about "latest": its document sits in the HTTP cache from before the retry.
    expect(await w.svc.getVerdict(latest)).toMatchObject({ status: 'partial', totalCount: 2 });
    await settle();
    expect(await w.svc.getVerdict({ ...latest, version: '1.0' })).toMatchObject({ status: 'partial', totalCount: 2 });
  });

  it('an ask right after a retry starts does not take the kept answer the retry is replacing', async () => {
    const w = world();
    await w.svc.getVerdict(latest);
    await settle();
    w.addWheel();
    const retry = w.svc.getVerdict(latest, { fresh: true });
    const meanwhile = w.svc.getVerdict(latest); // before the retry's unfresh write lands
    expect(await meanwhile).toMatchObject({ status: 'partial' });
    expect(await retry).toMatchObject({ status: 'partial' });
  });

  it('a corrupted index of the name does not lock the cache when a retry withdraws freshness', async () => {
    const w = world();
    await w.svc.getVerdict({ ...latest, version: '1.0' });
    await settle();
    for (const key of w.storage.data.keys()) if (key.startsWith('pk|')) w.storage.data.set(key, { savedAt: 'garbage' });
    const restarted = w.restart(); // nothing of it in memory
    await restarted.svc.getVerdict(latest, { fresh: true });
    await settle();
    // The cache still answers and takes writes: clearing it finishes.
    const cleared = await Promise.race([restarted.cache.clear(), new Promise((resolve) => setTimeout(() => resolve('locked'), 500))]);
    expect(cleared).not.toBe('locked');
  });

  it('a release document that says nothing about caching leaves no freshness in storage', async () => {
    const w = world(0);
    await w.svc.getVerdict(latest);
    await settle();
    const indexes = [...w.storage.data.entries()].filter(([key]) => key.startsWith('pk|')).map(([, value]) => value as { index: { freshUntil?: number } });
    expect(indexes.length).toBeGreaterThan(0);
    for (const entry of indexes) expect(entry.index.freshUntil).toBeUndefined();
  });
});

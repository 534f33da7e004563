// Review attacks on the verdict service's reuse of a cached answer while the registry calls its
// documents fresh (verdicts.ts, answer-freshness.ts, cache.ts, cache-entry.ts, on-screen.ts).
import { describe, expect, it } from 'vitest';
import type { TrustContext } from '../core/api';
import type { ArtifactVerdict, PackageVerdict } from '../core/verdict';
import type { Verifiers } from '../registries/adapter';
import type { FetchOutcome, Fetcher } from '../registries/fetcher';
import { PYPI_ORIGIN } from '../registries/pypi/hosts';
import { fakeFetcher } from '../registries/testing/fake-fetcher';
import { createVerdictCache } from './cache';
import type { ContinuityService } from './continuity-service';
import { onScreen } from './on-screen';
import { fakeStorage, type FakeStorage } from './testing/fake-storage';
import { createVerdictService, type VerdictDeps } from './verdicts';

const on = (path: string) => new URL(path, PYPI_ORIGIN).href;
const trust: TrustContext = { kind: 'trust-context', trustedRootDate: '2025-01-01' };
const verified: ArtifactVerdict = { status: 'verified', identity: { forge: 'github', issuer: 'https://token.actions.githubusercontent.com', san: 's', repository: 'o/r' }, attestations: [] };
const verifiers: Verifiers = { verifyPypiProvenance: () => verified, verifyNpmAttestations: () => ({ status: 'none' }) };
const SDIST = { filename: 'demo-1.0.tar.gz', digests: { sha256: 'a'.repeat(64) } };
const WHEEL = { filename: 'demo-1.0-py3-none-any.whl', digests: { sha256: 'b'.repeat(64) } };
const SDIST11 = { filename: 'demo-1.1.tar.gz', digests: { sha256: 'c'.repeat(64) } };
const latest = { registry: 'pypi' as const, name: 'demo' };
const v10 = { ...latest, version: '1.0' };
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** PyPI `demo`: 1.0 with a signed sdist, latest. */
function registry() {
  const routes: Record<string, unknown> = {
    [on('/pypi/demo/json')]: { info: { name: 'demo', version: '1.0' }, urls: [SDIST] },
    [on('/pypi/demo/1.0/json')]: { info: { name: 'demo', version: '1.0' }, urls: [SDIST] },
    [on('/integrity/demo/1.0/demo-1.0.tar.gz/provenance')]: { any: 'doc' },
  };
  return {
    routes,
    /** A wheel without provenance joins 1.0 (a hijacker's extra file). */
    addWheel() {
      routes[on('/pypi/demo/json')] = { info: { name: 'demo', version: '1.0' }, urls: [SDIST, WHEEL] };
      routes[on('/pypi/demo/1.0/json')] = { info: { name: 'demo', version: '1.0' }, urls: [SDIST, WHEEL] };
    },
  };
}

/** Every good answer fresh `ms` (PyPI's JSON API: 15 min); `gate` holds a request until released. */
function freshFetcher(routes: Record<string, unknown>, ms: number | ((url: URL) => number | undefined) = 900_000) {
  const inner = fakeFetcher(routes);
  const gates: { url: string; release: () => void }[] = [];
  let gateNext: string | undefined;
  const fetcher: Fetcher = async (url, init) => {
    // The registry's answer is what it said when the request was sent.
    const outcome: FetchOutcome = await inner(url, init);
    if (gateNext === url.href) {
      gateNext = undefined;
      await new Promise<void>((resolve) => gates.push({ url: url.href, release: resolve }));
    }
    const fresh = typeof ms === 'number' ? ms : ms(url);
    return outcome.ok && fresh !== undefined ? { ...outcome, freshForMs: fresh } : outcome;
  };
  return Object.assign(fetcher, { requests: inner.requests, gates, gate: (href: string) => (gateNext = href) });
}

function service(fetcher: Fetcher, options: { storage?: FakeStorage; trustVersion?: () => string; extra?: Partial<VerdictDeps>; clock?: { t: number } } = {}) {
  const clock = options.clock ?? { t: 1_000_000 };
  const now = () => clock.t;
  const storage = options.storage ?? fakeStorage();
  const cache = createVerdictCache(storage, { trustVersion: options.trustVersion ?? (() => 't'), now });
  const svc = createVerdictService({ fetcher, verifiers, trust: () => trust, cache, now, ...options.extra });
  return { svc, storage, clock, advance: (ms: number) => (clock.t += ms) };
}

const brief = (v: PackageVerdict) => ({ status: v.status, version: v.pkg.version, files: v.files.map((f) => f.filename).sort() });

describe('review: a retry must leave no stale answer fresh behind it', () => {
  it('an answer started before a retry and landing after it does not overwrite the retry\'s with an old, fresh one', async () => {
    const reg = registry();
    const fetcher = freshFetcher(reg.routes);
    const { svc } = service(fetcher);
    // A search page asks about "latest"; the registry's answer is slow (and says one file).
    fetcher.gate(on('/pypi/demo/json'));
    const early = svc.getVerdict(latest);
    await settle();
    expect(fetcher.gates).toHaveLength(1);
    // Meanwhile a wheel without provenance is uploaded and the user presses retry: the retry sees it.
    reg.addWheel();
    const retried = await svc.getVerdict(latest, { fresh: true });
    expect(brief(retried)).toMatchObject({ status: 'partial', files: [WHEEL.filename, SDIST.filename].sort() });
    await settle();
    // The early answer now lands (it read before the upload) and is stored after the retry's.
    fetcher.gates[0]!.release();
    expect(brief(await early)).toMatchObject({ status: 'verified' });
    await settle();
    // The next ask (a search page, no file list) within the 15 minutes: the registry, revalidated
    // by the retry, lists the wheel; the old one-file green must not come back from the cache.
    const before = fetcher.requests.length;
    const again = await svc.getVerdict(latest);
    expect({ asked: fetcher.requests.length > before, ...brief(again) }).not.toMatchObject({ asked: false, status: 'verified' });
  });

  it('control: without the early answer, the retry\'s partial is what the next ask gets', async () => {
    const reg = registry();
    const fetcher = freshFetcher(reg.routes);
    const { svc } = service(fetcher);
    await svc.getVerdict(latest);
    await settle();
    reg.addWheel();
    expect(await svc.getVerdict(latest, { fresh: true })).toMatchObject({ status: 'partial' });
    await settle();
    expect(await svc.getVerdict(latest)).toMatchObject({ status: 'partial' });
  });

  it('a retry whose release document now says 404 does not leave the old green answering for it', async () => {
    const reg = registry();
    const fetcher = freshFetcher(reg.routes);
    const { svc } = service(fetcher);
    expect(await svc.getVerdict(v10)).toMatchObject({ status: 'verified' });
    await settle();
    delete reg.routes[on('/pypi/demo/1.0/json')]; // the release was removed
    const retried = await svc.getVerdict(v10, { fresh: true });
    expect(retried).toMatchObject({ status: 'unavailable', code: 'FETCH_NOT_FOUND' });
    await settle();
    const before = fetcher.requests.length;
    const next = await svc.getVerdict(v10);
    // Either the registry is asked again, or the answer is not the old green.
    expect(fetcher.requests.length > before || next.status !== 'verified').toBe(true);
  });

  it('a retry that finds "latest" moved to a release with no files does not leave latest answering with the old release', async () => {
    const reg = registry();
    const fetcher = freshFetcher(reg.routes);
    const { svc } = service(fetcher);
    expect(await svc.getVerdict(latest)).toMatchObject({ status: 'verified', pkg: { version: '1.0' } });
    await settle();
    reg.routes[on('/pypi/demo/json')] = { info: { name: 'demo', version: '1.1' }, urls: [] };
    const retried = await svc.getVerdict(latest, { fresh: true });
    expect(retried).toMatchObject({ pkg: { version: '1.1' } });
    await settle();
    // A search page (no header, no file list) asks about "latest" a minute later.
    const next = await svc.getVerdict(latest);
    expect(next.pkg.version).toBe('1.1');
  });

  it('a retry of a release that finds a new wheel: "latest" (the same release) no longer answers green from its older index', async () => {
    const reg = registry();
    const fetcher = freshFetcher(reg.routes);
    const { svc } = service(fetcher);
    expect(await svc.getVerdict(latest)).toMatchObject({ status: 'verified', pkg: { version: '1.0' } });
    await settle();
    reg.addWheel();
    // The popup's retry on the latest page asks about the version the tab shows (router: page/retry).
    expect(await svc.getVerdict(v10, { fresh: true })).toMatchObject({ status: 'partial' });
    await settle();
    // A PyPI search page shows demo: "latest" is release 1.0, which the worker just found partial.
    const next = await svc.getVerdict(latest);
    expect(brief(next)).toMatchObject({ version: '1.0', status: 'partial' });
  });
});

describe('review: the registry\'s freshness ends, and only it counts', () => {
  it('after 15 minutes of registry freshness a latest answer asks again and sees the move', async () => {
    const reg = registry();
    const { svc, advance } = service(freshFetcher(reg.routes));
    await svc.getVerdict(latest);
    await settle();
    reg.routes[on('/pypi/demo/json')] = { info: { name: 'demo', version: '1.1' }, urls: [SDIST11] };
    advance(900_001);
    expect(await svc.getVerdict(latest)).toMatchObject({ pkg: { version: '1.1' } });
  });

  it('a document without Cache-Control makes the answer not fresh, whatever the others say', async () => {
    const reg = registry();
    const fetcher = freshFetcher(reg.routes, (url) => (url.pathname.startsWith('/pypi/') ? undefined : 900_000));
    const { svc } = service(fetcher);
    await svc.getVerdict(latest);
    await settle();
    const before = fetcher.requests.length;
    await svc.getVerdict(latest);
    expect(fetcher.requests.length).toBe(before + 1);
  });

  it('a continuity read with a long freshness does not stretch a verdict decided from a short-lived document', async () => {
    const reg = registry();
    reg.routes[on('/pypi/demo/0.9/json')] = { info: { name: 'demo', version: '0.9' }, urls: [] };
    const fetcher = freshFetcher(reg.routes, (url) => (url.pathname === '/pypi/demo/0.9/json' ? 900_000 : 30_000));
    // A continuity note reading an earlier release (fresh 15 min) through the answer's own fetcher.
    const earlier = (f: Fetcher | undefined) => f?.(new URL(on('/pypi/demo/0.9/json')), { accept: 'application/json', maxBytes: 1e6 });
    const continuity: ContinuityService = {
      anticipate: (_pkg, _trust, o) => void earlier(o.fetcher),
      annotate: async (verdict, _trust, o) => {
        await earlier(o?.fetcher);
        return verdict;
      },
    };
    const { svc, advance } = service(fetcher, { extra: { continuity } });
    await svc.getVerdict(v10);
    await settle();
    advance(31_000);
    const before = fetcher.requests.filter((r) => r.url === on('/pypi/demo/1.0/json')).length;
    await svc.getVerdict(v10);
    expect(fetcher.requests.filter((r) => r.url === on('/pypi/demo/1.0/json')).length).toBe(before + 1);
  });

  it('a release with a file that could not be checked (transient) is never kept as fresh', async () => {
    const reg = registry();
    reg.addWheel();
    reg.routes[on('/integrity/demo/1.0/demo-1.0-py3-none-any.whl/provenance')] = { status: 503 };
    const fetcher = freshFetcher(reg.routes);
    const { svc } = service(fetcher);
    const first = await svc.getVerdict(v10);
    expect(first.files.some((f) => f.verdict.status === 'unavailable')).toBe(true);
    await settle();
    const before = fetcher.requests.length;
    await svc.getVerdict(v10);
    expect(fetcher.requests.length).toBeGreaterThan(before);
  });

  it('an offline stand-in (the last answer shown for a failed check) does not renew the old answer\'s freshness', async () => {
    const reg = registry();
    const fetcher = freshFetcher(reg.routes);
    const { svc, advance } = service(fetcher);
    await svc.getVerdict(v10);
    await settle();
    advance(900_001);
    reg.routes[on('/pypi/demo/1.0/json')] = { status: 503 };
    expect(await svc.getVerdict(v10)).toMatchObject({ status: 'verified' }); // stand-in
    await settle();
    const before = fetcher.requests.length;
    await svc.getVerdict(v10);
    expect(fetcher.requests.length).toBeGreaterThan(before);
  });

  it('new trust material: a fresh cached answer decided under the old one is not reused', async () => {
    const reg = registry();
    const fetcher = freshFetcher(reg.routes);
    let version = 'trust-1';
    const { svc } = service(fetcher, { trustVersion: () => version });
    await svc.getVerdict(v10);
    await settle();
    version = 'trust-2';
    const before = fetcher.requests.length;
    await svc.getVerdict(v10);
    expect(fetcher.requests.length).toBeGreaterThan(before);
  });
});

describe('review: what storage.local hands back', () => {
  async function stored() {
    const reg = registry();
    const fetcher = freshFetcher(reg.routes);
    const first = service(fetcher);
    await first.svc.getVerdict(v10);
    await settle();
    const keys = [...first.storage.data.keys()].filter((k) => k.startsWith('pk|'));
    expect(keys.length).toBeGreaterThan(0);
    return { fetcher, storage: first.storage, keys, clock: first.clock };
  }
  const rewrite = (storage: FakeStorage, keys: string[], change: (entry: { savedAt: number; index: Record<string, unknown> }) => unknown) => {
    for (const key of keys) storage.data.set(key, change(structuredClone(storage.data.get(key)) as { savedAt: number; index: Record<string, unknown> }));
  };

  it('an old-format entry (no freshUntil) is not fresh', async () => {
    const { fetcher, storage, keys, clock } = await stored();
    rewrite(storage, keys, (e) => {
      delete e.index.freshUntil;
      return e;
    });
    const { svc } = service(fetcher, { storage, clock });
    const before = fetcher.requests.length;
    await svc.getVerdict(v10);
    expect(fetcher.requests.length).toBe(before + 1);
  });

  it('a freshUntil of the wrong type is not fresh', async () => {
    for (const bad of [String(Number.MAX_SAFE_INTEGER), null, true, [1e15], { n: 1e15 }]) {
      const { fetcher, storage, keys, clock } = await stored();
      rewrite(storage, keys, (e) => ({ ...e, index: { ...e.index, freshUntil: bad } }));
      const { svc } = service(fetcher, { storage, clock });
      const before = fetcher.requests.length;
      await svc.getVerdict(v10);
      expect(fetcher.requests.length, JSON.stringify(bad)).toBe(before + 1);
    }
  });

  it('an entry saved "in the future" (corrupted savedAt, or written under a clock set ahead) is not fresh for longer than 15 minutes from now', async () => {
    const { fetcher, storage, keys, clock } = await stored();
    const year = 365 * 24 * 3_600_000;
    rewrite(storage, keys, (e) => ({ savedAt: clock.t + year, index: { ...e.index, freshUntil: clock.t + year } }));
    const { svc, advance } = service(fetcher, { storage, clock });
    advance(15 * 60_000 + 1);
    const before = fetcher.requests.length;
    await svc.getVerdict(v10);
    expect(fetcher.requests.length).toBe(before + 1);
  });

  it('the clock moving back (a user fixing a clock set a day ahead) does not keep an answer fresh for a day', async () => {
    const reg = registry();
    const fetcher = freshFetcher(reg.routes);
    const { svc, advance } = service(fetcher);
    await svc.getVerdict(v10);
    await settle();
    advance(-24 * 3_600_000); // the clock is put right
    advance(15 * 60_000 + 1); // and more than the registry's freshness passes
    const before = fetcher.requests.length;
    await svc.getVerdict(v10);
    expect(fetcher.requests.length).toBe(before + 1);
  });
});

describe('review: PyPI latest pages against a fresh cached latest', () => {
  it('a PyPI latest page whose header shows a release newer than the fresh cached latest gets that release\'s verdict', async () => {
    const reg = registry();
    const fetcher = freshFetcher(reg.routes);
    const { svc } = service(fetcher);
    await svc.getVerdict(latest);
    await settle();
    reg.routes[on('/pypi/demo/1.1/json')] = { info: { name: 'demo', version: '1.1' }, urls: [SDIST11] };
    const shown = await onScreen(latest, { shownVersion: '1.1', files: [SDIST11.filename] }, svc, 7);
    expect(brief(shown)).toMatchObject({ version: '1.1', status: 'none', files: [SDIST11.filename] });
  });

  it('a PyPI latest page listing a file the fresh cached latest never saw is asked past the cache', async () => {
    const reg = registry();
    const fetcher = freshFetcher(reg.routes);
    const { svc } = service(fetcher);
    await svc.getVerdict(latest);
    await settle();
    reg.addWheel();
    const shown = await onScreen(latest, { shownVersion: '1.0', files: [SDIST.filename, WHEEL.filename] }, svc, 7);
    expect(brief(shown)).toMatchObject({ version: '1.0', status: 'partial' });
  });
});

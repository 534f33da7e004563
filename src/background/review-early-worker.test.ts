// Independent review of content/prepare's early reply (worker side): what the first script is told
// must be what the page's own ask would be answered, never an answer a retry has set aside; and
// telling it early must not take or change the page's prepared answer.
import { beforeAll, describe, expect, it } from 'vitest';
import type { PackageVerdict } from '../core/verdict';
import type { FetchOutcome, Fetcher } from '../registries/fetcher';
import { PYPI_ORIGIN } from '../registries/pypi/hosts';
import { fakeFetcher } from '../registries/testing/fake-fetcher';
import { createTestSigstore, fakeSha256, type TestSigstore } from '../testing/testca/index';
import { OWNER, preparedWorld, RUNTIME, sender, settle, value } from './testing/prepared-world';
import { pypiProjectRoutes } from './testing/testca-registry';

let ts: TestSigstore;
beforeAll(async () => {
  ts = await createTestSigstore();
});

const at = (path: string) => new URL(path, PYPI_ORIGIN).href;

/** PyPI `demo` 1.0: one sdist signed by acme/demo; `upload()` adds a wheel without provenance. */
function pypiDemo() {
  const routes = pypiProjectRoutes(ts, 'demo', [{ version: '1.0', identity: OWNER }]);
  const wheel = { filename: 'demo-1.0-py3-none-any.whl', packagetype: 'bdist_wheel', digests: { sha256: fakeSha256('demo-1.0-wheel') }, upload_time_iso_8601: '2024-02-01T00:00:00Z' };
  const upload = () => {
    const project = routes[at('/pypi/demo/json')] as { urls: unknown[]; releases: Record<string, unknown[]> };
    project.urls.push(wheel);
    project.releases['1.0']?.push(wheel);
    (routes[at('/pypi/demo/1.0/json')] as { urls: unknown[] }).urls.push(wheel);
  };
  return { routes, upload };
}

/** Reads at once; while holding, hands the answer back only on `release()` (a slow network). */
function gated(inner: Fetcher) {
  let holding = false;
  let waiting: (() => void)[] = [];
  let count = 0;
  const fetcher: Fetcher = async (url, init) => {
    count++;
    const outcome: FetchOutcome = await inner(url, init);
    if (holding) await new Promise<void>((resolve) => waiting.push(resolve));
    return outcome;
  };
  return {
    fetcher,
    hold: () => void (holding = true),
    stopHolding: () => void (holding = false),
    release: () => {
      const go = waiting;
      waiting = [];
      for (const g of go) g();
    },
    count: () => count,
  };
}

const release = { registry: 'pypi', name: 'demo', version: '1.0' } as const;
/** The page as served before the upload: it lists the sdist only. */
const pageAsk = { type: 'content/verdict', pkg: release, files: ['demo-1.0.tar.gz'] };
const GH = 'https://token.actions.githubusercontent.com';

describe('review: content/prepare never tells an answer a retry has set aside', () => {
  it('a popup retry lands while the prepared answer is still reading: the early reply is not the pre-retry "verified"', async () => {
    const { routes, upload } = pypiDemo();
    const gate = gated(fakeFetcher(routes));
    const { router, popup } = preparedWorld(ts, gate.fetcher);
    const tab = sender(7, at('/project/demo/1.0/'));
    gate.hold();
    const early = router({ type: 'content/prepare' }, tab);
    await settle(); // its first read (before the upload) is made and in flight
    gate.stopHolding();
    upload(); // an unsigned wheel joins 1.0
    const retried = value(await router({ type: 'page/retry', pkg: release, tabId: 7 }, popup));
    expect(retried.status).toBe('partial');
    gate.release(); // the prepared answer's reads, from before the upload, come back now
    const told = value(await early) as PackageVerdict | null;
    // The page's own ask after DOMContentLoaded: the retry's finding.
    const own = value(await router(pageAsk, tab));
    expect(own.status).toBe('partial');
    expect(told === null || told.status === own.status, `early reply "${told?.status}" vs the page's own "${own.status}"`).toBe(true);
  });
});

describe('review: content/prepare as held (each passes)', () => {
  it("peeking does not take the page's prepared answer: one registry answer for prepare (navigation and document) and the page's ask", async () => {
    const { routes } = pypiDemo();
    const gate = gated(fakeFetcher(routes));
    const { router, preparer } = preparedWorld(ts, gate.fetcher);
    const tab = sender(7, at('/project/demo/1.0/'));
    await preparer.navigated(7, at('/project/demo/1.0/'));
    const told = value(await router({ type: 'content/prepare' }, tab));
    const reads = gate.count();
    const own = value(await router(pageAsk, tab));
    expect(gate.count()).toBe(reads);
    expect(told).toEqual(own);
    expect(own.status).toBe('verified');
  });

  it("another tab's prepare is told its own answer, read after an upload, not tab 7's", async () => {
    const { routes, upload } = pypiDemo();
    const { router, preparer, advance } = preparedWorld(ts, fakeFetcher(routes));
    await preparer.navigated(7, at('/project/demo/1.0/'));
    await settle();
    upload();
    advance(1_000);
    const told = value(await router({ type: 'content/prepare' }, sender(9, at('/project/demo/1.0/'))));
    expect(told.status).toBe('partial');
  });

  it('a pin set while the prepared answer is read applies to the early reply', async () => {
    const { routes } = pypiDemo();
    const gate = gated(fakeFetcher(routes));
    const { router, pins } = preparedWorld(ts, gate.fetcher);
    const tab = sender(7, at('/project/demo/1.0/'));
    gate.hold();
    const early = router({ type: 'content/prepare' }, tab);
    await settle();
    await pins.set({ registry: 'pypi', name: 'demo' }, { issuer: GH, repository: 'someone/else' });
    gate.stopHolding();
    gate.release();
    const told = value(await early);
    const own = value(await router(pageAsk, tab));
    expect(own.status).not.toBe('verified');
    expect(told.status).toBe(own.status);
  });

  it('a reload (a second document) is told a new read, not the first document\'s answer', async () => {
    const { routes, upload } = pypiDemo();
    const { router, advance } = preparedWorld(ts, fakeFetcher(routes));
    const tab = sender(7, at('/project/demo/1.0/'));
    expect(value(await router({ type: 'content/prepare' }, tab)).status).toBe('verified');
    upload();
    advance(1_000);
    expect(value(await router({ type: 'content/prepare' }, tab)).status).toBe('partial');
  });

  it('no verdict to other extensions, sub-frames, pages of another origin in the tab, or a search page', async () => {
    const { routes } = pypiDemo();
    const { router } = preparedWorld(ts, fakeFetcher(routes));
    const url = at('/project/demo/1.0/');
    for (const s of [
      { id: 'other', url, frameId: 0, tab: { id: 7, url } },
      { id: RUNTIME, url, frameId: 3, tab: { id: 7, url } },
      { id: RUNTIME, url: 'https://evil.example/project/demo/1.0/', frameId: 0, tab: { id: 7, url } },
      { id: RUNTIME, url, frameId: 0 },
    ]) {
      expect(await router({ type: 'content/prepare' }, s), JSON.stringify(s)).toMatchObject({ ok: false });
    }
    // A search page is told no package's verdict: only its own results' kept ones (search-early.test.ts), none here.
    const search = { id: RUNTIME, url: at('/search/?q=demo'), frameId: 0, tab: { id: 7, url: at('/search/?q=demo') } };
    expect(await router({ type: 'content/prepare' }, search)).toEqual({ ok: true, value: [] });
  });

  it('a registry failure tells nothing that could be drawn as verified', async () => {
    const { routes } = pypiDemo();
    const { router } = preparedWorld(ts, fakeFetcher({ ...routes, [at('/pypi/demo/1.0/json')]: { status: 500 } }));
    const told = value(await router({ type: 'content/prepare' }, sender(7, at('/project/demo/1.0/'))));
    expect(told === null || told.status === 'unavailable').toBe(true);
  });
});

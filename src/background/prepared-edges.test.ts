// Prepared verdicts and shared answers as an independent review attacked them: the window counts
// from the registry read, pins still apply, retries read anew, page checks still apply, bounds hold,
// and what shareAnswers keeps.
import { beforeAll, describe, expect, it } from 'vitest';
import type { FetchOutcome, Fetcher } from '../registries/fetcher';
import { NPM_SITE_ORIGIN } from '../registries/npm/hosts';
import { PYPI_ORIGIN } from '../registries/pypi/hosts';
import { fakeFetcher, type FakeRoute } from '../registries/testing/fake-fetcher';
import { createTestSigstore, type TestSigstore } from '../testing/testca/index';
import { PREPARED_MS } from './prepared-answers';
import { shareAnswers } from './shared-answers';
import { npmAt, npmDemo, OWNER, preparedWorld, sender, settle, value } from './testing/prepared-world';
import { pypiProjectRoutes } from './testing/testca-registry';

let ts: TestSigstore;
beforeAll(async () => {
  ts = await createTestSigstore();
});


describe('prepared answers: the 15 s window counts from the registry read, not from the prepare', () => {
  it('a prepare joining a slow answer started > PREPARED_MS ago is not served 30 s after its read', async () => {
    const { routes, publish } = npmDemo(ts);
    const real = fakeFetcher(routes);
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => (release = r));
    // The continuity note's packument read is slow (a slow registry, retries).
    const fetcher: Fetcher = async (url, init) => {
      if (url.href === npmAt('/demo')) await held;
      return real(url, init);
    };
    const { router, verdicts, tabs, advance } = preparedWorld(ts, fetcher);
    const latest = { registry: 'npm' as const, name: 'demo' };
    const first = router({ type: 'content/verdict', pkg: latest }, sender(7, new URL('/package/demo', NPM_SITE_ORIGIN).href));
    await settle(); // /demo/latest read now: 1.0.0
    publish();
    advance(PREPARED_MS + 1_000);
    verdicts.prepare?.(latest, 9, 'navigation'); // tab 9 navigates: joins the answer still running
    release();
    expect(value(await first)).toMatchObject({ pkg: { version: '1.0.0' } });
    advance(PREPARED_MS - 1_000); // 30 s after the registry was read
    const reply = value(await router({ type: 'content/verdict', pkg: latest }, sender(9, new URL('/package/demo', NPM_SITE_ORIGIN).href)));
    expect(reply).toMatchObject({ status: 'none', pkg: { version: '1.0.1' } });
    await expect.poll(async () => (await tabs.get(9))?.verdict.pkg.version).toBe('1.0.1');
  });
});

describe('defences that held', () => {
  it('a pin set between prepare and ask applies to the prepared answer', async () => {
    const routes = pypiProjectRoutes(ts, 'demo', [{ version: '1.0', identity: OWNER }]);
    const { verdicts, pins } = preparedWorld(ts, fakeFetcher(routes));
    verdicts.prepare?.({ registry: 'pypi', name: 'demo', version: '1.0' }, 7, 'document');
    await settle();
    await pins.set({ registry: 'pypi', name: 'demo' }, { issuer: 'https://token.actions.githubusercontent.com', repository: 'someone/else' });
    expect(await verdicts.getVerdict({ registry: 'pypi', name: 'demo', version: '1.0' }, { tabId: 7 })).toMatchObject({ status: 'invalid', code: 'IDENTITY_PIN' });
  });

  it('a fresh retry never takes a prepared answer; it reads the registry anew', async () => {
    const { routes, publish } = npmDemo(ts);
    const fetcher = fakeFetcher(routes);
    const { verdicts } = preparedWorld(ts, fetcher);
    verdicts.prepare?.({ registry: 'npm', name: 'demo' }, 7, 'document');
    await settle();
    publish();
    expect(await verdicts.getVerdict({ registry: 'npm', name: 'demo' }, { fresh: true, tabId: 7 })).toMatchObject({ pkg: { version: '1.0.1' } });
  });

  it("PyPI: a later tab whose page lists a file the prepared answer never saw is not verified (page's list)", async () => {
    const routes = pypiProjectRoutes(ts, 'demo', [{ version: '1.0', identity: OWNER }]);
    const { router, verdicts, advance } = preparedWorld(ts, fakeFetcher(routes));
    verdicts.prepare?.({ registry: 'pypi', name: 'demo' }, 3, 'navigation');
    await settle();
    advance(10_000);
    const files = ['demo-1.0.tar.gz', 'demo-1.0-py3-none-any.whl'];
    const reply = value(await router({ type: 'content/verdict', pkg: { registry: 'pypi', name: 'demo' }, files, shownVersion: '1.0' }, sender(9, new URL('/project/demo/', PYPI_ORIGIN).href)));
    expect(reply).toMatchObject({ status: 'unavailable', code: 'FETCH_UNLISTED' });
  });

  it('PyPI: a later tab whose header shows a newer release is answered for that release (shownVersion)', async () => {
    const routes = pypiProjectRoutes(ts, 'demo', [{ version: '1.0', identity: OWNER }]);
    const newer = pypiProjectRoutes(ts, 'demo', [{ version: '1.0', identity: OWNER }, { version: '1.1', identity: null }]);
    const { router, verdicts, advance } = preparedWorld(ts, fakeFetcher(routes));
    verdicts.prepare?.({ registry: 'pypi', name: 'demo' }, 3, 'navigation');
    await settle();
    Object.assign(routes, newer);
    advance(10_000);
    const reply = value(await router({ type: 'content/verdict', pkg: { registry: 'pypi', name: 'demo' }, files: ['demo-1.1.tar.gz'], shownVersion: '1.1' }, sender(9, new URL('/project/demo/', PYPI_ORIGIN).href)));
    expect(reply).toMatchObject({ status: 'none', pkg: { version: '1.1' } });
  });

  it("prepared answers are bounded: the 33rd tab's prepare evicts the first tab's", async () => {
    const routes: Record<string, FakeRoute> = {};
    const fetcher = fakeFetcher(routes);
    const { verdicts } = preparedWorld(ts, fetcher);
    for (let i = 0; i < 40; i++) verdicts.prepare?.({ registry: 'npm', name: `p${i}`, version: '1.0.0' }, i, 'document');
    await settle();
    const before = fetcher.requests.length;
    await verdicts.getVerdict({ registry: 'npm', name: 'p0', version: '1.0.0' }, { tabId: 0 });
    expect(fetcher.requests.length).toBeGreaterThan(before); // asked anew: p0 was evicted
    const again = fetcher.requests.length;
    await verdicts.getVerdict({ registry: 'npm', name: 'p39', version: '1.0.0' }, { tabId: 39 });
    expect(fetcher.requests.length).toBe(again); // p39 still prepared
  });

  it('shareAnswers: a failed answer is not kept; another Accept or size is another request; a signal bypasses', async () => {
    let calls = 0;
    let fail = true;
    const inner: Fetcher = async () => {
      calls++;
      return fail ? ({ ok: false, code: 'FETCH_NETWORK', message: 'down' } as FetchOutcome) : { ok: true, status: 200, json: { n: calls } };
    };
    const shared = shareAnswers(inner);
    const url = new URL(npmAt('/demo'));
    expect(await shared(url, { accept: 'application/json', maxBytes: 10 })).toMatchObject({ ok: false });
    fail = false;
    expect(await shared(url, { accept: 'application/json', maxBytes: 10 })).toMatchObject({ ok: true, json: { n: 2 } });
    expect(await shared(url, { accept: 'application/json', maxBytes: 10 })).toMatchObject({ ok: true, json: { n: 2 } });
    expect(await shared(url, { accept: 'application/vnd.npm.install-v1+json', maxBytes: 10 })).toMatchObject({ json: { n: 3 } });
    expect(await shared(url, { accept: 'application/json', maxBytes: 11 })).toMatchObject({ json: { n: 4 } });
    expect(await shared(url, { accept: 'application/json', maxBytes: 10, signal: new AbortController().signal })).toMatchObject({ json: { n: 5 } });
    // A rejected answer is not kept either.
    const throwing = shareAnswers(async () => Promise.reject(new Error('boom')));
    await expect(throwing(url, { accept: 'a', maxBytes: 1 })).rejects.toThrow('boom');
    await expect(throwing(url, { accept: 'a', maxBytes: 1 })).rejects.toThrow('boom');
  });

  it('each answer gets its own shareAnswers: a second visit reads the registry anew', async () => {
    const { routes, publish } = npmDemo(ts);
    const fetcher = fakeFetcher(routes);
    const { verdicts } = preparedWorld(ts, fetcher);
    expect(await verdicts.getVerdict({ registry: 'npm', name: 'demo' })).toMatchObject({ pkg: { version: '1.0.0' } });
    publish();
    expect(await verdicts.getVerdict({ registry: 'npm', name: 'demo' })).toMatchObject({ status: 'none', pkg: { version: '1.0.1' } });
  });

  it('the same verdict and its note do share one packument read (by design)', async () => {
    const { routes } = npmDemo(ts);
    const fetcher = fakeFetcher(routes);
    const { verdicts } = preparedWorld(ts, fetcher);
    await verdicts.getVerdict({ registry: 'npm', name: 'demo' });
    expect(fetcher.requests.filter((r) => r.url === npmAt('/demo/latest'))).toHaveLength(1);
  });
});

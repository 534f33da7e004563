// Prepared verdicts as an independent review attacked them (issue 19). Kept per package, a prepared
// answer could be taken by a page other than the one it was prepared for (a reload, another tab,
// the page's own re-ask after a popup retry) up to PREPARED_MS after the registry was read, and
// show "verified" for a release read before a new upload. Kept per tab and visit, none of these
// pages is answered from it.
import { beforeAll, describe, expect, it } from 'vitest';
import { NPM_SITE_ORIGIN } from '../registries/npm/hosts';
import { PYPI_ORIGIN } from '../registries/pypi/hosts';
import { fakeFetcher } from '../registries/testing/fake-fetcher';
import { createTestSigstore, fakeSha256, type TestSigstore } from '../testing/testca/index';
import { npmDemo, OWNER, preparedWorld, sender, settle, value } from './testing/prepared-world';
import { pypiProjectRoutes } from './testing/testca-registry';

let ts: TestSigstore;
beforeAll(async () => {
  ts = await createTestSigstore();
});

const npmSite = (path: string) => new URL(path, NPM_SITE_ORIGIN).href;
const pypiSite = (path: string) => new URL(path, PYPI_ORIGIN).href;

describe('prepared answers: an npm "latest" answer does not outlive the page it was prepared for', () => {
  it('baseline (no prepare): a reload after 1.0.1 is published says 1.0.1 has no provenance', async () => {
    const { routes, publish } = npmDemo(ts);
    const { router } = preparedWorld(ts, fakeFetcher(routes), { withPrepare: false });
    const tab = sender(7, npmSite('/package/demo'));
    expect(value(await router({ type: 'content/verdict', pkg: { registry: 'npm', name: 'demo' } }, tab))).toMatchObject({ status: 'verified', pkg: { version: '1.0.0' } });
    publish();
    expect(value(await router({ type: 'content/verdict', pkg: { registry: 'npm', name: 'demo' } }, tab))).toMatchObject({ status: 'none', pkg: { version: '1.0.1' } });
  });

  it('a reload of a page that had not asked yet reads the registry anew', async () => {
    const { routes, publish } = npmDemo(ts);
    const { router, preparer, tabs, advance } = preparedWorld(ts, fakeFetcher(routes));
    const tab = sender(7, npmSite('/package/demo'));
    // The URL commits; the page is reloaded before npm's page hydrated and asked.
    await preparer.navigated(7, npmSite('/package/demo'));
    // The page's first script is told the prepared answer (content/early-verdict.ts).
    expect(value(await router({ type: 'content/prepare' }, tab))).toMatchObject({ status: 'verified', pkg: { version: '1.0.0' } });
    await settle();
    publish(); // 1.0.1, no provenance, is latest now: the reloaded page's header shows 1.0.1
    advance(10_000);
    // The reload: a new document, which prepares anew; its ask takes that answer.
    expect(value(await router({ type: 'content/prepare' }, tab))).toMatchObject({ status: 'none', pkg: { version: '1.0.1' } });
    const reply = value(await router({ type: 'content/verdict', pkg: { registry: 'npm', name: 'demo' } }, tab));
    expect(reply).toMatchObject({ status: 'none', pkg: { version: '1.0.1' } });
    await expect.poll(async () => (await tabs.get(7))?.verdict.status).toBe('none');
  });

  it("another tab's prepared answer is never a second tab's, opened after the publish", async () => {
    const { routes, publish } = npmDemo(ts);
    const { router, preparer, tabs, advance } = preparedWorld(ts, fakeFetcher(routes));
    // Tab 3 (e.g. a window an attacker's page opened and navigated on at once) commits the URL.
    await preparer.navigated(3, npmSite('/package/demo'));
    await preparer.navigated(3, 'https://attacker.example/');
    await settle();
    publish();
    advance(14_000);
    await preparer.navigated(9, npmSite('/package/demo'));
    const reply = value(await router({ type: 'content/verdict', pkg: { registry: 'npm', name: 'demo' } }, sender(9, npmSite('/package/demo'))));
    expect(reply).toMatchObject({ status: 'none', pkg: { version: '1.0.1' } });
    await expect.poll(async () => (await tabs.get(9))?.verdict.status).toBe('none');
  });

  it("an npm page's header version (shownVersion) is the version answered", async () => {
    const { routes, publish } = npmDemo(ts);
    const { router, preparer, advance } = preparedWorld(ts, fakeFetcher(routes));
    await preparer.navigated(3, npmSite('/package/demo'));
    await settle();
    publish();
    advance(14_000);
    const ask = { type: 'content/verdict', pkg: { registry: 'npm', name: 'demo' }, shownVersion: '1.0.1' };
    expect(value(await router(ask, sender(9, npmSite('/package/demo'))))).toMatchObject({ status: 'none', pkg: { version: '1.0.1' } });
  });
});

/** PyPI `demo` 1.0: one sdist signed by acme/demo; `upload()` adds a wheel without provenance to 1.0. */
function pypiDemo() {
  const routes = pypiProjectRoutes(ts, 'demo', [{ version: '1.0', identity: OWNER }]);
  const at = (path: string) => new URL(path, PYPI_ORIGIN).href;
  const wheel = { filename: 'demo-1.0-py3-none-any.whl', packagetype: 'bdist_wheel', digests: { sha256: fakeSha256('demo-1.0-wheel') }, upload_time_iso_8601: '2024-02-01T00:00:00Z' };
  const upload = () => {
    const project = routes[at('/pypi/demo/json')] as { urls: unknown[]; releases: Record<string, unknown[]> };
    project.urls.push(wheel);
    project.releases['1.0']?.push(wheel);
    (routes[at('/pypi/demo/1.0/json')] as { urls: unknown[] }).urls.push(wheel);
  };
  return { routes, upload };
}

describe("prepared answers: a popup retry's re-ask never takes another tab's prepared answer", () => {
  it('baseline (no prepare): after the retry, the re-asking page and the toolbar keep the retry\'s finding', async () => {
    const { routes, upload } = pypiDemo();
    const { router, tabs, popup } = preparedWorld(ts, fakeFetcher(routes), { withPrepare: false });
    const a = sender(7, pypiSite('/project/demo/'));
    const ask = { type: 'content/verdict', pkg: { registry: 'pypi', name: 'demo' }, files: ['demo-1.0.tar.gz'], shownVersion: '1.0' };
    expect(value(await router(ask, a))).toMatchObject({ status: 'verified' });
    upload();
    const retried = value(await router({ type: 'page/retry', pkg: { registry: 'pypi', name: 'demo', version: '1.0' }, tabId: 7 }, popup));
    expect(retried.status).not.toBe('verified');
    expect(value(await router(ask, a)).status).not.toBe('verified'); // worker/ask-again
    expect((await tabs.get(7))?.verdict.status).not.toBe('verified');
  });

  it('with prepare: the page re-asks (worker/ask-again) and keeps the retry\'s finding', async () => {
    const { routes, upload } = pypiDemo();
    const { router, tabs, preparer, told, popup, advance } = preparedWorld(ts, fakeFetcher(routes));
    const a = sender(7, pypiSite('/project/demo/'));
    const ask = { type: 'content/verdict', pkg: { registry: 'pypi', name: 'demo' }, files: ['demo-1.0.tar.gz'], shownVersion: '1.0' };
    expect(value(await router(ask, a))).toMatchObject({ status: 'verified' });
    advance(20_000);
    // Tab 8 starts loading the same page (or loads it and leaves before its page asks).
    await preparer.navigated(8, pypiSite('/project/demo/'));
    await settle();
    upload(); // an unsigned wheel joins 1.0
    advance(1_000);
    const retried = value(await router({ type: 'page/retry', pkg: { registry: 'pypi', name: 'demo', version: '1.0' }, tabId: 7 }, popup));
    expect(retried.status).not.toBe('verified');
    expect(retried).toMatchObject({ status: 'partial' }); // sdist verified, new wheel: none
    expect((await tabs.get(7))?.verdict.status).not.toBe('verified');
    expect(told).toContain(7);
    // The page does as told: it asks again, and is not answered with tab 8's prepared answer.
    const reasked = value(await router(ask, a));
    expect(reasked.status).not.toBe('verified');
    await expect.poll(async () => (await tabs.get(7))?.verdict.status).not.toBe('verified');
  });
});

// Prepared verdicts as an independent review attacked them (issue 19). Kept per package, a prepared
// answer could be taken by a page other than the one it was prepared for (a reload, another tab,
// the page's own re-ask after a popup retry) up to PREPARED_MS after the registry was read, and
// show "verified" for a release read before a new upload. Kept per tab and visit, none of these
// pages is answered from it.
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyNpmAttestations, verifyPypiProvenance } from '../core/index';
import type { PackageVerdict } from '../core/verdict';
import { NPM_REGISTRY_ORIGIN, NPM_SITE_ORIGIN } from '../registries/npm/hosts';
import { PYPI_ORIGIN } from '../registries/pypi/hosts';
import { fakeFetcher, type FakeRoute } from '../registries/testing/fake-fetcher';
import { createTestSigstore, fakeSha256, githubIdentity, type TestSigstore } from '../testing/testca/index';
import type { BadgeApi } from './action-badge';
import { createVerdictCache } from './cache';
import { createContinuityService } from './continuity-service';
import { createPinStore } from './pins';
import { prepareOnNavigation } from './prepare-on-navigation';
import { createRouter } from './router';
import type { Sender } from './sender';
import { createSettingsStore } from './settings';
import { createTabState, tabPackage } from './tab-state';
import { fakeStorage } from './testing/fake-storage';
import { npmPackageRoutes, pypiProjectRoutes, testTrust } from './testing/testca-registry';
import { createVerdictService } from './verdicts';

let ts: TestSigstore;
beforeAll(async () => {
  ts = await createTestSigstore();
});

const RUNTIME = 'our-extension-id';
const owner = githubIdentity('acme/demo');
const verifiers = { verifyPypiProvenance, verifyNpmAttestations };
const npmSite = (path: string) => new URL(path, NPM_SITE_ORIGIN).href;
const pypiSite = (path: string) => new URL(path, PYPI_ORIGIN).href;
const sender = (tabId: number, url: string): Sender => ({ id: RUNTIME, url, frameId: 0, tab: { id: tabId, url } });
const settle = () => new Promise((r) => setTimeout(r, 20));

function world(routes: Record<string, FakeRoute>, withPrepare = true) {
  let clock = Date.now();
  const now = () => clock;
  const fetcher = fakeFetcher(routes);
  const trust = testTrust(ts);
  const cache = createVerdictCache(fakeStorage(), { trustVersion: () => 't', now });
  const storage = fakeStorage();
  const pins = createPinStore(storage);
  const continuity = createContinuityService({ fetcher, verifiers, cache, now });
  const full = createVerdictService({ fetcher, verifiers, trust: () => trust, cache, continuity, pins, now });
  // The same service without the new feature, for the baseline.
  const verdicts = withPrepare ? full : { getVerdict: full.getVerdict };
  const noBadge: BadgeApi = { setBadgeText: async () => undefined, setBadgeBackgroundColor: async () => undefined, setTitle: async () => undefined };
  const told: number[] = [];
  const tabs = createTabState(noBadge, undefined, (tabId) => void told.push(tabId));
  const router = createRouter({
    runtimeId: RUNTIME,
    extensionBase: `chrome-extension://${RUNTIME}/`,
    verdicts,
    tabs,
    settings: createSettingsStore(storage),
    cache: { clear: async () => 0 },
    pins,
  });
  const preparer = prepareOnNavigation(verdicts, async (tabId) => {
    const entry = await tabs.get(tabId);
    return entry === null ? tabs.checking(tabId) : tabPackage(entry);
  });
  const popup = { id: RUNTIME, url: `chrome-extension://${RUNTIME}/popup.html` };
  return { router, tabs, preparer, fetcher, told, popup, advance: (ms: number) => (clock += ms) };
}

/** npm `demo`: 1.0.0 published with provenance by acme/demo; `publish()` adds 1.0.1 without any and makes it latest. */
function npmDemo() {
  const signed = npmPackageRoutes(ts, 'demo', [{ version: '1.0.0', identity: owner }]);
  const both = npmPackageRoutes(ts, 'demo', [{ version: '1.0.0', identity: owner }, { version: '1.0.1', identity: null }]);
  const at = (path: string) => new URL(path, NPM_REGISTRY_ORIGIN).href;
  const routes: Record<string, FakeRoute> = { ...signed, [at('/demo/latest')]: signed[at('/demo/1.0.0')] };
  const publish = () => Object.assign(routes, both, { [at('/demo/latest')]: both[at('/demo/1.0.1')] });
  return { routes, publish };
}

const value = (reply: unknown) => (reply as { ok: true; value: PackageVerdict }).value;

describe('prepared answers: an npm "latest" answer does not outlive the page it was prepared for', () => {
  it('baseline (no prepare): a reload after 1.0.1 is published says 1.0.1 has no provenance', async () => {
    const { routes, publish } = npmDemo();
    const { router } = world(routes, false);
    const tab = sender(7, npmSite('/package/demo'));
    expect(value(await router({ type: 'content/verdict', pkg: { registry: 'npm', name: 'demo' } }, tab))).toMatchObject({ status: 'verified', pkg: { version: '1.0.0' } });
    publish();
    expect(value(await router({ type: 'content/verdict', pkg: { registry: 'npm', name: 'demo' } }, tab))).toMatchObject({ status: 'none', pkg: { version: '1.0.1' } });
  });

  it('a reload of a page that had not asked yet reads the registry anew', async () => {
    const { routes, publish } = npmDemo();
    const { router, preparer, tabs, advance } = world(routes);
    const tab = sender(7, npmSite('/package/demo'));
    // The URL commits; the page is reloaded before npm's page hydrated and asked.
    await preparer.navigated(7, npmSite('/package/demo'));
    expect(await router({ type: 'content/prepare' }, tab)).toEqual({ ok: true, value: true });
    await settle();
    publish(); // 1.0.1, no provenance, is latest now: the reloaded page's header shows 1.0.1
    advance(10_000);
    // The reload: a new document, which prepares anew; its ask takes that answer.
    expect(await router({ type: 'content/prepare' }, tab)).toEqual({ ok: true, value: true });
    const reply = value(await router({ type: 'content/verdict', pkg: { registry: 'npm', name: 'demo' } }, tab));
    expect(reply).toMatchObject({ status: 'none', pkg: { version: '1.0.1' } });
    await expect.poll(async () => (await tabs.get(7))?.verdict.status).toBe('none');
  });

  it("another tab's prepared answer is never a second tab's, opened after the publish", async () => {
    const { routes, publish } = npmDemo();
    const { router, preparer, tabs, advance } = world(routes);
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
    const { routes, publish } = npmDemo();
    const { router, preparer, advance } = world(routes);
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
  const routes = pypiProjectRoutes(ts, 'demo', [{ version: '1.0', identity: owner }]);
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
    const { router, tabs, popup } = world(routes, false);
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
    const { router, tabs, preparer, told, popup, advance } = world(routes);
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

// page/timeline and content/timeline through the router: the popup may ask about any package, a
// registry tab (the details panel runs in its content script's world) only about the package
// its page shows, and nothing else may ask at all. The answer reaches a page in the shared-
// identity form every content reply uses, and comes back whole.
import { beforeAll, describe, expect, it } from 'vitest';
import { createTrustContext, verifyNpmAttestations, verifyPypiProvenance } from '../core/index';
import { NPM_SITE_ORIGIN } from '../registries/npm/hosts';
import { PYPI_ORIGIN } from '../registries/pypi/hosts';
import { pypiHistoryRoutes } from '../registries/history/testing/testca-history';
import { fakeFetcher } from '../registries/testing/fake-fetcher';
import { restoreIdentities } from '../shared/identity-table';
import type { PackageName, TimelineAnswer } from '../shared/messages';
import { createTestSigstore, githubIdentity, type TestSigstore } from '../testing/testca/index';
import { createPinStore } from './pins';
import { createRouter, type RouterDeps } from './router';
import type { Sender } from './sender';
import { createSettingsStore } from './settings';
import { createTabState } from './tab-state';
import { fakeStorage } from './testing/fake-storage';
import { createTimelineService, type TimelineService } from './timeline-service';

const RUNTIME = 'our-extension-id';
const BASE = 'chrome-extension://our-extension-id/';
const popup: Sender = { id: RUNTIME, url: `${BASE}popup.html` };
const tab = (url: string, id = 7): Sender => ({ id: RUNTIME, url, frameId: 0, tab: { id, url } });
const pypiPage = (path: string, id?: number) => tab(new URL(path, PYPI_ORIGIN).href, id);
const npmPage = (path: string) => tab(new URL(path, NPM_SITE_ORIGIN).href);

function setup(timelines?: TimelineService) {
  const storage = fakeStorage();
  const deps: RouterDeps = {
    runtimeId: RUNTIME,
    extensionBase: BASE,
    verdicts: { getVerdict: async () => Promise.reject(new Error('not asked')) },
    tabs: createTabState({ setBadgeText: async () => undefined, setBadgeBackgroundColor: async () => undefined, setTitle: async () => undefined }),
    settings: createSettingsStore(storage),
    cache: { clear: async () => 0 },
    pins: createPinStore(storage),
    ...(timelines ? { timelines } : {}),
  };
  return createRouter(deps);
}

/** A service that records who asked for what, and answers at once. */
function recording() {
  const asked: string[] = [];
  const service: TimelineService = {
    timeline: async (pkg: PackageName, asker: string) => (asked.push(`${asker} ${pkg.registry}:${pkg.name}`), { kind: 'cancelled' }),
    progress: (pkg: PackageName) => (asked.push(`progress ${pkg.registry}:${pkg.name}`), { kind: 'checking', listed: 4 }),
    gone: () => undefined,
  };
  return { service, asked };
}

const code = (reply: { ok: boolean; code?: string }) => (reply.ok ? 'ok' : reply.code);

describe('router: release timelines', () => {
  it('answers the popup for any package, by name, and a progress ask without starting anything', async () => {
    const { service, asked } = recording();
    const router = setup(service);
    expect(await router({ type: 'page/timeline', pkg: { registry: 'npm', name: '@scope/pkg', version: '1.0.0' } }, popup)).toEqual({ ok: true, value: { kind: 'cancelled' } });
    expect(await router({ type: 'page/timeline', pkg: { registry: 'pypi', name: 'requests' }, progress: true }, popup)).toEqual({ ok: true, value: { kind: 'checking', listed: 4 } });
    expect(asked).toEqual(['page npm:@scope/pkg', 'progress pypi:requests']);
  });

  it("answers a tab's panel only for the package its page shows, in any spelling, as that tab", async () => {
    const { service, asked } = recording();
    const router = setup(service);
    const ask = (pkg: PackageName, sender: Sender) => router({ type: 'content/timeline', pkg }, sender);
    expect(code(await ask({ registry: 'pypi', name: 'Sample_Project' }, pypiPage('/project/sample-project/1.0/', 12)))).toBe('ok');
    expect(code(await ask({ registry: 'npm', name: '@scope/pkg' }, npmPage('/package/@scope/pkg?activeTab=versions')))).toBe('ok');
    expect(asked).toEqual(['tab:12 pypi:Sample_Project', 'tab:7 npm:@scope/pkg']);
    expect(code(await ask({ registry: 'pypi', name: 'requests' }, pypiPage('/project/sample-project/')))).toBe('MSG_FORBIDDEN_SENDER');
    expect(code(await ask({ registry: 'npm', name: 'sample-project' }, pypiPage('/project/sample-project/')))).toBe('MSG_FORBIDDEN_SENDER');
    expect(code(await ask({ registry: 'pypi', name: 'sample-project' }, pypiPage('/search/?q=sample')))).toBe('MSG_NOT_A_PACKAGE_PAGE');
    expect(asked).toHaveLength(2);
  });

  it('refuses other extensions, sub-frames, the wrong direction, bad names and malformed asks', async () => {
    const { service, asked } = recording();
    const router = setup(service);
    const demo = { registry: 'pypi', name: 'demo' };
    expect(code(await router({ type: 'page/timeline', pkg: demo }, { ...popup, id: 'someone-else' }))).toBe('MSG_FORBIDDEN_SENDER');
    expect(code(await router({ type: 'content/timeline', pkg: demo }, { ...pypiPage('/project/demo/'), frameId: 2 }))).toBe('MSG_FORBIDDEN_SENDER');
    expect(code(await router({ type: 'page/timeline', pkg: demo }, pypiPage('/project/demo/')))).toBe('MSG_FORBIDDEN_SENDER');
    expect(code(await router({ type: 'content/timeline', pkg: demo }, popup))).toBe('MSG_FORBIDDEN_SENDER');
    expect(code(await router({ type: 'page/timeline', pkg: { registry: 'pypi', name: 'no/such name' } }, popup))).toBe('MSG_BAD_PACKAGE');
    expect(code(await router({ type: 'page/timeline', pkg: demo, progress: 'yes' }, popup))).toBe('MSG_MALFORMED');
    expect(code(await router({ type: 'page/timeline' }, popup))).toBe('MSG_BAD_PACKAGE');
    expect(asked).toEqual([]);
    // A worker built without timelines says so rather than pretend.
    expect(code(await setup()({ type: 'page/timeline', pkg: demo }, popup))).toBe('MSG_INTERNAL');
  });

  describe('with the real service', () => {
    let ts: TestSigstore;
    beforeAll(async () => {
      ts = await createTestSigstore();
    });

    it('sends a page each identity once, and the page gets back what the popup gets', async () => {
      const acme = githubIdentity('acme/demo');
      const routes = pypiHistoryRoutes(ts, 'demo', [{ version: '1.0', files: [acme] }, { version: '1.1', files: [acme, acme] }, { version: '1.2', files: [githubIdentity('evil/demo')] }]);
      const trust = createTrustContext({ trustedRoot: ts.trustedRoot, npmKeys: ts.npmKeys });
      const service = createTimelineService({ fetcher: fakeFetcher(routes), verifiers: { verifyPypiProvenance, verifyNpmAttestations }, trust: () => trust });
      const router = setup(service);
      const fromPopup = await router({ type: 'page/timeline', pkg: { registry: 'pypi', name: 'demo' } }, popup);
      const fromPage = JSON.parse(JSON.stringify(await router({ type: 'content/timeline', pkg: { registry: 'pypi', name: 'demo' } }, pypiPage('/project/demo/'))));
      expect(fromPopup.ok && (fromPopup.value as TimelineAnswer).kind).toBe('timeline');
      expect(fromPage.identities).toHaveLength(2);
      expect(restoreIdentities(fromPage.value, fromPage.identities)).toBe(true);
      expect(fromPage.value).toEqual(fromPopup.ok ? fromPopup.value : null);
    });
  });
});

// The worker's page-facing pieces wired as worker.ts wires them (router, verdict service with
// continuity and pins, tab state, the navigation preparer) over a fake registry and a clock the
// test moves: for the prepared-verdict and retry tests. `withPrepare: false` is the same service
// without `prepare`, the baseline a prepared answer must never be worse than.
import { verifyNpmAttestations, verifyPypiProvenance } from '../../core/index';
import type { PackageVerdict } from '../../core/verdict';
import type { Fetcher } from '../../registries/fetcher';
import { NPM_REGISTRY_ORIGIN } from '../../registries/npm/hosts';
import type { FakeRoute } from '../../registries/testing/fake-fetcher';
import { githubIdentity, type TestSigstore } from '../../testing/testca/index';
import type { BadgeApi } from '../action-badge';
import { createVerdictCache } from '../cache';
import { createContinuityService } from '../continuity-service';
import { createPinStore } from '../pins';
import { prepareOnNavigation } from '../prepare-on-navigation';
import { createRouter } from '../router';
import type { Sender } from '../sender';
import { createSettingsStore } from '../settings';
import type { StorageArea } from '../storage-area';
import { createTabState } from '../tab-state';
import { fakeStorage } from './fake-storage';
import { npmPackageRoutes, testTrust } from './testca-registry';
import { createVerdictService } from '../verdicts';

export const RUNTIME = 'our-extension-id';
export const OWNER = githubIdentity('acme/demo');
export const sender = (tabId: number, url: string): Sender => ({ id: RUNTIME, url, frameId: 0, tab: { id: tabId, url } });
export const settle = () => new Promise((r) => setTimeout(r, 20));
/** A router reply's value. */
export const value = (reply: unknown) => (reply as { ok: true; value: PackageVerdict }).value;
export const npmAt = (path: string) => new URL(path, NPM_REGISTRY_ORIGIN).href;

export interface WorldOptions {
  withPrepare?: boolean;
  /** The toolbar button (default: answers at once). */
  badge?: BadgeApi;
  /** storage.session (default: none). */
  session?: StorageArea;
  /** Called after the worker tells a tab's page to ask again (each call is also in `told`). */
  tell?: (tabId: number) => void;
}

export function preparedWorld(ts: TestSigstore, fetcher: Fetcher, options: WorldOptions = {}) {
  let clock = Date.now();
  const now = () => clock;
  const verifiers = { verifyPypiProvenance, verifyNpmAttestations };
  const trust = testTrust(ts);
  const cache = createVerdictCache(fakeStorage(), { trustVersion: () => 't', now });
  const storage = fakeStorage();
  const pins = createPinStore(storage);
  const continuity = createContinuityService({ fetcher, verifiers, cache, now });
  const full = createVerdictService({ fetcher, verifiers, trust: () => trust, cache, continuity, pins, now });
  const verdicts = options.withPrepare === false ? { getVerdict: full.getVerdict } : full;
  const noBadge: BadgeApi = { setBadgeText: async () => undefined, setBadgeBackgroundColor: async () => undefined, setTitle: async () => undefined };
  const told: number[] = [];
  const tabs = createTabState(options.badge ?? noBadge, options.session, (tabId) => {
    told.push(tabId);
    options.tell?.(tabId);
  });
  const router = createRouter({
    runtimeId: RUNTIME,
    extensionBase: `chrome-extension://${RUNTIME}/`,
    verdicts,
    tabs,
    settings: createSettingsStore(storage),
    cache: { clear: async () => 0 },
    pins,
  });
  const preparer = prepareOnNavigation(verdicts, (tabId) => tabs.pageAsked(tabId));
  const popup = { id: RUNTIME, url: `chrome-extension://${RUNTIME}/popup.html` };
  return { router, verdicts, pins, tabs, preparer, told, popup, advance: (ms: number) => (clock += ms) };
}

/** npm `demo`: 1.0.0 published with provenance by acme/demo; `publish()` adds 1.0.1 without any and makes it latest. */
export function npmDemo(ts: TestSigstore) {
  const signed = npmPackageRoutes(ts, 'demo', [{ version: '1.0.0', identity: OWNER }]);
  const both = npmPackageRoutes(ts, 'demo', [{ version: '1.0.0', identity: OWNER }, { version: '1.0.1', identity: null }]);
  const routes: Record<string, FakeRoute> = { ...signed, [npmAt('/demo/latest')]: signed[npmAt('/demo/1.0.0')] };
  const publish = () => Object.assign(routes, both, { [npmAt('/demo/latest')]: both[npmAt('/demo/1.0.1')] });
  return { routes, publish };
}

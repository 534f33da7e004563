// MV3 service worker entry. The Buffer installer must run before @sigstore/* modules load,
// which read the global at import time; ES modules evaluate imports in order, so it is first.
import '../core/crypto/install-buffer';
import browser, { type Runtime } from 'webextension-polyfill';
import { ASK_AGAIN } from '../shared/messages';
import { createVerdictCache } from './cache';
import { createContinuityService } from './continuity-service';
import { createLimitedFetcher } from './fetch-limited';
import { createLiveTrust } from './tuf/live-trust';
import { tufFetchOver } from './tuf/tuf-fetch';
import { createPinStore } from './pins';
import { prepareOnNavigation } from './prepare-on-navigation';
import { createRouter } from './router';
import { createSearchMemory } from './search-memory';
import { createSearchTabs } from './search-tabs';
import { createSettingsStore } from './settings';
import type { StorageArea } from './storage-area';
import { createTabState } from './tab-state';
import { timelineHolds } from './timeline-holds';
import { createTimelineService } from './timeline-service';
import { installWorkerTrust, trustVersion, workerTrust } from './trust';
import { createVerdictService } from './verdicts';
import { createWorkerVerifiers } from './verifiers';
import { fetchTelling, warmOncePerSession, warmUpTrigger } from './warm-up';

const local: StorageArea = browser.storage.local;
// storage.session: Chrome 102+, Firefox 115+; without it tab state lives in memory only.
const session: StorageArea | undefined = (browser.storage as { session?: StorageArea }).session;

const log = (message: string, error: unknown) => console.error(message, error);
/**
 * The start-up verification (warm-up.ts): at once in a worker asked nothing in its first 50 ms
 * (the events queued as it started come first), else after its first registry request, or
 * 300 ms after the first event when none is sent (a revisit answered from the cache).
 */
const WARM_UP_TIMING = { quietMs: 50, askedWaitMs: 300 };
// A search page's verdicts arrive over a few hundred milliseconds: they share their storage writes.
const cache = createVerdictCache(local, { trustVersion, gatherWritesMs: 100 });
// The page re-asks through the router, with its sender checked as ever; the message says nothing else.
const askAgain = (tabId: number) => void browser.tabs.sendMessage(tabId, ASK_AGAIN).catch(() => undefined);
const tabs = createTabState(browser.action, session, askAgain);
const searchTabs = createSearchTabs();
const verifiers = createWorkerVerifiers();
// warmOncePerSession never rejects: without trust material the first request reports it.
const warmUp = warmUpTrigger(() => void warmOncePerSession(session, verifiers, workerTrust), WARM_UP_TIMING);
const fetcher = createLimitedFetcher({
  browserThrottling: true,
  ...(session ? { serverErrorStore: session } : {}),
  fetchImpl: fetchTelling(warmUp),
});
const pins = createPinStore(local);
// Sigstore's trust material, refreshed over TUF in the background; verdicts never wait for it.
// e2e builds start the chain from a generated repository's root (build-defines.d.ts); others from Sigstore's.
const testTufRoot = typeof __PROVENANCE_LENS_TUF_ROOT__ === 'string' ? __PROVENANCE_LENS_TUF_ROOT__ : undefined;
// A due refresh waits 2 s: the first page's verdict, a few registry round trips, has the
// worker's thread to itself meanwhile (live-trust.ts).
const liveTrust = createLiveTrust({
  storage: local,
  fetch: tufFetchOver(),
  install: installWorkerTrust,
  refreshDelayMs: 2000,
  log,
  ...(testTufRoot ? { initialRoot: testTufRoot } : {}),
});
const currentTrust = () => {
  liveTrust.refreshIfDue();
  return workerTrust();
};
const continuity = createContinuityService({ fetcher, verifiers, cache, ...(session ? { session } : {}), log });
const verdicts = createVerdictService({ fetcher, verifiers, trust: currentTrust, trustLoaded: liveTrust.loaded, cache, continuity, pins, log });
// Read before tabs.navigated below can forget the record: the same package keeps it anyway.
const preparer = prepareOnNavigation(verdicts, (tabId) => tabs.pageAsked(tabId));
// Release timelines: nothing is built until a popup or panel opens its Release history.
const timelines = createTimelineService({ fetcher, verifiers, trust: currentTrust, trustLoaded: liveTrust.loaded, cache });
const senderPolicy = { runtimeId: browser.runtime.id, extensionBase: browser.runtime.getURL('') };
const router = createRouter({
  ...senderPolicy,
  verdicts,
  tabs,
  timelines,
  searches: createSearchMemory(),
  searchTabs,
  askAgain,
  // The details panel's code, into the top frame of the tab whose badge was clicked (panel-api.ts).
  showPanel: async (tabId) => void (await browser.scripting.executeScript({ target: { tabId, frameIds: [0] }, files: ['panel.js'] })),
  // What a woken worker runs on is known once its stored material is read.
  about: async () => {
    await liveTrust.loaded();
    return { version: browser.runtime.getManifest().version, trustedRootDate: workerTrust().trustedRootDate, trust: liveTrust.status() };
  },
  settings: createSettingsStore(local),
  cache,
  continuity,
  pins,
  log,
});

browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
  warmUp.asked();
  return router(message, sender);
});
// A popup or panel waiting for a timeline holds a port open; its closing cancels the build.
browser.runtime.onConnect.addListener(timelineHolds(timelines, senderPolicy));

browser.tabs.onUpdated.addListener((tabId, changeInfo) => {
  if (changeInfo.url === undefined) return;
  warmUp.asked();
  void preparer.navigated(tabId, changeInfo.url).catch((e: unknown) => console.error('prepare', e));
  void tabs.navigated(tabId, changeInfo.url).catch((e: unknown) => console.error('tab state', e));
});
browser.tabs.onRemoved.addListener((tabId) => {
  preparer.removed(tabId);
  searchTabs.removed(tabId);
  void tabs.removed(tabId).catch((e: unknown) => console.error('tab state', e));
});

// Parse the trust material now rather than on the first page's request, but after this first
// task: event listeners are registered above, synchronously, as MV3 requires. The material the
// last refresh stored is installed first (parsed once, as it is installed); the build's own is
// parsed only when none was. A failure here is only logged; the first request builds it again
// and reports TRUST_MATERIAL in its verdict.
setTimeout(() => {
  void liveTrust.start().catch((error: unknown) => log('trust material: refresh at start-up', error));
  void liveTrust.loaded().then(() => {
    try {
      workerTrust();
    } catch (error) {
      log('trust material: not prepared at start-up', error);
    }
  });
}, 0);

// @vitest-environment happy-dom
// Review of 0595b4c, page side: a revisited PyPI search page told abridged copies at load, and a
// pin set from the popup while a result's panel waits for its whole verdict (worker/ask-again,
// search-tabs.ts), against the REAL router, verdict service, pins and core over REAL fixtures.
import '../testing/idle-callback';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { createVerdictCache } from '../background/cache';
import { createPinStore } from '../background/pins';
import { createRouter } from '../background/router';
import { createSearchMemory } from '../background/search-memory';
import { createSearchTabs } from '../background/search-tabs';
import { createSettingsStore } from '../background/settings';
import { createTabState } from '../background/tab-state';
import { fakeStorage } from '../background/testing/fake-storage';
import { freshAnswers, NO_BADGE } from '../background/testing/fresh-registry';
import { createVerdictService } from '../background/verdicts';
import { createTrustContext, verifyNpmAttestations, verifyPypiProvenance } from '../core/index';
import { provenanceUrl, releaseUrl } from '../registries/pypi/api';
import { fakeFetcher } from '../registries/testing/fake-fetcher';
import type { Message } from '../shared/messages';
import { el } from '../testing/dom-el';
import { describeRealData, readFixtureJson } from '../testing/fixtures';
import { createAsk } from '../ui/worker-client';
import { keepEarlyReply } from './early-start';
import { listenForEarlyVerdict } from './early-verdict';
import { pypiSite } from './pypi-site';
import { runSite } from './site-runner';

const RUNTIME = 'our-extension-id';
const SEARCH_URL = 'https://pypi.org/search/?q=attestations';
const FILE = 'pypi_attestations-0.0.19.tar.gz';
const SHA = '9bb1add04b1b4e182be6b0b80931593f7a291eb49d69b4fd728a5d4cbcdc4bd3';
const REKOR = '153454663';
const GH = 'https://token.actions.githubusercontent.com';

const sent: Message[] = [];
let stop: () => void = () => undefined;

function worker() {
  const json = { info: { name: 'pypi-attestations', version: '0.0.19' }, urls: [{ filename: FILE, packagetype: 'sdist', digests: { sha256: SHA } }] };
  const fetcher = freshAnswers(
    fakeFetcher({
      [releaseUrl('pypi-attestations').href]: json,
      [releaseUrl('pypi-attestations', '0.0.19').href]: json,
      [provenanceUrl('pypi-attestations', '0.0.19', FILE).href]: readFixtureJson(`pypi/pypi-attestations/${FILE}.provenance`),
    }),
  );
  const storage = fakeStorage();
  const trust = createTrustContext({ trustedRoot: readFixtureJson('sigstore/trusted_root.json') });
  const cache = createVerdictCache(storage, { trustVersion: () => 't' });
  const pins = createPinStore(storage);
  const verdicts = createVerdictService({ fetcher, verifiers: { verifyPypiProvenance, verifyNpmAttestations }, trust: () => trust, cache, pins });
  const heard = new Set<() => void>();
  const router = createRouter({
    runtimeId: RUNTIME, extensionBase: `chrome-extension://${RUNTIME}/`, verdicts, tabs: createTabState(NO_BADGE), settings: createSettingsStore(storage), cache, pins,
    searches: createSearchMemory(), searchTabs: createSearchTabs(), askAgain: () => heard.forEach((l) => l()),
  });
  const route = (m: unknown) => router(structuredClone(m), { id: RUNTIME, url: SEARCH_URL, frameId: 0, tab: { id: 3, url: SEARCH_URL } });
  /** Details answers wait for `release` while `hold` is set. */
  const gate = { hold: false, waiting: [] as (() => void)[] };
  const ask = createAsk(async (m) => {
    sent.push(structuredClone(m));
    if (m.type === 'content/panel') {
      await import('./panel-script');
      return { ok: true, value: true };
    }
    const reply = await route(m);
    if (gate.hold && m.type === 'content/search-verdicts' && m.details === true) await new Promise<void>((r) => gate.waiting.push(r));
    return structuredClone(reply);
  });
  const popup = (m: unknown) => router(m, { id: RUNTIME, url: `chrome-extension://${RUNTIME}/popup.html` });
  const onAskAgain = (l: () => void) => (heard.add(l), () => heard.delete(l));
  return { ask, route, popup, onAskAgain, gate };
}

const badge = () => document.querySelector('provenance-lens-badge') as HTMLElement | null;
const dialog = () => document.querySelector('provenance-lens-panel')?.shadowRoot?.querySelector('dialog');
const panelText = () => dialog()?.textContent ?? '';
const status = () => badge()?.getAttribute('data-provenance-status');
/** An element's markup as read (never parsed back). */
const markup = (e: Element | null | undefined) => (e ? new XMLSerializer().serializeToString(e) : undefined);
const drawn = () => [status(), badge()?.getAttribute('data-provenance-package'), markup(badge()?.shadowRoot?.querySelector('.pl-badge'))];
async function open(): Promise<void> {
  await vi.waitFor(() => expect(['verified', 'invalid']).toContain(status()), { timeout: 5000 });
  badge()?.shadowRoot?.querySelector<HTMLButtonElement>('.pl-badge')?.click();
  await vi.waitFor(() => expect(dialog()).toBeTruthy());
}
const page = () => document.body.replaceChildren(el('a', { class: 'package-snippet', href: '/project/pypi-attestations/' }, el('span', { class: 'package-snippet__name' }, 'pypi-attestations')));

beforeEach(() => {
  sent.length = 0;
  history.replaceState(null, '', '/search/?q=attestations');
  vi.spyOn(Element.prototype, 'getBoundingClientRect').mockReturnValue(new DOMRect(0, 0, 100, 20));
  page();
});
afterEach(() => {
  (document.querySelector('provenance-lens-panel')?.shadowRoot?.activeElement as HTMLElement | null)?.blur();
  stop();
  vi.restoreAllMocks();
  document.body.replaceChildren();
  document.querySelector('provenance-lens-panel')?.remove();
});

describeRealData('review: told verdicts and ask-again around the details panel', () => {
  it('held: a revisit draws the told abridged copy as the first visit drew it, and its panel asks only the whole verdict', async () => {
    const w = worker();
    stop = runSite(pypiSite, w.ask);
    await vi.waitFor(() => expect(status()).toBe('verified'), { timeout: 5000 });
    const first = drawn();
    stop();
    // The next document of the same search: the first script's prepare, then the main script.
    sent.length = 0;
    page();
    keepEarlyReply(w.route({ type: 'content/prepare' }).then((r) => structuredClone(r)));
    listenForEarlyVerdict();
    stop = runSite(pypiSite, w.ask);
    await open();
    expect(drawn()).toEqual(first);
    await vi.waitFor(() => expect(panelText()).toContain(REKOR), { timeout: 5000 });
    expect(panelText()).toContain(FILE);
    const asks = sent.filter((m) => m.type === 'content/search-verdicts');
    expect(asks.map((m) => m.type === 'content/search-verdicts' && m.details)).toEqual([true]);
  });

  it('held: a pin set while the panel waits for the whole verdict: nothing shows the unpinned verified verdict afterwards', async () => {
    const w = worker();
    stop = runSite(pypiSite, w.ask, w.onAskAgain);
    w.gate.hold = true;
    await open();
    await vi.waitFor(() => expect(w.gate.waiting).toHaveLength(1));
    const pin = { issuer: GH, repository: 'someone/else' };
    expect(await w.popup({ type: 'page/pin-set', pkg: { registry: 'pypi', name: 'pypi-attestations', version: '0.0.19' }, pin })).toMatchObject({ ok: true });
    await vi.waitFor(() => expect(status()).toBe('invalid'), { timeout: 5000 });
    w.gate.hold = false;
    w.gate.waiting.forEach((r) => r());
    await new Promise((r) => setTimeout(r, 100));
    expect(status()).toBe('invalid');
    expect(panelText()).not.toContain('Provenance verified');
    await open();
    await vi.waitFor(() => expect(panelText()).toContain('IDENTITY_PIN'), { timeout: 5000 });
  });
});

// Live trust refresh in Firefox (issue 15), as ../tuf-refresh.spec.ts shows it in Chromium: the
// background script's TUF client, on the crypto adapter in Gecko, refreshes from the generated TUF
// repository the fixture server plays tuf-repo-cdn.sigstore.dev with (reached through the CONNECT
// proxy), and a package attested through a log only that repository names turns from "couldn't
// check" into verified, with the same build (dist/firefox-e2e, made by scripts/e2e-prepare.ts).
// Firefox runs the background as an event page, so an extension page reaches it (and its clock)
// with runtime.getBackgroundPage().
import { expect, test } from '@playwright/test';
import type { Page } from 'puppeteer-core';
import { startFixtureServer, type FixtureServer } from '../server/fixture-server';
import { assertTestcaScenarios, FIREFOX_E2E_EXTENSION_DIR, TESTCA_DIR, TUF_NEW_LOG_PROJECT, TUF_PUBLISHED } from '../testca/paths';
import { startConnectProxy, type ConnectProxy } from './connect-proxy';
import { expectFirefoxBadge, PYPI_TITLE, readPopup, snapFirefoxPage } from './firefox-page';
import { launchFirefoxWithExtension, openFirefoxPopup, type FirefoxExtensionBrowser } from './launch-firefox';

let server: FixtureServer;
let proxy: ConnectProxy;
let firefox: FirefoxExtensionBrowser;

test.beforeAll(async () => {
  test.setTimeout(60_000);
  assertTestcaScenarios();
  server = await startFixtureServer({ generated: TESTCA_DIR });
  proxy = await startConnectProxy({ upstreamPort: server.port });
  firefox = await launchFirefoxWithExtension(proxy.port, FIREFOX_E2E_EXTENSION_DIR);
});

test.afterAll(async () => {
  await firefox?.close();
  await proxy?.stop();
  await server?.stop();
});

/** Past live-trust.ts's RETRY_AFTER_FAILURE_MS (one hour). */
const CLOCK_SHIFT_MS = 2 * 60 * 60 * 1000;
interface StoredTrust {
  good?: { versions: Record<string, number>; materialDate: string };
  failure?: { at: number; reason: string };
}
interface BrowserGlobal {
  browser: { storage: { local: { get(key: string): Promise<Record<string, unknown>> } }; runtime: { getBackgroundPage(): Promise<Window> } };
}
// The background's storage record of the live trust (src/background/tuf/stored-trust.ts).
const storedTrust = (extensionPage: Page): Promise<StoredTrust> =>
  extensionPage.evaluate(async () => ((await (globalThis as unknown as BrowserGlobal).browser.storage.local.get('trust-tuf'))['trust-tuf'] ?? {}) as StoredTrust);

test('Firefox: a TUF refresh installs a trusted root with a new log; its package goes from "couldn\'t check" to verified', async () => {
  test.setTimeout(120_000);
  const pkg = `pypi:${TUF_NEW_LOG_PROJECT}@1.0.0`;
  const tab = await firefox.browser.newPage();
  // Before: no repository (404), so the start-up refresh failed; the build's own material stays.
  server.tuf.serve('off');
  await tab.goto(`https://pypi.org/project/${TUF_NEW_LOG_PROJECT}/`);
  await expectFirefoxBadge(tab, PYPI_TITLE, 'unavailable', pkg);
  const before = await openFirefoxPopup(firefox, tab);
  await expect.poll(async () => (await storedTrust(before)).failure?.reason).toBe('TUF_FETCH');
  await expect.poll(async () => (await readPopup(before)).text).toContain('TRUST_UNKNOWN_LOG');
  // About is asked once, as a popup opens, and the start-up refresh waits 2 s (live-trust.ts
  // refreshDelayMs): it is read in a popup opened once the failure is stored.
  const about = await openFirefoxPopup(firefox, tab);
  await expect.poll(async () => (await readPopup(about)).text).toContain('failed (TUF_FETCH)');
  await snapFirefoxPage(about, 'tuf-refresh-before-popup');
  await about.close();

  // The repository appears; the background's clock moves past the retry interval and the page is
  // asked again, which starts the refresh (the verdict itself does not wait for it). The new
  // Date.now is made in this popup's realm, and Gecko makes it a dead object when that page
  // closes, so the popup stays open until the end.
  server.tuf.serve('repo');
  await before.evaluate(async (ms) => {
    const background = (await (globalThis as unknown as BrowserGlobal).browser.runtime.getBackgroundPage()) as unknown as { Date: DateConstructor };
    const real = background.Date.now.bind(background.Date);
    background.Date.now = () => real() + ms;
  }, CLOCK_SHIFT_MS);
  await tab.reload();
  await expectFirefoxBadge(tab, PYPI_TITLE, 'unavailable', pkg);
  await expect
    .poll(async () => ((s) => s.good?.versions ?? s.failure)(await storedTrust(before)), { timeout: 30_000 })
    .toEqual({ root: TUF_PUBLISHED.root, timestamp: TUF_PUBLISHED.targets, snapshot: TUF_PUBLISHED.targets, targets: TUF_PUBLISHED.targets });
  expect(server.tuf.served).toEqual(expect.arrayContaining(['2.root.json', 'timestamp.json', `${TUF_PUBLISHED.targets}.targets.json`]));
  const refreshedAt = (await storedTrust(before)).good?.materialDate ?? '';

  await tab.reload();
  await expectFirefoxBadge(tab, PYPI_TITLE, 'verified', pkg);
  const after = await openFirefoxPopup(firefox, tab);
  // About folds away when the material is fresh: open it, as a person would, to read it.
  await expect
    .poll(() => after.evaluate(() => [...document.querySelectorAll('summary')].find((el) => el.textContent?.startsWith('About')) !== undefined))
    .toBe(true);
  await after.evaluate(() => [...document.querySelectorAll('summary')].find((el) => el.textContent?.startsWith('About'))?.click());
  await expect.poll(async () => (await readPopup(after)).text).toContain(`Sigstore TUF root v${TUF_PUBLISHED.root}, targets v${TUF_PUBLISHED.targets}`);
  const text = (await readPopup(after)).text;
  expect(text).toContain(`Last refreshed: ${refreshedAt.slice(0, 10)}`);
  expect(text).not.toContain('Stale');
  await snapFirefoxPage(after, 'tuf-refresh-after-popup');
  expect(proxy.refused.filter((r) => r.target === 'tuf-repo-cdn.sigstore.dev:443'), 'the proxy tunnels the TUF host').toEqual([]);
  await Promise.all([after.close(), before.close(), tab.close()]);
  server.tuf.serve('off');
});

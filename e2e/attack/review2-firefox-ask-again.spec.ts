// REGRESSION (Firefox ESR + dist/firefox; review 2 of issue 14, worker/ask-again of bae0bc4): the
// registry is down when a PyPI page is checked ("couldn't check"); it recovers and the person
// presses Retry in the popup. Firefox's tabs.sendMessage must reach the page's content script:
// the page's title and file badges follow the popup to verified without a reload, and only the
// tab that shows the release is asked (a second tab on another package keeps its badge, and is
// not re-asked).
import { expect, test } from '@playwright/test';
import type { Page } from 'puppeteer-core';
import { startFixtureServer, type FixtureServer } from '../server/fixture-server';
import { startConnectProxy, type ConnectProxy } from '../firefox/connect-proxy';
import { launchFirefoxWithExtension, openFirefoxPopup, type FirefoxExtensionBrowser } from '../firefox/launch-firefox';
import { readBadges, startRewriteProxy, type ProxiedRequest, type RewriteProxy, type Upstream } from './attack-support';

let server: FixtureServer;
let rewrite: RewriteProxy;
let connect: ConnectProxy;
let firefox: FirefoxExtensionBrowser;
const tabs: Page[] = [];

test.beforeAll(async () => {
  test.setTimeout(90_000);
  server = await startFixtureServer();
  rewrite = await startRewriteProxy(server.port);
  connect = await startConnectProxy({ upstreamPort: rewrite.port });
  firefox = await launchFirefoxWithExtension(connect.port);
});
test.afterAll(async () => {
  await Promise.all(tabs.map((t) => t.close().catch(() => undefined)));
  await firefox?.close();
  await connect?.stop();
  await rewrite?.stop();
  await server?.stop();
});

const down: Upstream = { status: 503, headers: { 'content-type': 'text/plain' }, body: Buffer.from('Service Unavailable') };

async function titleStatus(tab: Page): Promise<string | null> {
  return tab.evaluate(() => document.querySelector('h1 + provenance-lens-badge')?.getAttribute('data-provenance-status') ?? null);
}

test('Firefox: popup Retry after an outage; the page follows, the other tab is left alone', async () => {
  test.setTimeout(120_000);
  rewrite.rules = [(r) => (r.host === 'pypi.org' && r.path.startsWith('/pypi/sampleproject/') ? { transform: () => down } : undefined)];
  const other = await firefox.browser.newPage();
  tabs.push(other);
  await other.goto('https://www.npmjs.com/package/sigstore');
  await expect.poll(async () => other.evaluate(() => document.querySelector('#top h1 + provenance-lens-badge')?.getAttribute('data-provenance-status') ?? null), { timeout: 30_000 }).toBe('verified');
  const tab = await firefox.browser.newPage();
  tabs.push(tab);
  await tab.goto('https://pypi.org/project/sampleproject/');
  await expect.poll(() => titleStatus(tab), { timeout: 30_000 }).toBe('unavailable');

  const seen: ProxiedRequest[] = [];
  rewrite.rules = [
    (r) => {
      seen.push(r);
      return undefined;
    },
  ];
  const popup = await openFirefoxPopup(firefox, tab, (p) => tabs.push(p));
  await expect.poll(async () => popup.evaluate(() => [...document.querySelectorAll('button')].some((b) => b.textContent?.includes('Retry'))), { timeout: 20_000 }).toBe(true);
  await popup.evaluate(() => [...document.querySelectorAll('button')].find((b) => b.textContent?.includes('Retry'))?.click());
  await expect.poll(async () => popup.evaluate(() => document.querySelector('.pl-verdict')?.textContent ?? ''), { timeout: 20_000 }).toContain('Verified');
  await expect.poll(() => titleStatus(tab), { timeout: 20_000 }).toBe('verified');
  const badges = await tab.evaluate(readBadges);
  console.log(JSON.stringify({ badges, npmAsks: seen.filter((r) => r.host !== 'pypi.org').map((r) => r.path) }));
  expect(badges.filter((b) => b.status !== 'verified')).toEqual([]);
  // The npm tab (another package) was not told to ask again: no npm page data or registry fetch.
  expect(seen.filter((r) => r.host === 'www.npmjs.com' || r.host === 'registry.npmjs.org')).toEqual([]);
  expect(await other.evaluate(() => document.querySelector('#top h1 + provenance-lens-badge')?.getAttribute('data-provenance-status') ?? null)).toBe('verified');
});

// Regression specs from the issue 14 navigation review (Firefox ESR + dist/firefox, through the
// CONNECT proxy and the rewriting proxy of attack-support.ts):
//  1. PyPI A -> B -> Back: Firefox restores A from its back/forward cache (pages made cacheable as
//     real ones are). Expected: the popup speaks of A.
//  2. npm home -> A -> B in quick succession (page data held 800 ms): only B is badged and named.
import { expect, test } from '@playwright/test';
import type { Page } from 'puppeteer-core';
import { startFixtureServer, type FixtureServer } from '../server/fixture-server';
import { installHeaderProbe, popupHeading, readNpmPageState } from '../support/npm-page-state';
import { startConnectProxy, type ConnectProxy } from '../firefox/connect-proxy';
import { launchFirefoxWithExtension, openFirefoxPopup, type FirefoxExtensionBrowser } from '../firefox/launch-firefox';
import { readBadges, startRewriteProxy, type RewriteProxy } from './attack-support';

let server: FixtureServer;
let rewrite: RewriteProxy;
let connect: ConnectProxy;
let firefox: FirefoxExtensionBrowser;
let tabs: Page[] = [];

test.beforeAll(async () => {
  test.setTimeout(90_000);
  server = await startFixtureServer();
  rewrite = await startRewriteProxy(server.port);
  connect = await startConnectProxy({ upstreamPort: rewrite.port });
  firefox = await launchFirefoxWithExtension(connect.port);
});
test.afterAll(async () => {
  await firefox?.close();
  await connect?.stop();
  await rewrite?.stop();
  await server?.stop();
});
test.beforeEach(() => {
  rewrite.rules = [];
  rewrite.cacheablePages = false;
  tabs = [];
});
test.afterEach(async () => {
  await Promise.all(tabs.map((t) => t.close().catch(() => undefined)));
});

async function newTab(): Promise<Page> {
  const tab = await firefox.browser.newPage();
  tabs.push(tab);
  return tab;
}

async function popupSays(tab: Page): Promise<string | null> {
  const popup = await openFirefoxPopup(firefox, tab, (p) => tabs.push(p));
  try {
    await expect.poll(async () => (await popup.evaluate(popupHeading)).settled).toBe(true);
    return (await popup.evaluate(popupHeading)).heading;
  } finally {
    await popup.close();
    await tab.bringToFront();
  }
}

test('Firefox PyPI: A -> B -> Back (back/forward cache): the popup speaks of A', async () => {
  rewrite.cacheablePages = true;
  const tab = await newTab();
  await tab.evaluateOnNewDocument(() => {
    const w = window as unknown as { __restored: number };
    w.__restored = 0;
    addEventListener('pageshow', (e: PageTransitionEvent) => {
      if (e.persisted) w.__restored++;
    });
  });
  await tab.goto('https://pypi.org/project/sampleproject/');
  await tab.waitForSelector('h1 + [data-provenance-status="verified"]');
  await expect.poll(() => popupSays(tab)).toContain('sampleproject 4.0.0');
  await tab.goto('https://pypi.org/project/pypi-attestations/');
  await tab.waitForSelector('h1 + [data-provenance-status="verified"]');
  await expect.poll(() => popupSays(tab)).toContain('pypi-attestations 0.0.19');
  await tab.evaluate(() => setTimeout(() => history.back(), 0));
  await expect.poll(() => tab.evaluate(() => location.pathname).catch(() => '')).toBe('/project/sampleproject/');
  await new Promise((r) => setTimeout(r, 1500));
  const restored = await tab.evaluate(() => (window as unknown as { __restored: number }).__restored);
  const badges = await tab.evaluate(readBadges);
  const popup = await popupSays(tab);
  expect(restored, 'A was restored from the back/forward cache').toBe(1);
  expect(badges.some((b) => b.where.startsWith('h1') && b.pkg === 'pypi:sampleproject@4.0.0' && b.status === 'verified'), "A's page badge").toBe(true);
  expect(popup, 'popup names A').toContain('sampleproject 4.0.0');
});

test('Firefox npm: home -> A -> B before A has rendered: only B is badged and named', async () => {
  const tab = await newTab();
  await tab.evaluateOnNewDocument(installHeaderProbe);
  await tab.goto('https://www.npmjs.com/');
  await tab.waitForSelector('html[data-hydrated="true"]');
  rewrite.rules = [(r) => (r.host === 'www.npmjs.com' && r.accept.startsWith('application/json') ? { delayMs: 800 } : undefined)];
  await tab.evaluate(() => document.querySelector<HTMLAnchorElement>('main a[href="/package/sigstore"]')?.click());
  await new Promise((r) => setTimeout(r, 150));
  await tab.evaluate(() => document.querySelector<HTMLAnchorElement>('main a[href="/package/lens-fixture-plain"]')?.click());
  await expect
    .poll(async () => {
      const s = await tab.evaluate(readNpmPageState);
      return { path: s.path, titleBadges: s.titleBadges, violations: s.violations };
    }, { timeout: 20_000 })
    .toEqual({ path: '/package/lens-fixture-plain', titleBadges: [{ pkg: 'npm:lens-fixture-plain@1.0.0', status: 'none', atHeading: true }], violations: [] });
  await expect.poll(() => popupSays(tab), { timeout: 15_000 }).toContain('lens-fixture-plain 1.0.0');
});

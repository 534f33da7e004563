// REGRESSION (found by the issue-14 attack review; Firefox ESR + dist/firefox, through the CONNECT proxy and the rewriting proxy):
// npm version -> version on a slow network (page data held 4 s). Expected: no badge naming the
// new version on the header still showing the old one. (The back/forward cache and fast
// navigation attacks, which Firefox withstood, are in firefox-nav.spec.ts.)
import { expect, test } from '@playwright/test';
import type { Page } from 'puppeteer-core';
import { startFixtureServer, type FixtureServer } from '../server/fixture-server';
import { installHeaderProbe, popupHeading } from '../support/npm-page-state';
import { startConnectProxy, type ConnectProxy } from '../firefox/connect-proxy';
import { launchFirefoxWithExtension, openFirefoxPopup, type FirefoxExtensionBrowser } from '../firefox/launch-firefox';
import { startRewriteProxy, type RewriteProxy } from './attack-support';

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

test('Firefox npm: version -> version on a slow network: no badge names another version than the header', async () => {
  const tab = await newTab();
  await tab.evaluateOnNewDocument(installHeaderProbe);
  await tab.goto('https://www.npmjs.com/package/sigstore?activeTab=versions');
  await tab.waitForSelector('html[data-hydrated="true"]');
  await tab.waitForSelector('#top h1 + [data-provenance-status="verified"][data-provenance-package="npm:sigstore@2.3.1"]');
  rewrite.rules = [(r) => (r.host === 'www.npmjs.com' && r.accept.startsWith('application/json') ? { delayMs: 4000 } : undefined)];
  await tab.click('table[aria-labelledby="version-history"] a[href="/package/sigstore/v/1.0.0"]');
  await new Promise((r) => setTimeout(r, 2500));
  const during = await tab.evaluate(() => {
    const h1 = document.querySelector('#top h1');
    return {
      path: location.pathname,
      header: h1?.nextElementSibling?.textContent ?? '',
      loading: document.getElementById('fixture-progress') !== null,
      inH1: [...(h1?.querySelectorAll('[data-provenance-package]') ?? [])].map((b) => `${b.getAttribute('data-provenance-package')} ${b.getAttribute('data-provenance-status')}`),
    };
  });
  const popup = await popupSays(tab);
  console.log('Firefox during the fetch:', JSON.stringify({ during, popup }));
  expect(during.loading).toBe(true);
  expect(during.inH1.filter((b) => !b.startsWith(`npm:sigstore@${/^(\S+) •/.exec(during.header)?.[1] ?? '?'}`)), 'badges naming another version than the header').toEqual([]);
});

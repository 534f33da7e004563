// One Firefox per spec file (launching it per test costs seconds on a 2-core machine), behind the
// CONNECT proxy in front of one fixture server. Each test gets its own tab, closed afterwards,
// and the same guards as the Chromium specs: no dialog, no uncaught page error, no console error
// from the extension, and no fixture host ever refused by the proxy.
import { expect, test } from '@playwright/test';
import type { Page } from 'puppeteer-core';
import { startFixtureServer, type FixtureServer } from '../server/fixture-server';
import { fixturesAvailable, FIXTURES_DIR } from '../support/fixtures-dir';
import { startConnectProxy, type ConnectProxy } from './connect-proxy';
import { launchFirefoxWithExtension, openFirefoxPopup, readFirefoxManifest, FIREFOX_EXTENSION_DIR, type FirefoxExtensionBrowser } from './launch-firefox';
import { FIXTURE_HOSTS } from '../server/certificate';

export interface FirefoxSession {
  server: FixtureServer;
  proxy: ConnectProxy;
  firefox: FirefoxExtensionBrowser;
  /** A fresh foreground tab for the current test, watched by the guards. */
  newTab: () => Promise<Page>;
  openPopup: (forTab: Page) => Promise<Page>;
}

interface Guards {
  dialogs: string[];
  pageErrors: string[];
  extensionConsoleErrors: string[];
}

function watch(page: Page, guards: Guards): void {
  page.on('dialog', (dialog) => {
    guards.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss().catch(() => undefined);
  });
  page.on('pageerror', (error) => guards.pageErrors.push(`${page.url()}: ${String(error)}`));
  page.on('console', (msg) => {
    const where = msg.location().url ?? '';
    if (msg.type() === 'error' && (where.startsWith('moz-extension://') || /provenance[- ]lens/i.test(msg.text()))) {
      guards.extensionConsoleErrors.push(`${page.url()}: ${msg.text()}`);
    }
  });
}

/**
 * Registers the hooks of a Firefox spec file and returns the session its tests use. `server`:
 * options of its fixture server (registryCaching: the registries' own Cache-Control).
 */
export function useFirefoxSession(server: { registryCaching?: boolean } = {}): FirefoxSession {
  const session = {} as FirefoxSession;
  let tabs: Page[] = [];
  let guards: Guards = { dialogs: [], pageErrors: [], extensionConsoleErrors: [] };

  test.beforeAll(async () => {
    test.setTimeout(60_000);
    if (!fixturesAvailable()) throw new Error(`real-data fixtures missing at ${FIXTURES_DIR} (set PROVENANCE_LENS_FIXTURES)`);
    readFirefoxManifest(FIREFOX_EXTENSION_DIR); // fails with a clear message before anything starts
    session.server = await startFixtureServer(server);
    session.proxy = await startConnectProxy({ upstreamPort: session.server.port });
    session.firefox = await launchFirefoxWithExtension(session.proxy.port);
  });

  test.afterAll(async () => {
    const other = session.proxy?.refused.map((r) => `${r.method} ${r.target} (${r.reason})`) ?? [];
    // Not ours to fix, but worth seeing: anything Firefox itself tried to reach.
    console.log(`firefox: proxy refused ${other.length} request(s)${other.length ? `: ${[...new Set(other)].join(', ')}` : ''}`);
    await session.firefox?.close();
    await session.proxy?.stop();
    await session.server?.stop();
  });

  test.beforeEach(() => {
    tabs = [];
    guards = { dialogs: [], pageErrors: [], extensionConsoleErrors: [] };
  });

  test.afterEach(async ({}, testInfo) => {
    if (testInfo.status !== testInfo.expectedStatus) {
      for (const [i, tab] of tabs.entries()) {
        const path = testInfo.outputPath(`failure-tab-${i}.png`);
        if (await tab.screenshot({ path: path as `${string}.png`, fullPage: true }).then(() => true, () => false)) {
          testInfo.attachments.push({ name: `tab ${i}: ${tab.url()}`, path, contentType: 'image/png' });
        }
      }
    }
    await Promise.all(tabs.map((tab) => tab.close().catch(() => undefined)));
    const fixtureRefusals = (session.proxy?.refused ?? []).filter((r) => FIXTURE_HOSTS.some((h) => r.target === `${h}:443`));
    expect(fixtureRefusals, 'the proxy refused no fixture host').toEqual([]);
    expect(guards.dialogs, 'no dialog may open').toEqual([]);
    expect(guards.pageErrors, 'no uncaught page error').toEqual([]);
    expect(guards.extensionConsoleErrors, 'no console error from the extension').toEqual([]);
  });

  session.newTab = async () => {
    const tab = await session.firefox.browser.newPage();
    watch(tab, guards);
    tabs.push(tab);
    return tab;
  };
  session.openPopup = async (forTab) => {
    return openFirefoxPopup(session.firefox, forTab, (popup) => {
      watch(popup, guards);
      tabs.push(popup);
    });
  };
  return session;
}

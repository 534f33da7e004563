// The Playwright `test` every spec uses: one fixture server per worker process, a fresh Chromium
// profile with the extension per test (no verdict cache leaks between scenarios), and guards that
// fail a test when a dialog, page error or extension console error shows up.
import { test as base, expect, type BrowserContext, type ConsoleMessage, type Page } from '@playwright/test';
import { startFixtureServer, type FixtureServer } from '../server/fixture-server';
import { TESTCA_DIR } from '../testca/paths';
import { fixturesAvailable, FIXTURES_DIR } from './fixtures-dir';
import { launchWithE2eExtension, launchWithExtension, openPopupFor, type ExtensionBrowser } from './launch-extension';

export interface GuardReport {
  dialogs: string[];
  pageErrors: string[];
  extensionConsoleErrors: string[];
}

function fromExtension(msg: ConsoleMessage): boolean {
  const where = msg.location().url;
  return where.startsWith('chrome-extension://') || /provenance[- ]lens/i.test(msg.text());
}

function watchPage(page: Page, report: GuardReport): void {
  page.on('dialog', (dialog) => {
    report.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss().catch(() => undefined);
  });
  page.on('pageerror', (error) => report.pageErrors.push(`${page.url()}: ${error.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && fromExtension(msg)) report.extensionConsoleErrors.push(`${page.url()}: ${msg.text()}`);
  });
}

export function guardContext(context: BrowserContext): GuardReport {
  const report: GuardReport = { dialogs: [], pageErrors: [], extensionConsoleErrors: [] };
  for (const page of context.pages()) watchPage(page, report);
  context.on('page', (page) => watchPage(page, report));
  return report;
}

interface TestFixtures {
  extension: ExtensionBrowser;
  guards: GuardReport;
  page: Page;
  /** Opens the toolbar popup for the given (package) page. */
  openPopup: (forPage: Page) => Promise<Page>;
}

interface WorkerFixtures {
  /**
   * `test.use({ testca: true })`: serve the generated test-CA scenarios and load dist/chrome-e2e
   * (both made by `npx tsx scripts/e2e-prepare.ts`); real-data specs keep dist/chrome.
   */
  testca: boolean;
  /** `test.use({ registryCaching: true })`: the fixture server sends the registries' own Cache-Control. */
  registryCaching: boolean;
  fixtureServer: FixtureServer;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  testca: [false, { scope: 'worker', option: true }],
  registryCaching: [false, { scope: 'worker', option: true }],

  fixtureServer: [
    async ({ testca, registryCaching }, use) => {
      if (!fixturesAvailable()) {
        throw new Error(`real-data fixtures missing at ${FIXTURES_DIR} (set PROVENANCE_LENS_FIXTURES)`);
      }
      const server = await startFixtureServer({ ...(testca ? { generated: TESTCA_DIR } : {}), registryCaching });
      await use(server);
      await server.stop();
    },
    { scope: 'worker' },
  ],

  extension: async ({ fixtureServer, testca }, use, testInfo) => {
    const ext = testca ? await launchWithE2eExtension(fixtureServer.port) : await launchWithExtension(fixtureServer.port);
    await use(ext);
    if (testInfo.status !== testInfo.expectedStatus) {
      for (const [i, p] of ext.context.pages().entries()) {
        const path = testInfo.outputPath(`failure-page-${i}.png`);
        await p.screenshot({ path, fullPage: true }).catch(() => undefined);
        testInfo.attachments.push({ name: `page ${i}: ${p.url()}`, path, contentType: 'image/png' });
      }
    }
    await ext.close();
  },

  guards: [
    async ({ extension }, use) => {
      const report = guardContext(extension.context);
      await use(report);
      expect(report.dialogs, 'no dialog may open').toEqual([]);
      expect(report.pageErrors, 'no uncaught page error').toEqual([]);
      expect(report.extensionConsoleErrors, 'no console error from the extension').toEqual([]);
    },
    { auto: true },
  ],

  page: async ({ extension }, use) => {
    const page = extension.context.pages()[0] ?? (await extension.context.newPage());
    await use(page);
  },

  openPopup: async ({ extension }, use) => {
    await use((forPage) => openPopupFor(extension, forPage));
  },
});

export { expect };

/** Requests the fixture server saw since `since` (an index into its log). */
export function requestsSince(server: FixtureServer, since: number): string[] {
  return server.requests.slice(since).map((r) => `${r.method} ${r.host}${r.path}`);
}

/** The registry API requests (not the pages and their assets) the fixture server saw since `since`, as host and path. */
export function registryApiAsks(server: FixtureServer, since: number): string[] {
  return server.requests
    .slice(since)
    .filter((r) => r.host === 'registry.npmjs.org' || /^\/(pypi|simple|integrity)\//.test(r.path))
    .map((r) => `${r.host}${r.path}`);
}

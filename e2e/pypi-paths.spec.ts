// Chromium: every way of reaching a PyPI project page in support/pypi-paths.ts, on the fixture
// pages that nest as pypi/warehouse's templates do. Each step checks the title badge (release and
// final status, inside the header's h1), one badge per file in the Files tab and in each file's
// details pane, that no badge sits anywhere else, and that the popup and the toolbar button
// speak of the release shown, including after Back.
import type { Page } from '@playwright/test';
import { expect, test } from './support/extension-test';
import type { FixtureServer } from './server/fixture-server';
import type { ExtensionBrowser } from './support/launch-extension';
import { popupHeading } from './support/npm-page-state';
import { snapPage } from './support/page-inspection';
import { PYPI_PATHS, readPypiPageState, type PypiDriver } from './support/pypi-paths';

interface ChromeApi {
  chrome: {
    tabs: { query: (q: { url: string }) => Promise<{ id?: number; active?: boolean }[]> };
    action: { getTitle: (d: { tabId: number }) => Promise<string> };
  };
}

async function toolbarTitle(extension: ExtensionBrowser): Promise<string> {
  return extension.worker.evaluate(async () => {
    const { chrome } = globalThis as unknown as ChromeApi;
    const [tab] = (await chrome.tabs.query({ url: 'https://pypi.org/*' })).filter((t) => t.active);
    return tab?.id === undefined ? '' : chrome.action.getTitle({ tabId: tab.id });
  });
}

function chromiumDriver(page: Page, extension: ExtensionBrowser, openPopup: (p: Page) => Promise<Page>, server: FixtureServer): PypiDriver {
  return {
    async load(path) {
      await page.goto(`https://pypi.org${path}`);
    },
    click: (selector) => page.click(selector),
    async back() {
      await page.evaluate(() => history.back());
    },
    state: () => page.evaluate(readPypiPageState),
    async popupTitle() {
      const popup = await openPopup(page);
      try {
        await expect.poll(async () => (await popup.evaluate(popupHeading)).settled).toBe(true);
        return (await popup.evaluate(popupHeading)).heading;
      } finally {
        await popup.close();
      }
    },
    toolbarTitle: () => toolbarTitle(extension),
    requests: () => server.requests,
  };
}

for (const path of PYPI_PATHS) {
  test(`PyPI paths (Chromium): ${path.name}`, async ({ page, extension, openPopup, fixtureServer }) => {
    await path.walk(chromiumDriver(page, extension, openPopup, fixtureServer));
    await snapPage(page, `pypi-path-${path.name}`);
  });
}

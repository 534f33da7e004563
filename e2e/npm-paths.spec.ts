// Chromium: every way of reaching an npm package page in support/npm-paths.ts, on the fixture
// site that navigates as npm's client does. Each step checks the one title badge (package and
// final status, inside the heading on screen), that no badge was ever placed under a heading
// showing another package and none stayed on the previous one, that the site's hydration found
// nothing of ours in its nodes, and that the popup and the toolbar button speak of the page shown.
import type { Page } from '@playwright/test';
import { expect, test } from './support/extension-test';
import type { ExtensionBrowser } from './support/launch-extension';
import { installHeaderProbe, popupHeading, readNpmPageState } from './support/npm-page-state';
import { NPM_PATHS, type NpmDriver } from './support/npm-paths';
import { snapPage } from './support/page-inspection';

interface ChromeApi {
  chrome: {
    tabs: { query: (q: { url: string }) => Promise<{ id?: number; active?: boolean }[]> };
    action: { getTitle: (d: { tabId: number }) => Promise<string> };
  };
}

async function toolbarTitle(extension: ExtensionBrowser): Promise<string> {
  return extension.worker.evaluate(async () => {
    const { chrome } = globalThis as unknown as ChromeApi;
    const [tab] = (await chrome.tabs.query({ url: 'https://www.npmjs.com/*' })).filter((t) => t.active);
    return tab?.id === undefined ? '' : chrome.action.getTitle({ tabId: tab.id });
  });
}

function chromiumDriver(page: Page, extension: ExtensionBrowser, openPopup: (p: Page) => Promise<Page>): NpmDriver {
  return {
    async load(path) {
      await page.goto(`https://www.npmjs.com${path}`);
      await page.locator('html[data-hydrated="true"]').waitFor({ state: 'attached' });
    },
    click: (selector) => page.click(selector),
    state: () => page.evaluate(readNpmPageState),
    run: (fn) => page.evaluate(fn),
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
  };
}

for (const path of NPM_PATHS) {
  test(`npm paths (Chromium): ${path.name}`, async ({ page, extension, openPopup }) => {
    await page.addInitScript(installHeaderProbe);
    await path.walk(chromiumDriver(page, extension, openPopup));
    await snapPage(page, `npm-path-${path.name}`);
  });
}

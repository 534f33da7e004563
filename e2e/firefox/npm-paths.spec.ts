// Firefox: the same ways of reaching an npm package page as npm-paths.spec.ts runs in Chromium
// (support/npm-paths.ts), in firefox-esr with dist/firefox, through the CONNECT proxy. In Firefox
// a content script's sender URL follows pushState, unlike Chromium's; both must end with the
// right badge. The toolbar button's title is not readable from here, so the popup stands for it.
import { expect, test } from '@playwright/test';
import type { Page } from 'puppeteer-core';
import { installHeaderProbe, popupHeading, readNpmPageState } from '../support/npm-page-state';
import { NPM_PATHS, type NpmDriver } from '../support/npm-paths';
import { useFirefoxSession, type FirefoxSession } from './firefox-session';
import { snapFirefoxPage } from './firefox-page';

const session = useFirefoxSession();

function firefoxDriver(tab: Page, s: FirefoxSession): NpmDriver {
  return {
    async load(path) {
      await tab.goto(`https://www.npmjs.com${path}`);
      await tab.waitForSelector('html[data-hydrated="true"]');
    },
    click: (selector) => tab.click(selector),
    state: () => tab.evaluate(readNpmPageState),
    run: async (fn) => {
      await tab.evaluate(fn);
    },
    async popupTitle() {
      const popup = await s.openPopup(tab);
      try {
        await expect.poll(async () => (await popup.evaluate(popupHeading)).settled).toBe(true);
        return (await popup.evaluate(popupHeading)).heading;
      } finally {
        await popup.close();
        await tab.bringToFront();
      }
    },
  };
}

for (const path of NPM_PATHS) {
  test(`npm paths (Firefox): ${path.name}`, async () => {
    const tab = await session.newTab();
    await tab.evaluateOnNewDocument(installHeaderProbe);
    await path.walk(firefoxDriver(tab, session));
    await snapFirefoxPage(tab, `npm-path-${path.name}`);
  });
}

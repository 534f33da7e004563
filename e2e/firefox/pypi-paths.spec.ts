// Firefox: the same ways of reaching a PyPI project page as pypi-paths.spec.ts runs in Chromium
// (support/pypi-paths.ts), in firefox-esr with dist/firefox, through the CONNECT proxy. One
// Firefox serves the whole file, so later walks may meet verdicts the extension already holds.
// The toolbar button's title is not readable from here, so the popup stands for it.
import { expect, test } from '@playwright/test';
import type { Page } from 'puppeteer-core';
import { popupHeading } from '../support/npm-page-state';
import { PYPI_PATHS, readPypiPageState, type PypiDriver } from '../support/pypi-paths';
import { useFirefoxSession, type FirefoxSession } from './firefox-session';
import { snapFirefoxPage } from './firefox-page';

const session = useFirefoxSession();

function firefoxDriver(tab: Page, s: FirefoxSession): PypiDriver {
  return {
    async load(path) {
      await tab.goto(`https://pypi.org${path}`);
    },
    click: (selector) => tab.click(selector),
    async back() {
      await tab.evaluate(() => history.back());
    },
    state: () => tab.evaluate(readPypiPageState),
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
    requests: () => s.server.requests,
  };
}

for (const path of PYPI_PATHS) {
  test(`PyPI paths (Firefox): ${path.name}`, async () => {
    const tab = await session.newTab();
    await path.walk(firefoxDriver(tab, session));
    await snapFirefoxPage(tab, `pypi-path-${path.name}`);
  });
}

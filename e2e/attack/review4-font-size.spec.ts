// Review 4 of issue 16, requirement 5: font sizes follow the browser's font-size setting. A
// Chromium profile whose default font size is 24 px (Settings > Appearance > Font size "Very
// large") and whose minimum font size is 18 px, written into the profile's Preferences before
// launch. Badges, the panel, the popup and the options page must grow with it, and the popup must
// still neither scroll sideways nor break words at 360 px.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, expect, test, type Page } from '@playwright/test';
import { startFixtureServer, type FixtureServer } from '../server/fixture-server';
import { CHROMIUM_PATH, chromiumArgs, EXTENSION_DIR, openPopupFor, readPopupPath, type ExtensionBrowser } from '../support/launch-extension';
import { midWordBreaks, scrollsSideways } from '../support/reflow';

let server: FixtureServer;
let ext: ExtensionBrowser;

test.beforeAll(async () => {
  server = await startFixtureServer();
});
test.afterAll(async () => server.stop());
test.beforeEach(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'provenance-lens-review4-font-'));
  mkdirSync(join(dir, 'Default'));
  writeFileSync(join(dir, 'Default', 'Preferences'), JSON.stringify({ webkit: { webprefs: { default_font_size: 24, minimum_font_size: 18 } } }));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: chromiumArgs(EXTENSION_DIR, server.port),
    viewport: { width: 1280, height: 900 },
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  ext = {
    context,
    worker,
    extensionId: new URL(worker.url()).host,
    popupPath: readPopupPath(EXTENSION_DIR),
    close: async () => {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
test.afterEach(async () => ext.close());

const px = (page: Page, fn: () => string) => page.evaluate(fn);

test('a 24 px default and 18 px minimum font: badges, panel, popup and options page grow with it', async () => {
  const page = ext.context.pages()[0] ?? (await ext.context.newPage());
  // The profile's setting took: a page's own unstyled text is 24 px.
  await page.goto('https://pypi.org/project/sampleproject/4.0.0/');
  expect(await px(page, () => getComputedStyle(document.documentElement).fontSize)).toBe('24px');
  const title = page.locator('h1 + provenance-lens-badge');
  await expect(title).toHaveAttribute('data-provenance-status', 'verified', { timeout: 30_000 });
  // 0.75em of the browser's 24 px.
  expect(await title.evaluate((h) => getComputedStyle(h.shadowRoot?.querySelector('.pl-badge') as Element).fontSize)).toBe('18px');
  // The label fits its button: no clipped or overflowing text at the larger size.
  expect(await title.evaluate((h) => {
    const b = h.shadowRoot?.querySelector('.pl-badge') as HTMLElement;
    return b.scrollHeight <= b.clientHeight + 1 && b.scrollWidth <= b.clientWidth + 1;
  })).toBe(true);

  await title.locator('.pl-badge').click();
  const details = page.locator('provenance-lens-panel .pl-details').first();
  await expect(details).toBeVisible();
  expect(await details.evaluate((d) => getComputedStyle(d).fontSize)).toBe('21px');

  const popup = await openPopupFor(ext, page);
  await expect(popup.locator('.pl-verdict')).toContainText('Verified');
  expect(await px(popup, () => getComputedStyle(document.body).fontSize)).toBe('21px');
  await popup.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
  await popup.setViewportSize({ width: 360, height: 700 });
  await popup.screenshot({ path: test.info().outputPath('popup-24px-at-360.png'), fullPage: true });
  expect(await scrollsSideways(popup), 'popup scrolls sideways at 360 px').toBe(false);
  expect.soft(await midWordBreaks(popup), 'mid-word wraps at 360 px').toEqual([]);

  const options = await ext.context.newPage();
  await options.goto(`chrome-extension://${ext.extensionId}/src/options/index.html`);
  await expect(options.locator('h1')).toBeVisible();
  expect(await px(options, () => getComputedStyle(document.body).fontSize)).toBe('21px');
});

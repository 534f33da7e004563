// Regression spec from the issue 14 navigation review (Chromium, back/forward cache on as in a
// browser people use; the proxy drops the fixture's `cache-control: no-store` on HTML, which
// real pypi.org/npmjs.com pages do not send): project A -> project B (a full page load) -> Back.
// The browser restores A from its back/forward cache, where the content script does not start
// again. Expected: A's badge, and the toolbar button and popup speaking of A.
import { expect, test, type Page } from '@playwright/test';
import type { ExtensionBrowser } from '../support/launch-extension';
import { popupTitleFor, readBadges, toolbarFor } from './attack-support';
import { markRestores, useBfcacheChromium } from './bfcache-harness';

let ext: ExtensionBrowser;
useBfcacheChromium((launched) => (ext = launched));

async function restored(page: Page): Promise<{ restored: number; navType: string; notRestored: unknown }> {
  return page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming & { notRestoredReasons?: unknown };
    return { restored: (window as unknown as { __restored: number }).__restored, navType: nav.type, notRestored: nav.notRestoredReasons ?? null };
  });
}

async function goBack(page: Page): Promise<void> {
  const url = page.url();
  await page.evaluate(() => setTimeout(() => history.back(), 0));
  await expect.poll(() => page.url()).not.toBe(url);
  await page.waitForTimeout(1500);
}

test('PyPI: A -> B -> Back (restored from the back/forward cache): toolbar and popup speak of A', async () => {
  const page = ext.context.pages()[0] ?? (await ext.context.newPage());
  await page.addInitScript(markRestores);
  const a = 'https://pypi.org/project/sampleproject/';
  await page.goto(a);
  await expect(page.locator('h1 + [data-provenance-status="verified"][data-provenance-package="pypi:sampleproject@4.0.0"]')).toBeAttached();
  await expect.poll(async () => (await toolbarFor(ext, a))?.title).toContain('sampleproject@4.0.0');
  await page.goto('https://pypi.org/project/pypi-attestations/');
  await expect(page.locator('h1 + [data-provenance-status="verified"][data-provenance-package="pypi:pypi-attestations@0.0.19"]')).toBeAttached();
  await expect.poll(async () => (await toolbarFor(ext, page.url()))?.title).toContain('pypi-attestations@0.0.19');

  await goBack(page);
  expect(page.url()).toBe(a);
  const how = await restored(page);
  const badges = await page.evaluate(readBadges);
  const toolbar = await toolbarFor(ext, a);
  const popup = await popupTitleFor(ext, page);
  expect(how.restored, 'A was restored from the back/forward cache').toBe(1);
  expect(badges.some((b) => b.where.startsWith('h1') && b.pkg === 'pypi:sampleproject@4.0.0' && b.status === 'verified'), "A's page badge").toBe(true);
  expect(toolbar?.title, 'toolbar title names A').toContain('sampleproject@4.0.0');
  expect(popup, 'popup names A').toContain('sampleproject 4.0.0');
});

test('npm: package A (full load) -> package B (full load, pasted URL) -> Back (bfcache): toolbar and popup speak of A', async () => {
  const page = ext.context.pages()[0] ?? (await ext.context.newPage());
  await page.addInitScript(markRestores);
  const a = 'https://www.npmjs.com/package/@trishankatdatadog/supreme-goggles';
  await page.goto(a);
  await expect(page.locator('#top h1 + [data-provenance-status="invalid"]')).toBeAttached({ timeout: 20_000 });
  await page.goto('https://www.npmjs.com/package/sigstore');
  await expect(page.locator('#top h1 + [data-provenance-status="verified"][data-provenance-package="npm:sigstore@2.3.1"]')).toBeAttached({ timeout: 20_000 });
  await expect.poll(async () => (await toolbarFor(ext, page.url()))?.title).toContain('sigstore@2.3.1');

  await goBack(page);
  expect(page.url()).toBe(a);
  const how = await restored(page);
  const badges = await page.evaluate(readBadges);
  const toolbar = await toolbarFor(ext, a);
  const popup = await popupTitleFor(ext, page);
  expect(badges.some((b) => b.where.startsWith('h1') && b.pkg === 'npm:@trishankatdatadog/supreme-goggles@1.0.5' && b.status === 'invalid'), "A's page badge").toBe(true);
  expect(how.restored, 'A was restored from the back/forward cache').toBe(1);
  expect(toolbar?.title, 'toolbar title names A (failed verification)').toContain('@trishankatdatadog/supreme-goggles@1.0.5');
  expect(popup, 'popup names A').toContain('@trishankatdatadog/supreme-goggles 1.0.5');
});

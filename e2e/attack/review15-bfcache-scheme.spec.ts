// Review 15: a page restored from the back/forward cache gets a new title badge (site-runner's
// pageshow route). On npm with a dark main column (its body unpainted) the badge first placed
// took the dark palette; the one placed on the restore must too.
import { expect, test, type Page } from '@playwright/test';
import type { ExtensionBrowser } from '../support/launch-extension';
import { markRestores, useBfcacheChromium } from './bfcache-harness';

let ext: ExtensionBrowser;
useBfcacheChromium((launched) => (ext = launched));

/** Dark themes often paint the app's container, not <body>. */
function darkColumn(): void {
  document.addEventListener('DOMContentLoaded', () => {
    const style = document.createElement('style');
    style.textContent = '#top { background: #121212 !important; color: #e8eaed !important; }';
    document.head.append(style);
  });
}

const TITLE = '#top h1 + [data-provenance-status="verified"][data-provenance-package="npm:sigstore@2.3.1"]';

async function titleScheme(page: Page): Promise<string> {
  return page.locator(TITLE).evaluate((host) => host.getAttribute('data-pl-scheme') ?? 'light');
}

test('npm with a dark main column, restored from the back/forward cache: the new title badge is dark as the first was', async () => {
  const page = ext.context.pages()[0] ?? (await ext.context.newPage());
  await page.addInitScript(markRestores);
  await page.addInitScript(darkColumn);
  const a = 'https://www.npmjs.com/package/sigstore/v/2.3.1';
  await page.goto(a);
  await expect(page.locator(TITLE)).toBeAttached({ timeout: 20_000 });
  await expect.poll(() => titleScheme(page), { message: 'the first title badge' }).toBe('dark');
  const first = await page.locator(TITLE).evaluate((host) => {
    (host as HTMLElement & { __first?: true }).__first = true;
    return true;
  });
  expect(first).toBe(true);

  await page.goto('https://pypi.org/project/sampleproject/4.0.0/');
  await expect(page.locator('h1 + [data-provenance-status="verified"]')).toBeAttached({ timeout: 20_000 });
  const url = page.url();
  await page.evaluate(() => setTimeout(() => history.back(), 0));
  await expect.poll(() => page.url()).not.toBe(url);
  await expect(page.locator(TITLE)).toBeAttached({ timeout: 20_000 });
  await page.waitForTimeout(1500);
  const restored = await page.evaluate(() => (window as unknown as { __restored: number }).__restored);
  expect(restored, 'the page came back from the back/forward cache').toBe(1);
  const replaced = await page.locator(TITLE).evaluate((host) => (host as HTMLElement & { __first?: true }).__first !== true);
  expect(replaced, 'the restore placed a new title badge').toBe(true);
  expect(await titleScheme(page), 'the title badge placed on the restore, on the dark column').toBe('dark');
});

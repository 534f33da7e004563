// A search result's badge is sent only what it shows (src/background/abridged-verdict.ts); its
// details panel shows the whole verdict: each file, the Rekor entry that logged its signature,
// the source repository. On a PyPI search page (first visit, and revisited, where the badge took
// a told verdict), on npm's search page after its hydration, and in Firefox.
import { test as base } from '@playwright/test';
import type { Page as PuppeteerPage } from 'puppeteer-core';
import { useFirefoxSession } from './firefox/firefox-session';
import { expect, test } from './support/extension-test';
import { badgeIn, npmSearchResults, pypiSearchResults } from './support/page-inspection';

const PYPI_SEARCH = 'https://pypi.org/search/?q=fixture';
// sampleproject 4.0.0 (both files attested in the fixture world): its sdist's Rekor entry (MANIFEST.md).
const SAMPLE = { name: 'sampleproject', file: 'sampleproject-4.0.0.tar.gz', logIndex: '147137139', repository: 'pypa/sampleproject' };
// npm sigstore 2.3.1, the latest version (e2e/npm-packages.spec.ts).
const NPM_SIGSTORE = { name: 'sigstore', logIndex: '94408136', repository: 'sigstore/sigstore-js' };

const panel = (page: import('@playwright/test').Page) => page.locator('provenance-lens-panel dialog');

async function openFromPypiResult(page: import('@playwright/test').Page, name: string): Promise<void> {
  const result = pypiSearchResults(page).filter({ has: page.locator('.package-snippet__name', { hasText: new RegExp(`^${name}$`) }) });
  const badge = badgeIn(result);
  await expect(badge).toHaveAttribute('data-provenance-status', 'verified');
  await badge.locator('.pl-badge').click();
}

test.use({ registryCaching: true });

test("PyPI search: a result's panel shows its files and Rekor entries, first visit and revisit", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 2000 });
  await page.goto(PYPI_SEARCH);
  await openFromPypiResult(page, SAMPLE.name);
  await expect(panel(page)).toContainText(SAMPLE.file);
  await expect(panel(page)).toContainText(SAMPLE.logIndex);
  await expect(panel(page)).toContainText(SAMPLE.repository);
  await page.keyboard.press('Escape');
  // A new document of the same results: the badge takes its told verdict, the panel the whole one.
  await page.reload();
  await openFromPypiResult(page, SAMPLE.name);
  await expect(panel(page)).toContainText(SAMPLE.file);
  await expect(panel(page)).toContainText(SAMPLE.logIndex);
});

test("npm search: a result's panel shows its Rekor entry and repository", async ({ page }) => {
  await page.goto('https://www.npmjs.com/search?q=fixture');
  await page.locator('html[data-hydrated="true"]').waitFor({ state: 'attached' });
  const result = npmSearchResults(page).filter({ has: page.locator('h3', { hasText: /^sigstore$/ }) });
  const badge = badgeIn(result);
  await expect(badge).toHaveAttribute('data-provenance-status', 'verified');
  await badge.locator('.pl-badge').click();
  await expect(panel(page)).toContainText(NPM_SIGSTORE.logIndex);
  await expect(panel(page)).toContainText(NPM_SIGSTORE.repository);
});

/** The open panel's text, or null. */
const panelText = (tab: PuppeteerPage) => tab.evaluate(() => document.querySelector('provenance-lens-panel')?.shadowRoot?.querySelector('dialog')?.textContent ?? null);

base.describe('Firefox', () => {
  const session = useFirefoxSession({ registryCaching: true });

  base("PyPI search (Firefox): a result's panel shows its files and Rekor entries", async () => {
    const tab = await session.newTab();
    await tab.setViewport({ width: 1280, height: 2000 });
    await tab.goto(PYPI_SEARCH);
    const open = async () => {
      const status = () =>
        tab.evaluate((name) => {
          const link = [...document.querySelectorAll('a.package-snippet')].find((a) => a.querySelector('.package-snippet__name')?.textContent?.trim() === name);
          return link?.parentElement?.querySelector('provenance-lens-badge')?.getAttribute('data-provenance-status') ?? null;
        }, SAMPLE.name);
      await expect.poll(status, { timeout: 30_000 }).toBe('verified');
      await tab.evaluate((name) => {
        const link = [...document.querySelectorAll('a.package-snippet')].find((a) => a.querySelector('.package-snippet__name')?.textContent?.trim() === name);
        link?.parentElement?.querySelector('provenance-lens-badge')?.shadowRoot?.querySelector<HTMLButtonElement>('.pl-badge')?.click();
      }, SAMPLE.name);
      await expect.poll(() => panelText(tab), { timeout: 30_000 }).toContain(SAMPLE.logIndex);
      expect(await panelText(tab)).toContain(SAMPLE.file);
    };
    await open();
    await tab.reload();
    await open();
  });
});

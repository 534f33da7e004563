// Regression specs from the issue 14 navigation review (Chromium; attacks the product withstood):
// npm navigations made faster than the page data or the verdicts arrive, back/forward through the
// site's own history (popstate), and two tabs on different packages. The site's page data is held
// back (page.route) so each click lands while the previous page is still on screen.
import type { Page } from '@playwright/test';
import { expect, test } from '../support/extension-test';
import type { ExtensionBrowser } from '../support/launch-extension';
import { installHeaderProbe, markHeading, popupHeading, readNpmPageState } from '../support/npm-page-state';
import { expectPopupFor, expectTitleBadge, type NpmDriver } from '../support/npm-paths';

interface ChromeApi {
  chrome: {
    tabs: { query: (q: object) => Promise<{ id?: number; url?: string }[]> };
    action: { getTitle: (d: { tabId: number }) => Promise<string> };
  };
}

async function toolbarTitleOf(extension: ExtensionBrowser, url: string): Promise<string> {
  return extension.worker.evaluate(async (wanted) => {
    const { chrome } = globalThis as unknown as ChromeApi;
    const tab = (await chrome.tabs.query({})).find((t) => t.url === wanted);
    return tab?.id === undefined ? '' : chrome.action.getTitle({ tabId: tab.id });
  }, url);
}

function driver(page: Page, extension: ExtensionBrowser, openPopup: (p: Page) => Promise<Page>): NpmDriver {
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
    toolbarTitle: () => toolbarTitleOf(extension, page.url()),
  };
}

/** The site's page data (same URL, accept: application/json) arrives `ms` late. */
async function slowPageData(page: Page, ms: number): Promise<void> {
  await page.route('https://www.npmjs.com/**', async (route) => {
    if ((route.request().headers().accept ?? '').startsWith('application/json')) await new Promise((r) => setTimeout(r, ms));
    await route.continue();
  });
}

/** Clicks a link now, without waiting for anything (the next click follows while data is on its way). */
async function clickNow(page: Page, href: string): Promise<void> {
  await page.evaluate((h) => document.querySelector<HTMLAnchorElement>(`main a[href="${h}"]`)?.click(), href);
}

test('npm fast: home -> package A -> package B before A has rendered: only B is badged and named', async ({ page, extension, openPopup }) => {
  await page.addInitScript(installHeaderProbe);
  const tab = driver(page, extension, openPopup);
  await tab.load('/');
  await slowPageData(page, 800);
  await tab.run(markHeading);
  await clickNow(page, '/package/sigstore');
  await page.waitForTimeout(150);
  await clickNow(page, '/package/lens-fixture-plain');
  await expect.poll(async () => (await tab.state()).path).toBe('/package/lens-fixture-plain');
  await expectTitleBadge(tab, 'none', 'npm:lens-fixture-plain@1.0.0');
  await expectPopupFor(tab, 'lens-fixture-plain', '1.0.0');
});

test('npm fast: package A -> B -> Back before B has rendered: A is badged and named', async ({ page, extension, openPopup }) => {
  await page.addInitScript(installHeaderProbe);
  const tab = driver(page, extension, openPopup);
  await tab.load('/package/sigstore');
  await expectTitleBadge(tab, 'verified', 'npm:sigstore@2.3.1');
  await slowPageData(page, 800);
  await tab.run(markHeading);
  await clickNow(page, '/package/lens-fixture-plain');
  await expect.poll(async () => (await tab.state()).path).toBe('/package/lens-fixture-plain');
  await page.waitForTimeout(100);
  await tab.run(() => history.back());
  await expect.poll(async () => (await tab.state()).path).toBe('/package/sigstore');
  await page.waitForTimeout(2000);
  await expectTitleBadge(tab, 'verified', 'npm:sigstore@2.3.1');
  await expectPopupFor(tab, 'sigstore', '2.3.1');
});

test('npm: package A -> B -> Back -> Forward (popstate): each step badged and named', async ({ page, extension, openPopup }) => {
  await page.addInitScript(installHeaderProbe);
  const tab = driver(page, extension, openPopup);
  await tab.load('/package/@trishankatdatadog/supreme-goggles');
  await expectTitleBadge(tab, 'invalid', 'npm:@trishankatdatadog/supreme-goggles@1.0.5');
  await tab.run(markHeading);
  await tab.click('#tabpanel-readme a[href="/package/sigstore"]');
  await expectTitleBadge(tab, 'verified', 'npm:sigstore@2.3.1');
  await expectPopupFor(tab, 'sigstore', '2.3.1');
  await tab.run(markHeading);
  await tab.run(() => history.back());
  await expect.poll(async () => (await tab.state()).path).toBe('/package/@trishankatdatadog/supreme-goggles');
  await expectTitleBadge(tab, 'invalid', 'npm:@trishankatdatadog/supreme-goggles@1.0.5');
  await expectPopupFor(tab, '@trishankatdatadog/supreme-goggles', '1.0.5');
  await tab.run(markHeading);
  await tab.run(() => history.forward());
  await expect.poll(async () => (await tab.state()).path).toBe('/package/sigstore');
  await expectTitleBadge(tab, 'verified', 'npm:sigstore@2.3.1');
  await expectPopupFor(tab, 'sigstore', '2.3.1');
});

test('npm: two tabs on two packages: each toolbar button names its own tab\'s package', async ({ page, extension }) => {
  await page.goto('https://www.npmjs.com/package/@trishankatdatadog/supreme-goggles');
  await expect(page.locator('#top h1 + [data-provenance-status="invalid"]')).toBeAttached();
  const second = await extension.context.newPage();
  await second.goto('https://www.npmjs.com/package/sigstore/v/1.0.0');
  await expect(second.locator('#top h1 + [data-provenance-status="verified"][data-provenance-package="npm:sigstore@1.0.0"]')).toBeAttached();
  await expect.poll(() => toolbarTitleOf(extension, page.url())).toContain('@trishankatdatadog/supreme-goggles@1.0.5 failed verification');
  await expect.poll(() => toolbarTitleOf(extension, second.url())).toContain('sigstore@1.0.0 verified');
  // The first tab moves on; the second tab's button is not touched.
  await page.click('#tabpanel-readme a[href="/package/lens-fixture-plain"]');
  await expect(page.locator('#top h1 + [data-provenance-status="none"]')).toBeAttached();
  await expect.poll(() => toolbarTitleOf(extension, page.url())).toContain('lens-fixture-plain@1.0.0 has no provenance');
  expect(await toolbarTitleOf(extension, second.url())).toContain('sigstore@1.0.0 verified');
});

test('npm: package -> its settings page (/access, pushState) -> Back: no badge or record there, all back after', async ({ page, extension, openPopup }) => {
  await page.addInitScript(installHeaderProbe);
  const tab = driver(page, extension, openPopup);
  await tab.load('/package/sigstore');
  await expectTitleBadge(tab, 'verified', 'npm:sigstore@2.3.1');
  await tab.run(markHeading);
  await tab.click('aside a[href="/package/sigstore/access"]');
  await expect.poll(async () => (await tab.state()).path).toBe('/package/sigstore/access');
  await expect(page.locator('main h2', { hasText: 'Publishing access' })).toBeVisible();
  await expect.poll(async () => {
    const s = await tab.state();
    return { badges: s.titleBadges.length + s.otherBadges.length, oldHeadingBadges: s.oldHeadingBadges, violations: s.violations };
  }).toEqual({ badges: 0, oldHeadingBadges: 0, violations: [] });
  await expect.poll(() => toolbarTitleOf(extension, page.url())).toBe('Provenance Lens');
  await expect.poll(() => tab.popupTitle()).toBeNull();
  await tab.run(() => history.back());
  await expect.poll(async () => (await tab.state()).path).toBe('/package/sigstore');
  await expectTitleBadge(tab, 'verified', 'npm:sigstore@2.3.1');
  await expectPopupFor(tab, 'sigstore', '2.3.1');
});

test('npm: pasted /package/%40scope%2Fname -> versions tab (replaceState) -> another package', async ({ page, extension, openPopup }) => {
  await page.addInitScript(installHeaderProbe);
  const tab = driver(page, extension, openPopup);
  await tab.load('/package/%40playwright%2Fcli');
  await expectTitleBadge(tab, 'verified', 'npm:@playwright/cli@0.1.1');
  await tab.click('#package-tab-versions');
  await expect.poll(async () => (await tab.state()).path).toBe('/package/%40playwright%2Fcli?activeTab=versions');
  await expectTitleBadge(tab, 'verified', 'npm:@playwright/cli@0.1.1');
  await expectPopupFor(tab, '@playwright/cli', '0.1.1');
  await tab.click('#package-tab-readme');
  await tab.run(markHeading);
  await tab.click('#tabpanel-readme a[href="/package/@trishankatdatadog/supreme-goggles"]');
  await expectTitleBadge(tab, 'invalid', 'npm:@trishankatdatadog/supreme-goggles@1.0.5');
  await expectPopupFor(tab, '@trishankatdatadog/supreme-goggles', '1.0.5');
});

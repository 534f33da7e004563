// Review 4 of issue 16, requirement 7: axe-core (with label-content-name-mismatch, target-size and
// page-has-heading-one switched on) beyond the states e2e/a11y.spec.ts covers: every verdict
// state's badge page, panel (every fold open) and popup (every fold open), in the light and the
// dark scheme; the PyPI files tab's compact badges; both sites' search results; a badge still
// checking; the amber continuity note; the options page with every fold open.
import type { Page } from '@playwright/test';
import { axeViolations } from '../support/axe';
import { expect, test } from '../support/extension-test';
import { npmTitleBadge, pypiTitleBadge } from '../support/page-inspection';

test.use({ testca: true });

const OURS = ['provenance-lens-badge', 'provenance-lens-panel', 'provenance-lens-status'];

const STATES = [
  { state: 'verified', url: 'https://pypi.org/project/sampleproject/4.0.0/', badge: pypiTitleBadge },
  { state: 'partial', url: 'https://pypi.org/project/sigstore/3.6.1/', badge: pypiTitleBadge },
  { state: 'none', url: 'https://pypi.org/project/lens-continuity-lost/1.1.0/', badge: pypiTitleBadge },
  { state: 'verified', url: 'https://pypi.org/project/lens-continuity-changed/1.1.0/', badge: pypiTitleBadge },
  { state: 'unavailable', url: 'https://pypi.org/project/lens-fixture-error/2.0.0/', badge: pypiTitleBadge },
  { state: 'invalid', url: 'https://www.npmjs.com/package/@trishankatdatadog/supreme-goggles', badge: npmTitleBadge },
  { state: 'none', url: 'https://www.npmjs.com/package/lens-fixture-plain', badge: npmTitleBadge },
] as const;

const short = (found: { rule: string; targets: string[] }[]) => found.map((f) => `${f.rule} @ ${f.targets.join(' ')}`);

const openFolds = (page: Page) =>
  page.evaluate(() => {
    document.querySelectorAll('details').forEach((d) => (d.open = true));
    document.querySelector('provenance-lens-panel')?.shadowRoot?.querySelectorAll('details').forEach((d) => (d.open = true));
  });

for (const scheme of ['light', 'dark'] as const) {
  test(`axe (${scheme}): every state's badge page, panel and popup`, async ({ page, openPopup }) => {
    test.setTimeout(180_000);
    await page.emulateMedia({ colorScheme: scheme });
    const found: string[] = [];
    for (const { state, url, badge } of STATES) {
      await page.goto(url);
      await expect(badge(page)).toHaveAttribute('data-provenance-status', state, { timeout: 40_000 });
      found.push(...short(await axeViolations(page, OURS)).map((f) => `page ${url}: ${f}`));
      await badge(page).locator('.pl-badge').click();
      await expect(page.locator('provenance-lens-panel dialog')).toBeVisible();
      await openFolds(page);
      found.push(...short(await axeViolations(page, OURS)).map((f) => `panel ${url}: ${f}`));
      await page.keyboard.press('Escape');
      const popup = await openPopup(page);
      await popup.emulateMedia({ colorScheme: scheme });
      await expect(popup.locator('.pl-verdict')).toBeVisible();
      await openFolds(popup);
      found.push(...short(await axeViolations(popup)).map((f) => `popup ${url}: ${f}`));
      await popup.close();
    }
    expect(found).toEqual([]);
  });
}

test('axe: files tab compact badges, search results of both sites, a checking badge, the options page', async ({ page, extension }) => {
  const found: string[] = [];
  await page.goto('https://pypi.org/project/lens-files-10/');
  await expect(pypiTitleBadge(page)).toHaveAttribute('data-provenance-status', 'verified', { timeout: 40_000 });
  await page.locator('a[href="#files"]').first().click();
  found.push(...short(await axeViolations(page, OURS)).map((f) => `files tab: ${f}`));

  await page.goto('https://pypi.org/search/?q=lens');
  await expect(page.locator('provenance-lens-badge[data-provenance-status="loading"]')).toHaveCount(0, { timeout: 40_000 });
  found.push(...short(await axeViolations(page, OURS)).map((f) => `pypi search: ${f}`));

  await page.goto('https://www.npmjs.com/search?q=fixture');
  await expect(page.locator('main provenance-lens-badge')).toHaveCount(4, { timeout: 30_000 });
  await expect(page.locator('provenance-lens-badge[data-provenance-status="loading"]')).toHaveCount(0, { timeout: 30_000 });
  found.push(...short(await axeViolations(page, OURS)).map((f) => `npm search: ${f}`));

  await page.goto('https://pypi.org/project/lens-fault-hang-r4101/');
  await expect(pypiTitleBadge(page)).toHaveAttribute('data-provenance-status', 'loading');
  found.push(...short(await axeViolations(page, OURS)).map((f) => `checking: ${f}`));

  const options = await extension.context.newPage();
  await options.goto(`chrome-extension://${extension.extensionId}/src/options/index.html`);
  await expect(options.locator('h1')).toBeVisible();
  await openFolds(options);
  found.push(...short(await axeViolations(options)).map((f) => `options: ${f}`));
  expect(found).toEqual([]);
});

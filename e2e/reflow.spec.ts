// Reflow (issue 16, item 1): at 360 px wide and at 200% zoom, nothing in the popup or the panel
// scrolls sideways or wraps in the middle of a word, for each state a person can meet; long
// values are cut with an ellipsis and give their whole value on focus. 200% zoom of the 420 px
// popup is a 210 CSS-pixel window; of a 1280 px tab, a 640 CSS-pixel one.
import type { Page } from '@playwright/test';
import { expect, test } from './support/extension-test';
import { expectBadge, npmTitleBadge, pypiTitleBadge } from './support/page-inspection';
import { midWordBreaks, scrollsSideways } from './support/reflow';

const STATES = [
  { state: 'verified', url: 'https://pypi.org/project/sampleproject/4.0.0/', badge: pypiTitleBadge, id: 'pypi:sampleproject@4.0.0' },
  { state: 'partial', url: 'https://pypi.org/project/sigstore/3.6.1/', badge: pypiTitleBadge, id: 'pypi:sigstore@3.6.1' },
  { state: 'invalid', url: 'https://www.npmjs.com/package/@trishankatdatadog/supreme-goggles', badge: npmTitleBadge, id: null },
  { state: 'none', url: 'https://pypi.org/project/lens-fixture-none/', badge: pypiTitleBadge, id: 'pypi:lens-fixture-none@1.2.0' },
  { state: 'unavailable', url: 'https://pypi.org/project/lens-fixture-error/2.0.0/', badge: pypiTitleBadge, id: 'pypi:lens-fixture-error@2.0.0' },
] as const;

const openEveryFold = (page: Page) => page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));

for (const { state, url, badge, id } of STATES) {
  test(`reflow (${state}): the popup at 360 px and at 200% zoom, every fold open`, async ({ page, openPopup }) => {
    await page.goto(url);
    if (id === null) await expect(badge(page)).toHaveAttribute('data-provenance-status', state, { timeout: 40_000 });
    else await expectBadge(badge(page), state, id, 40_000);
    const popup = await openPopup(page);
    await expect(popup.locator('.pl-verdict, .pl-details').first()).toBeVisible();
    await openEveryFold(popup);
    for (const width of [360, 210]) {
      await popup.setViewportSize({ width, height: 700 });
      expect(await scrollsSideways(popup), `sideways at ${width}px`).toBe(false);
      expect(await midWordBreaks(popup), `mid-word wraps at ${width}px`).toEqual([]);
    }
  });
}

test('reflow: the in-page panel at 200% zoom (640 CSS px) neither scrolls sideways nor breaks words', async ({ page }) => {
  await page.setViewportSize({ width: 640, height: 800 });
  await page.goto('https://pypi.org/project/sampleproject/4.0.0/');
  await expectBadge(pypiTitleBadge(page), 'verified', 'pypi:sampleproject@4.0.0');
  await page.locator('h1 + provenance-lens-badge .pl-badge').click();
  await expect(page.locator('provenance-lens-panel dialog')).toBeVisible();
  await page.evaluate(() => {
    const root = document.querySelector('provenance-lens-panel')?.shadowRoot;
    root?.querySelectorAll('details').forEach((d) => (d.open = true));
  });
  // The pointer that clicked the badge may rest on a long value, which hover expands on purpose.
  await page.mouse.move(0, 0);
  expect(await midWordBreaks(page)).toEqual([]);
  const dialogFits = await page.evaluate(() => {
    const dialog = document.querySelector('provenance-lens-panel')?.shadowRoot?.querySelector('dialog');
    return dialog !== null && dialog !== undefined && dialog.scrollWidth <= dialog.clientWidth;
  });
  expect(dialogFits).toBe(true);
});

test('reflow: a long value is cut on one line and shows whole when focused', async ({ page, openPopup }) => {
  await page.goto('https://pypi.org/project/sampleproject/4.0.0/');
  await expectBadge(pypiTitleBadge(page), 'verified', 'pypi:sampleproject@4.0.0');
  const popup = await openPopup(page);
  await popup.setViewportSize({ width: 210, height: 700 });
  const workflow = popup.locator('.pl-summary .pl-long').nth(1);
  const cut = await workflow.evaluate((el) => ({ cut: el.scrollWidth > el.clientWidth, title: el.getAttribute('title') ?? '' }));
  expect(cut.cut).toBe(true);
  expect(cut.title).toContain('.github/workflows/');
  await workflow.evaluate((el) => (el.closest('a, [tabindex]') as HTMLElement).focus());
  expect(await workflow.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
  expect(await scrollsSideways(popup)).toBe(false);
});

// Review 4 of issue 16, requirements 1 and 5 with long values: certificates whose repository or
// workflow is very long (test CA: lens-hostile-cert, a 500-character workflow file; lens-hostile-cert-5,
// a 1500-character repository), and a long package name (PyPI allows them; `lens-fault-404-r<digits>`
// is the fixture's way to get one, answered "no provenance"). At 360 and 210 px (the popup at
// 100% and 200% zoom) and on a 320 px wide page: nothing scrolls sideways, nothing wraps mid-word
// in the popup, the badge wraps inside its container, and its hit area stays >= 24 px.
import type { Page } from '@playwright/test';
import { expect, test } from '../support/extension-test';
import { pypiTitleBadge } from '../support/page-inspection';
import { midWordBreaks, scrollsSideways } from '../support/reflow';

test.use({ testca: true });

/** Mid-word wraps, each shortened so a report stays readable. */
const breaks = async (page: Page) =>
  [...new Set((await midWordBreaks(page)).map((w) => (w.length > 70 ? `${w.slice(0, 30)}…${w.slice(-30)}` : w)))];

const openEveryFold = (page: Page) => page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));

/** The title badge against its container on a narrow page. */
function badgeFit(page: Page) {
  return pypiTitleBadge(page).evaluate((host) => {
    const box = host.getBoundingClientRect();
    const parent = (host.parentElement as HTMLElement).getBoundingClientRect();
    const button = host.shadowRoot?.querySelector('.pl-badge') as HTMLElement;
    const b = button.getBoundingClientRect();
    return {
      insideContainer: box.left >= parent.left - 1 && box.right <= parent.right + 1,
      insideWindow: box.right <= window.innerWidth + 1,
      hit24: b.width >= 24 && b.height >= 24,
      lines: Math.round(b.height / parseFloat(getComputedStyle(button).lineHeight)),
    };
  });
}

for (const name of ['lens-hostile-cert', 'lens-hostile-cert-5']) {
  test(`${name}: the popup at 360 and 210 px, every fold open`, async ({ page, openPopup }) => {
    await page.goto(`https://pypi.org/project/${name}/`);
    await expect(pypiTitleBadge(page)).toHaveAttribute('data-provenance-status', 'verified', { timeout: 40_000 });
    const popup = await openPopup(page);
    await expect(popup.locator('.pl-verdict')).toBeVisible();
    await openEveryFold(popup);
    for (const width of [360, 210]) {
      await popup.setViewportSize({ width, height: 700 });
      await popup.mouse.move(0, 0);
      expect.soft(await scrollsSideways(popup), `sideways at ${width}px`).toBe(false);
      expect.soft(await breaks(popup), `mid-word wraps at ${width}px`).toEqual([]);
    }
  });

  test(`${name}: the title badge on a 320 px page wraps inside its container`, async ({ page }) => {
    await page.setViewportSize({ width: 320, height: 800 });
    await page.goto(`https://pypi.org/project/${name}/`);
    await expect(pypiTitleBadge(page)).toHaveAttribute('data-provenance-status', 'verified', { timeout: 40_000 });
    const fit = await badgeFit(page);
    expect(fit, JSON.stringify(fit)).toMatchObject({ insideContainer: true, insideWindow: true, hit24: true });
  });
}

test('lens-hostile-cert-5: the badge beside the title does not become a wall of text (at most 4 lines at 320 px)', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 800 });
  await page.goto('https://pypi.org/project/lens-hostile-cert-5/');
  await expect(pypiTitleBadge(page)).toHaveAttribute('data-provenance-status', 'verified', { timeout: 40_000 });
  const fit = await badgeFit(page);
  expect(fit.lines, JSON.stringify(fit)).toBeLessThanOrEqual(4);
});

const LONG = `lens-fault-404-r${'2026052112345678901234567890'}`;

test('a long package name: popup at 360 and 210 px, panel on a 320 px page, no sideways scroll or mid-word wrap', async ({ page, openPopup }) => {
  await page.setViewportSize({ width: 320, height: 800 });
  await page.goto(`https://pypi.org/project/${LONG}/`);
  await expect(pypiTitleBadge(page)).toHaveAttribute('data-provenance-status', 'none', { timeout: 40_000 });
  const fit = await badgeFit(page);
  expect.soft(fit, JSON.stringify(fit)).toMatchObject({ insideContainer: true, insideWindow: true, hit24: true });

  await pypiTitleBadge(page).locator('.pl-badge').click();
  const dialog = page.locator('provenance-lens-panel dialog');
  await expect(dialog).toBeVisible();
  await page.mouse.move(0, 0);
  expect.soft(await dialog.evaluate((d) => d.scrollWidth <= d.clientWidth), 'panel scrolls sideways').toBe(true);
  const panelBreaks = (await breaks(page)).filter((w) => w.includes('2026') || w.includes('lens'));
  expect.soft(panelBreaks, 'mid-word wraps of the name in the panel').toEqual([]);
  await page.keyboard.press('Escape');

  const popup = await openPopup(page);
  await expect(popup.locator('.pl-verdict')).toContainText('No provenance');
  await openEveryFold(popup);
  for (const width of [360, 210]) {
    await popup.setViewportSize({ width, height: 700 });
    expect.soft(await scrollsSideways(popup), `popup sideways at ${width}px`).toBe(false);
    expect.soft(await breaks(popup), `popup mid-word wraps at ${width}px`).toEqual([]);
  }
});

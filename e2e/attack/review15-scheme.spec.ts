// Review 15: attacks on the colour scheme a badge takes from what it sits on (page-scheme.ts
// darkUnder, mount.ts applySchemes), in Chromium with the built extension. "What it sits on" is
// measured as painted (e2e/support/badge-contrast.ts: every CSS colour syntax through a canvas).
import type { Page } from '@playwright/test';
import { expect, test } from '../support/extension-test';
import { type BadgeContrast, measureBadgeContrast } from '../support/badge-contrast';
import { expectBadge, npmSearchResults, npmTitleBadge, pypiTitleBadge } from '../support/page-inspection';

/** Every visible badge: its scheme, whether the surface it is drawn on is dark, its ring contrast. */
function look(page: Page): Promise<BadgeContrast[]> {
  return page.evaluate(measureBadgeContrast);
}

/** The page gets `css` once its head exists (before the content script reads anything). */
async function styleEarly(page: Page, css: string): Promise<void> {
  await page.addInitScript((text) => {
    document.addEventListener('DOMContentLoaded', () => {
      const style = document.createElement('style');
      style.textContent = text;
      document.head.append(style);
    });
  }, css);
}

/** npm's sigstore 2.3.1 page, its title badge verified and its palette settled. */
async function openSigstore(page: Page): Promise<void> {
  await page.goto('https://www.npmjs.com/package/sigstore/v/2.3.1');
  await expectBadge(npmTitleBadge(page), 'verified', 'npm:sigstore@2.3.1');
  await page.waitForTimeout(500);
}

// Tailwind v4's palette is oklch(); design systems mix colours with color-mix(); Chromium reports
// these computed backgrounds in their own syntax, not as rgb().
for (const [syntax, color] of [
  ['oklch() (Tailwind v4 bg-gray-900)', 'oklch(0.21 0.034 264.665)'],
  ['color-mix() in srgb', 'color-mix(in srgb, #121212 90%, black)'],
  ['lab()', 'lab(8% 0 0)'],
  ['color(display-p3 …)', 'color(display-p3 0.07 0.07 0.08)'],
] as const) {
  test(`npm with its main column painted dark in ${syntax}: the title badge takes the dark palette`, async ({ page }) => {
    await styleEarly(page, `#top { background: ${color} !important; color: #e8eaed !important; }`);
    await openSigstore(page);
    const [seen] = await look(page);
    expect(seen?.surfaceDark, 'the column is dark as painted').toBe(true);
    expect(seen?.scheme, `the badge on ${color} takes the dark palette (its ring there: ${seen?.ring}:1)`).toBe('dark');
  });
}

test('a dark-mode stylesheet added after the badge (as Dark Reader or a site theme switch does): the badge follows', async ({ page }) => {
  await page.goto('https://pypi.org/project/sampleproject/4.0.0/');
  await expectBadge(pypiTitleBadge(page), 'verified', 'pypi:sampleproject@4.0.0');
  expect((await look(page)).every((s) => s.scheme === 'light' && !s.surfaceDark)).toBe(true);
  // No attribute of <html> or <body> changes: a <style> joins <head>.
  await page.evaluate(() => {
    const style = document.createElement('style');
    style.textContent = 'html, body, .project-header, .package-header, .banner, main { background: #121212 !important; color: #e8eaed !important; }';
    document.head.append(style);
  });
  await page.waitForTimeout(2000);
  const seen = (await look(page)).find((s) => s.pkg === 'pypi:sampleproject@4.0.0');
  expect(seen?.surfaceDark, 'the page is dark as painted').toBe(true);
  expect(seen?.scheme, `the title badge took the dark palette (its ring there: ${seen?.ring}:1)`).toBe('dark');
});

test('a dark theme switched on a container, not on <html> or <body> (an app root’s data-theme): the badge follows', async ({ page }) => {
  await styleEarly(page, '#app[data-theme="dark"], #app[data-theme="dark"] #top { background: #121212 !important; color: #e8eaed !important; }');
  await openSigstore(page);
  expect((await look(page))[0]?.scheme).toBe('light');
  await page.evaluate(() => document.getElementById('app')?.setAttribute('data-theme', 'dark'));
  await page.waitForTimeout(2000);
  const [seen] = await look(page);
  expect(seen?.surfaceDark, 'the column is dark as painted').toBe(true);
  expect(seen?.scheme, `the title badge took the dark palette (its ring there: ${seen?.ring}:1)`).toBe('dark');
});

test('a wrapper with display: contents and a dark background paints nothing: the badge on the white page stays light', async ({ page }) => {
  // #top's box is gone (its children lay out in <main>, on the white page); its background
  // property is still reported.
  await styleEarly(page, '#top { display: contents; background: #121212; }');
  await openSigstore(page);
  const [seen] = await look(page);
  expect(seen?.surfaceDark, 'the badge is drawn on the white page').toBe(false);
  expect(seen?.scheme, `the badge keeps the light palette (its ring there: ${seen?.ring}:1)`).toBe('light');
});

test('npm search with alternating dark and light result cards: each badge takes its own card’s palette', async ({ page }) => {
  await styleEarly(page, 'main > section:nth-of-type(2n) { background: #121212 !important; color: #e8eaed !important; } main > section:nth-of-type(2n+1) { background: #fafafa !important; }');
  await page.goto('https://www.npmjs.com/search?q=fixture');
  await page.locator('html[data-hydrated="true"]').waitFor({ state: 'attached' });
  const results = npmSearchResults(page);
  await expect(results).toHaveCount(4);
  for (const result of await results.all()) {
    await result.scrollIntoViewIfNeeded();
    await expect(result.locator('[data-provenance-status]')).not.toHaveAttribute('data-provenance-status', 'loading');
  }
  await page.waitForTimeout(500);
  const seen = await look(page);
  expect(seen).toHaveLength(4);
  expect(seen.map((s) => s.surfaceDark)).toEqual([false, true, false, true]);
  for (const s of seen) {
    expect(s.scheme, `${s.pkg}'s palette`).toBe(s.surfaceDark ? 'dark' : 'light');
    expect(s.ring, `${s.pkg}'s focus ring`).toBeGreaterThanOrEqual(3);
  }
});

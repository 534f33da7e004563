// Review 15: attacks on the colour scheme a badge takes from what it sits on (page-scheme.ts
// darkUnder, mount.ts applySchemes), in Chromium with the built extension. "What it sits on" is
// measured here as painted: each ancestor's computed background is resolved to sRGB through a
// canvas (which takes every CSS colour syntax), crossing no shadow boundary the badge does not.
import type { Page } from '@playwright/test';
import { expect, test } from '../support/extension-test';
import { expectBadge, npmSearchResults, npmTitleBadge, pypiTitleBadge } from '../support/page-inspection';

interface Seen {
  pkg: string;
  scheme: string;
  /** The painted surface behind the host, as sRGB: whether it is dark (relative luminance < 0.2). */
  surfaceDark: boolean;
  /** Focus ring (keyboard focus) against that surface. */
  ring: number;
}

/** Every visible badge: its scheme, whether the surface it is drawn on is dark, its ring contrast. */
function look(page: Page): Promise<Seen[]> {
  return page.evaluate(() => {
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = 1;
    const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
    /** Any CSS colour as sRGB 0-255 and alpha 0-1 (the canvas converts oklch, lab, color(), …). */
    const srgb = (css: string): [number, number, number, number] => {
      ctx.clearRect(0, 0, 1, 1);
      ctx.fillStyle = 'rgba(0, 0, 0, 0)';
      ctx.fillStyle = css;
      ctx.fillRect(0, 0, 1, 1);
      const [r, g, b, a] = ctx.getImageData(0, 0, 1, 1).data;
      return [r ?? 0, g ?? 0, b ?? 0, (a ?? 0) / 255];
    };
    const lum = ([r, g, b]: number[]) => {
      const lin = (v: number) => (v / 255 <= 0.03928 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4);
      return 0.2126 * lin(r ?? 0) + 0.7152 * lin(g ?? 0) + 0.0722 * lin(b ?? 0);
    };
    const ratio = (a: number[], b: number[]) => {
      const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p) as [number, number];
      return Math.round(((x + 0.05) / (y + 0.05)) * 100) / 100;
    };
    /** The first ancestor that paints (a `display: contents` box paints nothing), as sRGB. */
    const behind = (start: Element | null): number[] => {
      for (let el: Element | null = start; el !== null; el = el.parentElement) {
        const style = getComputedStyle(el);
        if (style.display === 'contents') continue;
        const bg = srgb(style.backgroundColor);
        if ((bg[3] ?? 0) > 0.5) return bg;
      }
      return [255, 255, 255, 1];
    };
    return [...document.querySelectorAll('provenance-lens-badge')].flatMap((host) => {
      const button = host.shadowRoot?.querySelector<HTMLElement>('.pl-badge');
      if (!button || button.getClientRects().length === 0) return [];
      button.focus({ focusVisible: true } as FocusOptions);
      const style = getComputedStyle(button);
      const ring = style.outlineStyle === 'none' ? [0, 0, 0, 0] : srgb(style.outlineColor);
      const surface = behind(host.parentElement);
      button.blur();
      return [
        {
          pkg: host.getAttribute('data-provenance-package') ?? '',
          scheme: host.getAttribute('data-pl-scheme') ?? 'light',
          surfaceDark: lum(surface) < 0.2,
          ring: ratio(ring, surface),
        },
      ];
    });
  });
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
    await page.goto('https://www.npmjs.com/package/sigstore/v/2.3.1');
    await expectBadge(npmTitleBadge(page), 'verified', 'npm:sigstore@2.3.1');
    await page.waitForTimeout(500);
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
  await page.goto('https://www.npmjs.com/package/sigstore/v/2.3.1');
  await expectBadge(npmTitleBadge(page), 'verified', 'npm:sigstore@2.3.1');
  await page.waitForTimeout(500);
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
  await page.goto('https://www.npmjs.com/package/sigstore/v/2.3.1');
  await expectBadge(npmTitleBadge(page), 'verified', 'npm:sigstore@2.3.1');
  await page.waitForTimeout(500);
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

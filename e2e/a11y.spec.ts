// Accessibility of what we put in front of people (issue 16), checked by axe-core in Chromium: the
// badges on both registries' pages and the in-page panel (our elements only: the pages are the
// sites'), and the popup and options page whole, each in the light and the dark scheme. Then the
// keyboard: the whole popup can be walked with Tab, every control reached, nothing trapped.
import type { Page } from '@playwright/test';
import { axeViolations } from './support/axe';
import { expect, test } from './support/extension-test';
import { expectBadge, npmTitleBadge, pypiTitleBadge } from './support/page-inspection';

const OURS = ['provenance-lens-badge', 'provenance-lens-panel', 'provenance-lens-status'];

for (const scheme of ['light', 'dark'] as const) {
  test(`axe (${scheme}): PyPI and npm badge pages and the panel have no violations`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto('https://pypi.org/project/sampleproject/4.0.0/');
    await expectBadge(pypiTitleBadge(page), 'verified', 'pypi:sampleproject@4.0.0');
    expect(await axeViolations(page, OURS)).toEqual([]);
    await page.locator('h1 + provenance-lens-badge .pl-badge').click();
    await expect(page.locator('provenance-lens-panel dialog')).toBeVisible();
    expect(await axeViolations(page, OURS)).toEqual([]);
    await page.keyboard.press('Escape');

    await page.goto('https://www.npmjs.com/package/sigstore/v/2.3.1');
    await expectBadge(npmTitleBadge(page), 'verified', 'npm:sigstore@2.3.1');
    expect(await axeViolations(page, OURS)).toEqual([]);
    // A failed check, with its retry-less red badge and the panel's "what to do".
    await page.goto('https://www.npmjs.com/package/@trishankatdatadog/supreme-goggles');
    await expect(npmTitleBadge(page)).toHaveAttribute('data-provenance-status', 'invalid');
    await page.locator('#top h1 + provenance-lens-badge .pl-badge').click();
    await expect(page.locator('provenance-lens-panel dialog')).toContainText('Do not install this version');
    expect(await axeViolations(page, OURS)).toEqual([]);
  });

  test(`axe (${scheme}): the popup and the options page have no violations`, async ({ page, openPopup, extension }) => {
    await page.goto('https://pypi.org/project/sampleproject/4.0.0/');
    await expectBadge(pypiTitleBadge(page), 'verified', 'pypi:sampleproject@4.0.0');
    const popup = await openPopup(page);
    await popup.emulateMedia({ colorScheme: scheme });
    await expect(popup.locator('.pl-verdict')).toContainText('Verified');
    expect(await axeViolations(popup)).toEqual([]);
    // Every fold open: what is below the first screen is checked too.
    await popup.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
    expect(await axeViolations(popup)).toEqual([]);

    const options = await extension.context.newPage();
    await options.emulateMedia({ colorScheme: scheme });
    await options.goto(`chrome-extension://${extension.extensionId}/src/options/index.html`);
    await expect(options.locator('h1')).toBeVisible();
    expect(await axeViolations(options)).toEqual([]);
  });
}

test('axe: on a page that paints itself dark, the badges turn dark and stay readable', async ({ page }) => {
  // A stand-in for a dark registry theme: the page's own background, set before our script runs.
  await page.addInitScript(() =>
    document.addEventListener('DOMContentLoaded', () => {
      const style = document.createElement('style');
      style.textContent = 'html, body { background: #121212 !important; color: #e8eaed !important; }';
      document.head.append(style);
    }),
  );
  await page.goto('https://pypi.org/project/sampleproject/4.0.0/');
  await expectBadge(pypiTitleBadge(page), 'verified', 'pypi:sampleproject@4.0.0');
  await expect(pypiTitleBadge(page)).toHaveAttribute('data-pl-scheme', 'dark');
  expect(await axeViolations(page, ['provenance-lens-badge'])).toEqual([]);
});

/** Presses Tab `presses` times; the visible controls of `page` that never got focus, described. */
async function missedByTab(page: Page, presses: number): Promise<string[]> {
  await page.evaluate(() => {
    const seen = new Set<EventTarget>();
    (window as unknown as { __seen: Set<EventTarget> }).__seen = seen;
    document.addEventListener('focusin', (e) => e.target !== null && seen.add(e.target));
  });
  for (let i = 0; i < presses; i++) await page.keyboard.press('Tab');
  return page.evaluate(() => {
    const seen = (window as unknown as { __seen: Set<EventTarget> }).__seen;
    return [...document.querySelectorAll('a[href], button, summary, [tabindex="0"]')]
      // What a closed fold holds is not there to reach (its summary is).
      .filter((el) => el.getClientRects().length > 0 && (el.localName === 'summary' || el.closest('details:not([open])') === null))
      .filter((el) => !seen.has(el))
      .map((el) => `${el.tagName.toLowerCase()}:${(el.textContent ?? '').trim().slice(0, 40)}`);
  });
}

// Closed folds' content counts too (Chromium lays it out); a few presses more cost nothing.
const VISIBLE_CONTROLS = 'a[href]:visible, button:visible, summary:visible, [tabindex="0"]:visible';

test('keyboard: the whole popup is reachable with Tab, folds open with Enter, nothing trapped', async ({ page, openPopup }) => {
  await page.goto('https://pypi.org/project/sampleproject/4.0.0/');
  await expectBadge(pypiTitleBadge(page), 'verified', 'pypi:sampleproject@4.0.0');
  const popup = await openPopup(page);
  await expect(popup.locator('.pl-verdict')).toContainText('Verified');
  const controls = await popup.locator(VISIBLE_CONTROLS).count();
  expect(controls).toBeGreaterThan(5);
  expect(await missedByTab(popup, controls + 2)).toEqual([]);
  // Enter on a fold's summary opens it, and what it holds is reachable in turn.
  await popup.locator('summary', { hasText: 'Attestations' }).focus();
  await popup.keyboard.press('Enter');
  await expect(popup.locator('details:has(summary:text("Attestations"))')).toHaveAttribute('open', '');
  await expect(popup.locator('.pl-attestations li').first()).toContainText('sampleproject-4.0.0');
  const more = await popup.locator(VISIBLE_CONTROLS).count();
  expect(more).toBeGreaterThan(controls);
  expect(await missedByTab(popup, more + 2)).toEqual([]);
});

test('the popup answers on its first screen: verdict, who, from what, when, checked here (360 px wide)', async ({ page, openPopup }) => {
  await page.goto('https://pypi.org/project/sampleproject/4.0.0/');
  await expectBadge(pypiTitleBadge(page), 'verified', 'pypi:sampleproject@4.0.0');
  const popup = await openPopup(page);
  await popup.setViewportSize({ width: 360, height: 600 });
  await expect(popup.locator('.pl-verdict')).toContainText('Verified');
  const within600 = async (selector: string) => {
    const box = await popup.locator(selector).first().boundingBox();
    return box !== null && box.y + box.height <= 600;
  };
  for (const sel of ['.pl-verdict', '.pl-summary', 'dt:text("Repository")', 'dt:text("Workflow")', 'dt:text("From")', 'dt:text("Signed")', '.pl-checked']) {
    expect(await within600(sel), sel).toBe(true);
  }
  // Nothing scrolls sideways at this width.
  expect(await popup.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
});

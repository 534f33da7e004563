// Review 4 of issue 16, requirement 4: badge colours follow the page they sit on; every badge state
// (checking included) clears 4.5:1 for its text and its focus ring 3:1 against what is behind it,
// on the registries' light pages and on a dark page. Measured in the page: the button's own colours
// for the text, and the ring colour (its outline when focused as by the keyboard, drawn 2 px outside
// the button) against the nearest
// painted background behind the badge host.
import type { Page } from '@playwright/test';
import { axeViolations } from '../support/axe';
import { expect, test } from '../support/extension-test';
import { type BadgeContrast, measureBadgeContrast } from '../support/badge-contrast';
import { expectBadge, npmTitleBadge, pypiTitleBadge } from '../support/page-inspection';

/** Every badge of ours: text contrast inside the button, focus-ring contrast against the page behind. */
function measure(page: Page): Promise<BadgeContrast[]> {
  return page.evaluate(measureBadgeContrast);
}

function expectReadable(found: BadgeContrast[]): void {
  expect(found.length).toBeGreaterThan(0);
  for (const m of found) {
    expect(m.text, `text of ${JSON.stringify(m)}`).toBeGreaterThanOrEqual(4.5);
    expect(m.ring, `focus ring of ${JSON.stringify(m)}`).toBeGreaterThanOrEqual(3);
  }
}

test('light registry pages: every state, checking included, 4.5:1 text and 3:1 ring', async ({ page }) => {
  // Checking: the Integrity API never answers (held ~11 s), so the badges stay "checking".
  await page.goto('https://pypi.org/project/lens-fault-hang-r4001/');
  await expect(pypiTitleBadge(page)).toHaveAttribute('data-provenance-status', 'loading');
  expectReadable(await measure(page));
  expect(await axeViolations(page, ['provenance-lens-badge'])).toEqual([]);
  for (const [url, status, id] of [
    ['https://pypi.org/project/sampleproject/4.0.0/', 'verified', 'pypi:sampleproject@4.0.0'],
    ['https://pypi.org/project/sigstore/3.6.1/', 'partial', 'pypi:sigstore@3.6.1'],
    ['https://pypi.org/project/lens-fixture-none/', 'none', 'pypi:lens-fixture-none@1.2.0'],
    ['https://pypi.org/project/lens-fixture-error/2.0.0/', 'unavailable', 'pypi:lens-fixture-error@2.0.0'],
  ] as const) {
    await page.goto(url);
    await expectBadge(pypiTitleBadge(page), status, id, 40_000);
    expectReadable(await measure(page));
  }
  await page.goto('https://www.npmjs.com/package/@trishankatdatadog/supreme-goggles');
  await expect(npmTitleBadge(page)).toHaveAttribute('data-provenance-status', 'invalid');
  expectReadable(await measure(page));
});

test('a page that paints itself dark before we arrive: checking badge dark and readable', async ({ page }) => {
  await page.addInitScript(() =>
    document.addEventListener('DOMContentLoaded', () => {
      const style = document.createElement('style');
      style.textContent = 'html, body { background: #121212 !important; color: #e8eaed !important; }';
      document.head.append(style);
    }),
  );
  await page.goto('https://pypi.org/project/lens-fault-hang-r4002/');
  await expect(pypiTitleBadge(page)).toHaveAttribute('data-provenance-status', 'loading');
  await expect(pypiTitleBadge(page)).toHaveAttribute('data-pl-scheme', 'dark');
  expectReadable(await measure(page));
});

test('a page that turns dark with the system setting while open: the badge follows it', async ({ page }) => {
  // A registry page styled for both schemes (prefers-color-scheme), seen in light, then the
  // person's system switches to dark (evening schedule) with the tab open.
  await page.emulateMedia({ colorScheme: 'light' });
  await page.addInitScript(() =>
    document.addEventListener('DOMContentLoaded', () => {
      const style = document.createElement('style');
      style.textContent = '@media (prefers-color-scheme: dark) { html, body { background: #121212 !important; color: #e8eaed !important; } }';
      document.head.append(style);
    }),
  );
  await page.goto('https://pypi.org/project/sampleproject/4.0.0/');
  await expectBadge(pypiTitleBadge(page), 'verified', 'pypi:sampleproject@4.0.0');
  expect(await pypiTitleBadge(page).getAttribute('data-pl-scheme')).toBeNull();
  await page.emulateMedia({ colorScheme: 'dark' });
  expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(18, 18, 18)');
  await page.waitForTimeout(2000);
  const after = await measure(page);
  expect.soft(await pypiTitleBadge(page).getAttribute('data-pl-scheme'), 'the badge took the dark palette').toBe('dark');
  expectReadable(after);
});

test("npm with a dark main column (the body itself unpainted): the badge's focus ring stays visible", async ({ page }) => {
  // Dark themes often paint the app's container, not <body>.
  await page.addInitScript(() =>
    document.addEventListener('DOMContentLoaded', () => {
      const style = document.createElement('style');
      style.textContent = '#top { background: #121212 !important; color: #e8eaed !important; }';
      document.head.append(style);
    }),
  );
  await page.goto('https://www.npmjs.com/package/sigstore/v/2.3.1');
  await expectBadge(npmTitleBadge(page), 'verified', 'npm:sigstore@2.3.1');
  expectReadable(await measure(page));
});

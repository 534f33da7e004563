// The details panel is the browser's own modal dialog (Chromium): opened from the badge with the
// keyboard, it takes focus, keeps Tab inside, covers the page (the page behind cannot be clicked),
// closes on Escape and gives focus back to the badge. happy-dom does not model the top layer, so
// this is where those promises are checked; e2e/firefox/panel-dialog.spec.ts does the same in Firefox.
import { expect, test } from './support/extension-test';
import { focusSpot, topAtPageLink } from './support/panel-dialog';
import { expectBadge, pypiTitleBadge } from './support/page-inspection';

test('panel: keyboard open, Tab stays inside, page behind covered, Escape closes and focus returns', async ({ page }) => {
  await page.goto('https://pypi.org/project/sampleproject/');
  await expectBadge(pypiTitleBadge(page), 'verified', 'pypi:sampleproject@4.0.0');
  await page.locator('h1 + provenance-lens-badge .pl-badge').focus();
  await page.keyboard.press('Enter');

  await expect.poll(() => page.evaluate(focusSpot)).toMatchObject({ host: 'provenance-lens-panel', dialogOpen: true });
  expect(await page.evaluate(topAtPageLink)).toBe('provenance-lens-panel');

  const seen = new Set<string>();
  for (let i = 0; i < 25; i++) {
    await page.keyboard.press(i % 5 === 4 ? 'Shift+Tab' : 'Tab');
    const spot = await page.evaluate(focusSpot);
    // Never a page element: inside our panel, or (between the last and first stop) the browser's own UI.
    expect(['provenance-lens-panel', 'body'], JSON.stringify(spot)).toContain(spot.host);
    if (spot.inner !== null) seen.add(spot.inner);
  }
  // Focus went round the panel's own controls: its close button and its links.
  expect([...seen].some((s) => s.startsWith('button'))).toBe(true);
  expect([...seen].some((s) => s.startsWith('a'))).toBe(true);

  await page.keyboard.press('Escape');
  await expect(page.locator('provenance-lens-panel')).toHaveCount(0);
  expect(await page.evaluate(focusSpot)).toMatchObject({ host: 'provenance-lens-badge', inner: 'button.pl-badge' });
});

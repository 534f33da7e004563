// Firefox: the details panel as a modal dialog, the same walk as e2e/panel-dialog.spec.ts runs in
// Chromium: opened from the badge with the keyboard, Tab stays inside, the page behind is
// covered, Escape closes it and focus goes back to the badge.
import { expect, test } from '@playwright/test';
import { focusSpot, topAtPageLink } from '../support/panel-dialog';
import { expectFirefoxBadge, PYPI_TITLE } from './firefox-page';
import { useFirefoxSession } from './firefox-session';

const session = useFirefoxSession();

test('panel (Firefox): keyboard open, Tab stays inside, page behind covered, Escape closes and focus returns', async () => {
  const tab = await session.newTab();
  await tab.goto('https://pypi.org/project/sampleproject/');
  await expectFirefoxBadge(tab, PYPI_TITLE, 'verified', 'pypi:sampleproject@4.0.0');
  await tab.evaluate(() => document.querySelector('h1 + provenance-lens-badge')?.shadowRoot?.querySelector<HTMLButtonElement>('.pl-badge')?.focus());
  await tab.keyboard.press('Enter');

  await expect.poll(() => tab.evaluate(focusSpot)).toMatchObject({ host: 'provenance-lens-panel', dialogOpen: true });
  expect(await tab.evaluate(topAtPageLink)).toBe('provenance-lens-panel');

  const seen = new Set<string>();
  for (let i = 0; i < 25; i++) {
    if (i % 5 === 4) {
      await tab.keyboard.down('Shift');
      await tab.keyboard.press('Tab');
      await tab.keyboard.up('Shift');
    } else {
      await tab.keyboard.press('Tab');
    }
    const spot = await tab.evaluate(focusSpot);
    expect(['provenance-lens-panel', 'body'], JSON.stringify(spot)).toContain(spot.host);
    if (spot.inner !== null) seen.add(spot.inner);
  }
  expect([...seen].some((s) => s.startsWith('button'))).toBe(true);
  expect([...seen].some((s) => s.startsWith('a'))).toBe(true);

  await tab.keyboard.press('Escape');
  await expect.poll(() => tab.evaluate(() => document.querySelectorAll('provenance-lens-panel').length)).toBe(0);
  expect(await tab.evaluate(focusSpot)).toMatchObject({ host: 'provenance-lens-badge', inner: 'button.pl-badge' });
});

// REGRESSION, fixed (was a FINDING; Chromium; review 2 of issue 14, bae0bc4's ask-again + modal <dialog>): a keyboard user
// opens the details panel of a page whose check failed ("Couldn't check"), then presses Retry in
// the toolbar popup (or changes the pin there). The worker's ask-again makes the page re-mount all
// its badges, which closes the open panel and removes the badge that opened it: the panel vanishes
// and keyboard focus falls to <body> (the reader loses their place).
// Expected: the open panel follows the new verdict in place (as its own Retry does), or, if it
// closes, focus returns to the (new) title badge.
// Its rare failure on Chromium 156 (the page's badge stayed "Couldn't check" after the popup's Retry
// said verified) was Chromium throttling the "latest" JSON that had just answered 503: see
// src/background/latest-unlearnt.test.ts.
import { expect, test } from '@playwright/test';
import { openPopupFor } from '../support/launch-extension';
import { focusSpot } from '../support/panel-dialog';
import { type Upstream } from './attack-support';
import { useAttackChromium } from './attack-session';

const attack = useAttackChromium();

const down: Upstream = { status: 503, headers: { 'content-type': 'text/plain' }, body: Buffer.from('Service Unavailable') };

test('panel open when the popup retries: it is not lost, nor is keyboard focus', async () => {
  attack.proxy.rules = [(r) => (r.host === 'pypi.org' && r.path.startsWith('/pypi/sampleproject/') ? { transform: () => down } : undefined)];
  const page = attack.ext.context.pages()[0] ?? (await attack.ext.context.newPage());
  await page.goto('https://pypi.org/project/sampleproject/');
  await expect(page.locator('h1 + provenance-lens-badge')).toHaveAttribute('data-provenance-status', 'unavailable', { timeout: 30_000 });
  await page.locator('h1 + provenance-lens-badge .pl-badge').focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => page.evaluate(focusSpot)).toMatchObject({ host: 'provenance-lens-panel', dialogOpen: true });

  attack.proxy.rules = [];
  const popup = await openPopupFor(attack.ext, page);
  await popup.getByRole('button', { name: 'Retry' }).click();
  try {
    await expect(popup.locator('.pl-verdict')).toContainText('Verified', { timeout: 20_000 });
  } catch (error) {
    // Seen once in CI and once in 200 local runs: what the popup said (its reason, its code).
    console.log('popup after Retry:', await popup.locator('main').innerText());
    throw error;
  }
  await popup.close();
  await page.bringToFront();
  await expect(page.locator('h1 + provenance-lens-badge')).toHaveAttribute('data-provenance-status', 'verified', { timeout: 20_000 });
  await page.waitForTimeout(500);
  const spot = await page.evaluate(focusSpot);
  console.log('after popup retry:', JSON.stringify(spot));
  expect(spot.host, 'keyboard focus after the popup retry (panel open before)').not.toBe('body');
});


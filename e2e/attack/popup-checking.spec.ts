// REGRESSION (Chromium; found by the issue-14 attack review): the person clicks the toolbar button
// while the page's badge still says "checking" (the registry is slow: the proxy holds PyPI's JSON
// API for 8 s). The popup said "open a package page"; it now names the package being checked and
// shows its verdict once the worker has it.
import { expect, test } from '@playwright/test';
import { openPopupFor } from '../support/launch-extension';
import { popupHeading } from '../support/npm-page-state';
import { readBadges, toolbarFor } from './attack-support';
import { useAttackChromium } from './attack-session';

const attack = useAttackChromium();

test('popup opened while the page is being checked names the package on screen', async () => {
  attack.proxy.rules = [(r) => (r.host === 'pypi.org' && r.path.startsWith('/pypi/sampleproject/') ? { delayMs: 8000 } : undefined)];
  const page = attack.ext.context.pages()[0] ?? (await attack.ext.context.newPage());
  await page.goto('https://pypi.org/project/sampleproject/');
  await expect(page.locator('h1 + [data-provenance-status="loading"]')).toBeAttached();
  await page.waitForTimeout(1000);
  const toolbar = await toolbarFor(attack.ext, page.url());
  const popup = await openPopupFor(attack.ext, page);
  await expect.poll(async () => (await popup.evaluate(popupHeading)).settled).toBe(true);
  const said = await popup.evaluate(() => ({ heading: document.querySelector('h2.pl-title')?.textContent ?? null, text: document.body.innerText.slice(0, 200) }));
  console.log('popup during the check:', JSON.stringify({ toolbar, said, badges: await page.evaluate(readBadges) }, null, 1));
  expect(said.text, 'the popup of a package page being checked').not.toContain('Open a PyPI or npm package page');
  expect(said.heading).toContain('sampleproject');
  // The same popup, still open, shows the verdict when the check ends.
  await expect(popup.locator('.pl-verdict')).toContainText('Verified', { timeout: 20_000 });
  await expect(popup.locator('h2.pl-title')).toContainText('sampleproject 4.0.0');
});

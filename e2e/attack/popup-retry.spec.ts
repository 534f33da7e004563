// REGRESSION (Chromium; issue-14 attack finding 5): the registry failed while the page was checked,
// so the page and the toolbar said "couldn't check". The registry recovers, the person presses
// Retry in the popup: the popup showed the new verdict but the page's own badges kept the old one.
// The worker now asks the tab's page to ask again, and the page's badges follow the popup.
import { expect, test } from '@playwright/test';
import { openPopupFor } from '../support/launch-extension';
import { readBadges, toolbarFor, type Rule, type Upstream } from './attack-support';
import { useAttackChromium } from './attack-session';

const attack = useAttackChromium();

// PyPI's JSON API answers 503 until the rule is lifted: an outage, not a verdict.
const down: Upstream = { status: 503, headers: { 'content-type': 'text/plain' }, body: Buffer.from('Service Unavailable') };
const outage = (): Rule[] => [(r) => (r.host === 'pypi.org' && r.path.startsWith('/pypi/sampleproject/') ? { transform: () => down } : undefined)];

test('popup retry after an outage: the page badges follow the popup to verified', async () => {
  attack.proxy.rules = outage();
  const page = attack.ext.context.pages()[0] ?? (await attack.ext.context.newPage());
  await page.goto('https://pypi.org/project/sampleproject/');
  const title = page.locator('h1 + provenance-lens-badge');
  await expect(title).toHaveAttribute('data-provenance-status', 'unavailable', { timeout: 20_000 });

  attack.proxy.rules = [];
  const popup = await openPopupFor(attack.ext, page);
  await popup.getByRole('button', { name: 'Retry' }).click();
  await expect(popup.locator('.pl-verdict')).toContainText('Verified', { timeout: 20_000 });

  // The page was not reloaded: its badges asked again because the worker told them to.
  await expect(title).toHaveAttribute('data-provenance-status', 'verified', { timeout: 20_000 });
  const badges = await page.evaluate(readBadges);
  expect(badges.filter((b) => b.status === 'unavailable'), JSON.stringify(badges)).toEqual([]);
  expect((await toolbarFor(attack.ext, page.url()))?.title ?? '').toContain('verified');
});

// REGRESSION (Chromium; review 2 of issue 14, worker/ask-again of bae0bc4): the registry was down
// when an npm package page (@playwright/cli 0.1.1) was checked; the person presses Retry in the
// popup, and while the slow retry is on its way the page moves (npm's client, pushState) to
// another package (sigstore). The retry's verdict must not land on the tab or the page: the page
// ends with sigstore's badge under sigstore's heading, the toolbar names sigstore, and no badge or
// record of @playwright/cli remains; the ask-again does not make the page re-ask in a loop.
import { expect, test } from '@playwright/test';
import { openPopupFor } from '../support/launch-extension';
import { readBadges, toolbarFor, type Rule, type Upstream } from './attack-support';
import { useAttackChromium } from './attack-session';

const attack = useAttackChromium();

const down: Upstream = { status: 503, headers: { 'content-type': 'text/plain' }, body: Buffer.from('Service Unavailable') };
const isCli = (path: string) => decodeURIComponent(path).toLowerCase().includes('@playwright/cli');
const outage: Rule = (r) => (r.host === 'registry.npmjs.org' && isCli(r.path) ? { transform: () => down } : undefined);
const slow: Rule = (r) => (r.host === 'registry.npmjs.org' && isCli(r.path) ? { delayMs: 3000 } : undefined);

test('popup Retry in flight while the page moves to another package: nothing of the first lands', async () => {
  attack.proxy.rules = [outage];
  const page = attack.ext.context.pages()[0] ?? (await attack.ext.context.newPage());
  await page.goto('https://www.npmjs.com/package/@playwright/cli');
  await page.locator('html[data-hydrated="true"]').waitFor({ state: 'attached' });
  await expect(page.locator('#top h1 + provenance-lens-badge')).toHaveAttribute('data-provenance-status', 'unavailable', { timeout: 30_000 });
  await page.evaluate(() => ((window as unknown as { __loads: number }).__loads = 1));

  const popup = await openPopupFor(attack.ext, page);
  await expect(popup.getByRole('button', { name: 'Retry' })).toBeVisible({ timeout: 20_000 });
  attack.proxy.rules = [slow];
  const asks: string[] = [];
  attack.proxy.rules.push((r) => {
    if (r.host === 'registry.npmjs.org') asks.push(r.path);
    return undefined;
  });
  await popup.getByRole('button', { name: 'Retry' }).click();
  await page.waitForTimeout(300);
  // npm's client: a link in the page, followed with pushState.
  await page.evaluate(() => {
    const a = document.createElement('a');
    a.href = '/package/sigstore';
    a.textContent = 'sigstore';
    document.querySelector('main')?.append(a);
    a.click();
  });
  await expect(page).toHaveURL('https://www.npmjs.com/package/sigstore');
  await expect(page.locator('#top h1')).toContainText('sigstore');
  await expect(page.locator('#top h1 + provenance-lens-badge')).toHaveAttribute('data-provenance-package', /^npm:sigstore@/, { timeout: 30_000 });
  // Let the retry land (3 s) and any ask-again settle.
  await page.waitForTimeout(5000);
  expect(await page.evaluate(() => (window as unknown as { __loads?: number }).__loads), 'the page was not reloaded').toBe(1);
  const badges = await page.evaluate(readBadges);
  const toolbar = await toolbarFor(attack.ext, page.url());
  console.log(JSON.stringify({ badges, toolbar, registryAsks: asks.length }, null, 1));
  expect(badges.filter((b) => (b.pkg ?? '').includes('@playwright/cli')), 'badges of the package left behind').toEqual([]);
  expect(badges.find((b) => b.where.startsWith('h1'))?.pkg ?? '').toMatch(/^npm:sigstore@2\.3\.1$/);
  expect(toolbar?.title ?? '').toContain('sigstore@2.3.1');
  expect(toolbar?.title ?? '').not.toContain('@playwright/cli');
  // No storm: a handful of registry requests, not a loop.
  expect(asks.length, 'registry requests after Retry').toBeLessThan(20);
  await popup.close();
});

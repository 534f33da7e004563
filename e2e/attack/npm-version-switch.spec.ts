// REGRESSION (Chromium; found by the issue-14 attack review, fixed by the header version check in
// src/content/npm-site.ts): npm version -> another version of the same package while the page's data is
// on its way (a slow network: the proxy holds www.npmjs.com's JSON page data for 4 s). npm's
// client pushes the new URL at once and keeps showing the old release until the data arrives;
// the h1 shows the same package name throughout. Expected: no badge naming the new version sits
// on the header that still shows the old one, and the popup/toolbar do not describe a release
// other than the one on screen.
import { expect, test } from '@playwright/test';
import { readBadges, toolbarFor } from './attack-support';
import { useAttackChromium } from './attack-session';

const attack = useAttackChromium();

/** Records every moment a badge in `#top h1` names a version other than the header's version line. */
function installVersionProbe(): void {
  const seen: string[] = [];
  (window as unknown as { __versionProbe: string[] }).__versionProbe = seen;
  const check = () => {
    const h1 = document.querySelector('#top h1');
    const line = h1?.nextElementSibling?.textContent ?? '';
    const shownVersion = /^(\S+) •/.exec(line)?.[1] ?? null;
    for (const host of h1?.querySelectorAll('[data-provenance-package]') ?? []) {
      const attr = host.getAttribute('data-provenance-package') ?? '';
      const version = attr.slice(attr.lastIndexOf('@') + 1);
      const status = host.getAttribute('data-provenance-status');
      if (shownVersion !== null && version !== '' && version !== shownVersion) {
        const entry = `${attr} (${status}) on the header showing ${shownVersion}, URL ${location.pathname}`;
        if (!seen.includes(entry)) seen.push(entry);
      }
    }
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true, attributes: true, characterData: true });
}

test('npm: version -> version on a slow network: no badge names another version than the header shows', async () => {
  const page = attack.ext.context.pages()[0] ?? (await attack.ext.context.newPage());
  await page.addInitScript(installVersionProbe);
  await page.goto('https://www.npmjs.com/package/sigstore?activeTab=versions');
  await page.locator('html[data-hydrated="true"]').waitFor({ state: 'attached' });
  await expect(page.locator('#top h1 + [data-provenance-status="verified"][data-provenance-package="npm:sigstore@2.3.1"]')).toBeAttached();

  // From now on the site's page data takes 4 s to arrive.
  const delayMs = Number(process.env.ATTACK_DELAY_MS ?? 4000);
  attack.proxy.rules = [(r) => (r.host === 'www.npmjs.com' && r.accept.startsWith('application/json') ? { delayMs } : undefined)];
  await page.click('table[aria-labelledby="version-history"] a[href="/package/sigstore/v/1.0.0"]');
  await expect.poll(() => page.evaluate(() => location.pathname)).toBe('/package/sigstore/v/1.0.0');
  // While the old release is still on screen:
  await page.waitForTimeout(delayMs * 0.6);
  const during = await page.evaluate(() => ({
    header: document.querySelector('#top h1')?.nextElementSibling?.textContent ?? '',
    loading: document.getElementById('fixture-progress') !== null,
  }));
  const badges = await page.evaluate(readBadges);
  const toolbar = await toolbarFor(attack.ext, page.url());
  console.log('during the fetch:', JSON.stringify({ during, badges, toolbar }, null, 1));
  expect(during.loading, 'the page data is still on its way').toBe(true);

  await expect(page.locator('#top h1').locator('xpath=following-sibling::span[1]')).toHaveText(/^1\.0\.0 •/, { timeout: 10_000 });
  await expect(page.locator('#top h1 + [data-provenance-status="verified"][data-provenance-package="npm:sigstore@1.0.0"]')).toBeAttached();
  const probe = await page.evaluate(() => (window as unknown as { __versionProbe: string[] }).__versionProbe);
  console.log('version probe:', probe);
  expect(probe, 'badges naming another version than the header on screen').toEqual([]);
});

test('npm: latest -> older version, the data fetch never arrives: the badge stays on the old release', async () => {
  const page = attack.ext.context.pages()[0] ?? (await attack.ext.context.newPage());
  await page.addInitScript(installVersionProbe);
  await page.goto('https://www.npmjs.com/package/sigstore?activeTab=versions');
  await page.locator('html[data-hydrated="true"]').waitFor({ state: 'attached' });
  await expect(page.locator('#top h1 + [data-provenance-status="verified"][data-provenance-package="npm:sigstore@2.3.1"]')).toBeAttached();
  // The site's data request fails (the fixture client then keeps the old page under the new URL).
  attack.proxy.rules = [(r) => (r.host === 'www.npmjs.com' && r.accept.startsWith('application/json') ? { transform: (u) => ({ ...u, body: Buffer.from('not json') }) } : undefined)];
  await page.click('table[aria-labelledby="version-history"] a[href="/package/sigstore/v/1.0.0"]');
  await expect.poll(() => page.evaluate(() => location.pathname)).toBe('/package/sigstore/v/1.0.0');
  await page.waitForTimeout(3000);
  const badges = await page.evaluate(readBadges);
  const header = await page.evaluate(() => document.querySelector('#top h1')?.nextElementSibling?.textContent ?? '');
  console.log('after the failed fetch:', JSON.stringify({ header, badges, toolbar: await toolbarFor(attack.ext, page.url()) }, null, 1));
  const probe = await page.evaluate(() => (window as unknown as { __versionProbe: string[] }).__versionProbe);
  expect(probe, 'badges naming another version than the header on screen').toEqual([]);
});

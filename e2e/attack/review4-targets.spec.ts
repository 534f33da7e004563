// Review 4 of issue 16, requirement 5: small badges, the retry button and the panel's close button
// have a hit area of at least 24 x 24 CSS px; badge labels wrap inside their container on a
// 320 px wide page (title, files tab and search results of both sites).
import type { Locator, Page } from '@playwright/test';
import { expect, test } from '../support/extension-test';
import { npmTitleBadge, pypiTitleBadge } from '../support/page-inspection';

async function size(target: Locator): Promise<{ w: number; h: number }> {
  const box = await target.boundingBox();
  return { w: Math.round(box?.width ?? 0), h: Math.round(box?.height ?? 0) };
}

function expect24(s: { w: number; h: number }, what: string): void {
  expect(s.w >= 24 && s.h >= 24, `${what}: ${s.w}x${s.h}`).toBe(true);
}

/** Every drawn badge host sticks out of neither its parent nor the window. */
function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('provenance-lens-badge')].flatMap((host) => {
      const r = host.getBoundingClientRect();
      if (r.width === 0) return [];
      const p = (host.parentElement as HTMLElement).getBoundingClientRect();
      const out = r.right > p.right + 1 || r.left < p.left - 1 || r.right > window.innerWidth + 1;
      return out ? [`${host.getAttribute('data-provenance-package')} ${Math.round(r.left)}..${Math.round(r.right)} in ${Math.round(p.left)}..${Math.round(p.right)}`] : [];
    }),
  );
}

test('hit areas: title, file and search badges, the ↻ retry and the panel close button are >= 24 px', async ({ page }) => {
  await page.goto('https://pypi.org/project/lens-fixture-error/2.0.0/');
  await expect(pypiTitleBadge(page)).toHaveAttribute('data-provenance-status', 'unavailable', { timeout: 40_000 });
  expect24(await size(pypiTitleBadge(page).locator('.pl-badge')), 'title badge');
  expect24(await size(pypiTitleBadge(page).locator('.pl-retry')), 'retry ↻');
  await pypiTitleBadge(page).locator('.pl-badge').click();
  expect24(await size(page.locator('provenance-lens-panel .pl-close')), 'panel close');
  await page.keyboard.press('Escape');
  await page.locator('a[href="#files"]').first().click();
  for (const b of await page.locator('#files provenance-lens-badge .pl-badge').all()) if (await b.isVisible()) expect24(await size(b), 'file badge');
  await page.goto('https://pypi.org/search/?q=fixture');
  await expect(page.locator('provenance-lens-badge[data-provenance-status="loading"]')).toHaveCount(0, { timeout: 30_000 });
  for (const b of await page.locator('provenance-lens-badge .pl-badge').all()) expect24(await size(b), 'search badge');
});

test('320 px wide pages: every badge wraps inside its container (title, files tab, search, npm)', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 800 });
  const found: string[] = [];
  await page.goto('https://pypi.org/project/sigstore/3.6.1/');
  await expect(pypiTitleBadge(page)).toHaveAttribute('data-provenance-status', 'partial', { timeout: 40_000 });
  found.push(...(await overflowing(page)));
  await page.locator('a[href="#files"]').first().click();
  found.push(...(await overflowing(page)));
  await page.goto('https://pypi.org/search/?q=fixture');
  await expect(page.locator('provenance-lens-badge[data-provenance-status="loading"]')).toHaveCount(0, { timeout: 30_000 });
  found.push(...(await overflowing(page)));
  await page.goto('https://www.npmjs.com/package/@trishankatdatadog/supreme-goggles');
  await expect(npmTitleBadge(page)).toHaveAttribute('data-provenance-status', 'invalid', { timeout: 30_000 });
  found.push(...(await overflowing(page)));
  expect(found).toEqual([]);
});

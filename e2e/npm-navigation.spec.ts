// npmjs.com is a single-page app: the badge must follow pushState navigation and come back
// when the site's rendering throws the main column's nodes away.
import { expect, test } from './support/extension-test';
import { expectBadge, npmTitleBadge, snapBadge } from './support/page-inspection';

test('npm navigation: pushState to another package and back updates the badge', async ({ page, fixtureServer }) => {
  await page.goto('https://www.npmjs.com/package/sigstore');
  await page.locator('html[data-hydrated="true"]').waitFor({ state: 'attached' });
  const badge = npmTitleBadge(page);
  await expectBadge(badge, 'verified', 'npm:sigstore@2.3.1');
  const documentRequests = (): number =>
    fixtureServer.requests.filter((r) => r.host === 'www.npmjs.com' && r.path.startsWith('/package/') && !r.accept.startsWith('application/json')).length;
  const loadsBefore = documentRequests();

  await page.locator('#tabpanel-readme a[href="/package/lens-fixture-plain"]').click();
  await expect(page).toHaveURL(/\/package\/lens-fixture-plain$/);
  await expectBadge(npmTitleBadge(page), 'none', 'npm:lens-fixture-plain@1.0.0');
  await expect(page.locator('#top [data-provenance-package="npm:sigstore@2.3.1"]')).toHaveCount(0);
  await snapBadge(npmTitleBadge(page), 'npm-navigation-plain');

  await page.goBack();
  await expect(page).toHaveURL(/\/package\/sigstore$/);
  await expectBadge(npmTitleBadge(page), 'verified', 'npm:sigstore@2.3.1');
  expect(documentRequests(), 'navigation stayed client-side').toBe(loadsBefore);
});

test('npm navigation: the badge is re-inserted after the page replaces its nodes', async ({ page }) => {
  await page.goto('https://www.npmjs.com/package/@playwright/cli');
  await page.locator('html[data-hydrated="true"]').waitFor({ state: 'attached' });
  await expectBadge(npmTitleBadge(page), 'verified', 'npm:@playwright/cli@0.1.1');

  // Mark the current main column, then let the app re-render (as React does) and check the
  // badge now lives in the new, unmarked column.
  await page.evaluate(() => {
    document.getElementById('top')?.setAttribute('data-old-render', 'true');
    window.dispatchEvent(new PopStateEvent('popstate'));
  });
  await expect(page.locator('#top[data-old-render]')).toHaveCount(0);
  const badge = page.locator('#top:not([data-old-render]) [data-provenance-status]').first();
  await expectBadge(badge, 'verified', 'npm:@playwright/cli@0.1.1');
  await expect(page.locator('[data-provenance-package="npm:@playwright/cli@0.1.1"]')).toHaveCount(1);
});

test('npm navigation: switching tabs with ?activeTab= keeps one badge for the same package', async ({ page }) => {
  await page.goto('https://www.npmjs.com/package/sigstore?activeTab=readme');
  await expectBadge(npmTitleBadge(page), 'verified', 'npm:sigstore@2.3.1');
  await page.locator('#package-tab-versions').click();
  await expect(page).toHaveURL(/activeTab=versions/);
  await expect(page.locator('#tabpanel-versions')).toBeVisible();
  await expectBadge(npmTitleBadge(page), 'verified', 'npm:sigstore@2.3.1');
  await expect(page.locator('#top [data-provenance-package]')).toHaveCount(1);
});

// npm packages: real attestations that verify (unscoped and scoped), the real response whose
// SLSA payload was altered after signing, and an authored package without attestations.
import { expect, test } from './support/extension-test';
import { expectBadge, expectBadgeText, npmTitleBadge, snapBadge, snapPage } from './support/page-inspection';

const VERIFIED = [
  {
    name: 'sigstore',
    version: '2.3.1',
    repository: 'sigstore/sigstore-js',
    commit: '46e7056ff9912ebfee5298d94024895a9fea76c0',
    logIndex: '94408136',
  },
  {
    name: '@playwright/cli',
    version: '0.1.1',
    repository: 'microsoft/playwright-cli',
    commit: 'd1c6d1113932ddcee243e8b111b6d4aea553df20',
    logIndex: '953297574',
  },
];

for (const c of VERIFIED) {
  test(`npm verified: ${c.name} ${c.version} badge and popup`, async ({ page, openPopup }) => {
    await page.goto(`https://www.npmjs.com/package/${c.name}`);
    await page.locator('html[data-hydrated="true"]').waitFor({ state: 'attached' });
    const badge = npmTitleBadge(page);
    await expectBadge(badge, 'verified', `npm:${c.name}@${c.version}`);
    await expectBadgeText(badge, new RegExp(`Verified.*${c.repository}`, 'i'));
    await snapBadge(badge, `npm-verified-${c.name}`);

    const popup = await openPopup(page);
    await expect(popup.locator(`a[href="https://github.com/${c.repository}"]`).first()).toBeVisible();
    await expect(popup.locator('body')).toContainText(c.commit.slice(0, 7));
    await expect(popup.locator(`a[href="https://search.sigstore.dev/?logIndex=${c.logIndex}"]`).first()).toBeAttached();
    await snapPage(popup, `npm-verified-${c.name}-popup`);
  });
}

test('npm verified: the version URL /package/<name>/v/<version> names that version', async ({ page }) => {
  await page.goto('https://www.npmjs.com/package/sigstore/v/2.3.1?activeTab=versions');
  // The fixture SPA re-renders its main column once after load, as npm's hydration does.
  await page.locator('html[data-hydrated="true"]').waitFor({ state: 'attached' });
  await expectBadge(npmTitleBadge(page), 'verified', 'npm:sigstore@2.3.1');
});

test('npm invalid: a provenance payload altered after signing fails the check', async ({ page, openPopup }) => {
  await page.goto('https://www.npmjs.com/package/@trishankatdatadog/supreme-goggles');
  // The fixture SPA re-renders its main column once after load, as npm's hydration does.
  await page.locator('html[data-hydrated="true"]').waitFor({ state: 'attached' });
  const badge = npmTitleBadge(page);
  await expectBadge(badge, 'invalid', 'npm:@trishankatdatadog/supreme-goggles@1.0.5');
  await expectBadgeText(badge, /fail/i);
  await snapBadge(badge, 'npm-invalid');

  const popup = await openPopup(page);
  await expect(popup.locator('body')).toContainText('TLOG_BODY');
  await snapPage(popup, 'npm-invalid-popup');
});

test('npm none: a package without dist.attestations shows a neutral badge', async ({ page, fixtureServer }) => {
  const since = fixtureServer.requests.length;
  await page.goto('https://www.npmjs.com/package/lens-fixture-plain');
  // The fixture SPA re-renders its main column once after load, as npm's hydration does.
  await page.locator('html[data-hydrated="true"]').waitFor({ state: 'attached' });
  const badge = npmTitleBadge(page);
  await expectBadge(badge, 'none', 'npm:lens-fixture-plain@1.0.0');
  await expectBadgeText(badge, /no provenance/i);
  const registry = fixtureServer.requests.slice(since).filter((r) => r.host === 'registry.npmjs.org');
  expect(registry.length, 'the verdict comes from the registry, not the page').toBeGreaterThanOrEqual(1);
  await snapBadge(badge, 'npm-none');
});

// The 20-result search pages the bench times (bench/time-to-badge.ts), checked for what they
// show: every result badged once, with its own package's verdict. Test-CA packages: the
// "verified" fillers carry attestations, the "none" fillers none (e2e/README.md).
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './support/extension-test';
import { badgeIn, npmSearchResults, pypiSearchResults } from './support/page-inspection';

test.use({ testca: true });

/** The status a generated result's name promises; the two continuity packages' latest are attested. */
function expectedStatus(name: string): string {
  if (name.includes('-none-') || name === 'lens-continuity-lost') return 'none';
  return 'verified';
}

async function expectEachResult(page: Page, results: Locator, nameOf: (result: Locator) => Promise<string>, registry: string): Promise<Record<string, number>> {
  await expect(results).toHaveCount(20, { timeout: 30_000 });
  const seen: Record<string, number> = {};
  for (const result of await results.all()) {
    const name = await nameOf(result);
    const badge = badgeIn(result);
    // Results are asked for as they come into view.
    await result.scrollIntoViewIfNeeded();
    await expect(badge, name).toHaveCount(1);
    await expect(badge, name).toHaveAttribute('data-provenance-status', expectedStatus(name), { timeout: 30_000 });
    await expect(badge, name).toHaveAttribute('data-provenance-package', new RegExp(`^${registry}:${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}@`));
    const status = expectedStatus(name);
    seen[status] = (seen[status] ?? 0) + 1;
  }
  return seen;
}

test('PyPI search with 20 results (?q=lens): each result badged with its own verdict', async ({ page }) => {
  await page.goto('https://pypi.org/search/?q=lens');
  const nameOf = async (r: Locator) => ((await r.locator('.package-snippet__name').textContent()) ?? '').trim();
  const seen = await expectEachResult(page, pypiSearchResults(page), nameOf, 'pypi');
  // The fillers (6 none) and lens-continuity-lost, whose latest release has no provenance.
  expect(seen).toEqual({ verified: 13, none: 7 });
});

test('npm search with 20 results (?q=lens-npm): each result badged with its own verdict', async ({ page }) => {
  await page.goto('https://www.npmjs.com/search?q=lens-npm');
  await page.locator('html[data-hydrated="true"]').waitFor({ state: 'attached' });
  const nameOf = async (r: Locator) => ((await r.locator('h3').first().textContent()) ?? '').trim();
  const seen = await expectEachResult(page, npmSearchResults(page), nameOf, 'npm');
  expect(seen).toEqual({ verified: 11, none: 9 });
});

// Search result pages on both sites get one badge per visible result, and a package name that
// is markup never reaches the page or the worker.
import { expect, test } from './support/extension-test';
import { anyBadge, badgeIn, npmSearchResults, pypiSearchResults, snapPage } from './support/page-inspection';

const PYPI_RESULTS: Record<string, string> = {
  'pypi-attestations': 'verified',
  sampleproject: 'verified',
  sigstore: 'partial',
  'pypi-attestation-models': 'invalid',
  'lens-fixture-none': 'none',
};

test('PyPI search: every visible result carries a badge with its own verdict', async ({ page }) => {
  await page.goto('https://pypi.org/search/?q=fixture');
  const results = pypiSearchResults(page);
  await expect(results).toHaveCount(Object.keys(PYPI_RESULTS).length);
  for (const result of await results.all()) {
    const name = (await result.locator('.package-snippet__name').textContent())?.trim() ?? '';
    const badge = badgeIn(result);
    await result.scrollIntoViewIfNeeded();
    await expect(badge).toHaveCount(1);
    await expect(badge).toHaveAttribute('data-provenance-status', PYPI_RESULTS[name] ?? 'missing-expectation');
    await expect(badge).toHaveAttribute('data-provenance-package', new RegExp(`^pypi:${name}(@|$)`));
  }
  await snapPage(page, 'pypi-search');
});

test('npm search: every visible result carries a badge with its own verdict', async ({ page }) => {
  const expected: Record<string, string> = {
    sigstore: 'verified',
    '@playwright/cli': 'verified',
    '@trishankatdatadog/supreme-goggles': 'invalid',
    'lens-fixture-plain': 'none',
  };
  await page.goto('https://www.npmjs.com/search?q=fixture');
  // Let the app's hydration pass replace the first render before walking the results.
  await page.locator('html[data-hydrated="true"]').waitFor({ state: 'attached' });
  const results = npmSearchResults(page);
  await expect(results).toHaveCount(Object.keys(expected).length);
  for (const result of await results.all()) {
    const name = (await result.locator('h3').textContent())?.trim() ?? '';
    await result.scrollIntoViewIfNeeded();
    const badge = badgeIn(result);
    await expect(badge).toHaveCount(1);
    await expect(badge).toHaveAttribute('data-provenance-status', expected[name] ?? 'missing-expectation');
    await expect(badge).toHaveAttribute('data-provenance-package', new RegExp(`^npm:${name.replace(/[/@]/g, '\\$&')}(@|$)`));
  }
  await snapPage(page, 'npm-search');
});

test('hostile name: a project URL whose name is markup gets no badge and runs no script', async ({ page, fixtureServer, guards }) => {
  const since = fixtureServer.requests.length;
  await page.goto('https://pypi.org/project/%3Cscript%3Ealert(1)%3C%2Fscript%3E/');
  await expect(page.locator('h1.project-header__name')).toContainText('<script>alert(1)</script>');
  // Give the content script time to act on the page before asserting it did nothing.
  await page.waitForTimeout(2_000);
  await expect(anyBadge(page)).toHaveCount(0);
  const apiCalls = fixtureServer.requests.slice(since).filter((r) => /^\/(pypi|integrity)\//.test(r.path));
  expect(apiCalls, 'no registry request for an invalid name').toEqual([]);
  expect(guards.dialogs).toEqual([]);
  await snapPage(page, 'hostile-name');
});

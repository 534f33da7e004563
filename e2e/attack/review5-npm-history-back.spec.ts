// Review 5 (issue 17.2): npm's Versions tab badges across in-site navigation and Back/Forward.
// After Back to another package, no release badge of sigstore may remain; after Forward to
// sigstore's Versions tab, each row has exactly one badge for its own release, after its link.
import { expect, test } from '../support/extension-test';

function readRows(): { rows: string[]; misplaced: number; total: number; foreign: number } {
  const links = [...document.querySelectorAll('#tabpanel-versions a[href*="/v/"]')];
  const rows = links.map((a) => {
    const parts = new URL(a.getAttribute('href') ?? '', location.href).pathname.split('/').filter(Boolean);
    const badge = a.nextElementSibling?.matches('[data-provenance-release]') === true ? a.nextElementSibling : null;
    return `${decodeURIComponent(parts[parts.length - 1] ?? '')} ${badge?.getAttribute('data-provenance-release')} ${badge?.getAttribute('data-provenance-status')}`;
  });
  const hosts = [...document.querySelectorAll('[data-provenance-release]')];
  const misplaced = hosts.filter((h) => h.closest('a') !== null || h.previousElementSibling === null || !links.includes(h.previousElementSibling)).length;
  const pkg = location.pathname.split('/')[2];
  const foreign = hosts.filter((h) => !(h.previousElementSibling?.getAttribute('href') ?? '').startsWith(`/package/${pkg}/v/`)).length;
  return { rows, misplaced, total: hosts.length, foreign };
}

const SIGSTORE = ['2.3.1 2.3.1 verified', '2.3.1 2.3.1 verified', '1.0.0 1.0.0 verified', '0.4.0 0.4.0 none'];

test('npm: sigstore Versions tab -> Back -> Forward keeps one right badge per row, none left on the other package', async ({ page }) => {
  await page.goto('https://www.npmjs.com/package/lens-fixture-plain');
  await page.click('#tabpanel-readme a[href="/package/sigstore"]');
  await page.click('#package-tab-versions');
  await expect.poll(() => page.evaluate(readRows), { timeout: 30_000 }).toEqual({ rows: SIGSTORE, misplaced: 0, total: 4, foreign: 0 });
  // The tab switch replaces the entry (replaceState): one Back returns to the other package.
  await page.goBack();
  await expect.poll(() => page.evaluate(() => location.pathname)).toBe('/package/lens-fixture-plain');
  await page.waitForTimeout(1000);
  expect((await page.evaluate(readRows)).total, 'no release badge of sigstore on another package').toBe(0);
  await page.goForward();
  await expect.poll(() => page.evaluate(() => location.href)).toContain('activeTab=versions');
  await expect.poll(() => page.evaluate(readRows), { timeout: 30_000 }).toEqual({ rows: SIGSTORE, misplaced: 0, total: 4, foreign: 0 });
});

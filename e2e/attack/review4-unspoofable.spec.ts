// Review 4 of issue 16, requirement 6: a README can draw a fake green badge; the toolbar button
// always shows the verdict of the tab's own page (not another tab's, not the previous page's
// after an npm client-side navigation), and the panel says which marks come from the extension.
import { expect, test } from '@playwright/test';
import { openPopupFor } from '../support/launch-extension';
import { toolbarFor } from './attack-support';
import { useAttackChromium } from './attack-session';
import { withReadme } from './review2-support';

const attack = useAttackChromium();

// What a README can do on PyPI: an image badge and look-alike text, right under the title.
const FAKE = `<p><img alt="Provenance verified" src="data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='220' height='22'%3E%3Crect width='220' height='22' rx='11' fill='%23e6f4ea' stroke='%2334a853'/%3E%3Ctext x='10' y='15' fill='%230d652d' font-family='sans-serif' font-size='12' font-weight='600'%3E%E2%9C%93 Verified %C2%B7 pypa/lens-fixture-none%3C/text%3E%3C/svg%3E"> ✓ Verified · pypa/lens-fixture-none</p>`;

test('a README with a fake green badge: the toolbar, the popup and the panel keep to the real verdict', async () => {
  attack.proxy.rules = [withReadme('/project/lens-fixture-none/', FAKE)];
  const verified = attack.ext.context.pages()[0] ?? (await attack.ext.context.newPage());
  await verified.goto('https://pypi.org/project/sampleproject/');
  await expect(verified.locator('h1 + provenance-lens-badge')).toHaveAttribute('data-provenance-status', 'verified', { timeout: 30_000 });

  const spoof = await attack.ext.context.newPage();
  await spoof.goto('https://pypi.org/project/lens-fixture-none/');
  await expect(spoof.getByText('✓ Verified · pypa/lens-fixture-none')).toBeVisible();
  await expect(spoof.locator('h1 + provenance-lens-badge')).toHaveAttribute('data-provenance-status', 'none', { timeout: 30_000 });

  // Each tab's toolbar button says that tab's own verdict.
  await expect.poll(async () => (await toolbarFor(attack.ext, spoof.url()))?.title).toMatch(/lens-fixture-none@1\.2\.0 has no provenance/);
  expect((await toolbarFor(attack.ext, spoof.url()))?.text).toBe('');
  expect((await toolbarFor(attack.ext, verified.url()))?.title).toMatch(/sampleproject@4\.0\.0 verified/);

  const popup = await openPopupFor(attack.ext, spoof);
  await expect(popup.locator('.pl-verdict')).toContainText('No provenance');
  await popup.close();

  await spoof.locator('h1 + provenance-lens-badge .pl-badge').click();
  const dialog = spoof.locator('provenance-lens-panel dialog');
  await expect(dialog).toContainText("Marks from Provenance Lens");
  await expect(dialog).toContainText("the extension's toolbar button always shows this tab's own verdict");
});

test("npm client-side navigation: the toolbar follows the page from a verified package to one without provenance", async () => {
  const page = attack.ext.context.pages()[0] ?? (await attack.ext.context.newPage());
  await page.goto('https://www.npmjs.com/package/sigstore');
  await expect(page.locator('#top h1 + provenance-lens-badge')).toHaveAttribute('data-provenance-status', 'verified', { timeout: 30_000 });
  await expect.poll(async () => (await toolbarFor(attack.ext, page.url()))?.title).toMatch(/sigstore@2\.3\.1 verified/);
  await page.locator('#tabpanel-readme a[href="/package/lens-fixture-plain"]').click();
  await expect(page).toHaveURL(/lens-fixture-plain$/);
  await expect(page.locator('#top h1 + provenance-lens-badge')).toHaveAttribute('data-provenance-status', 'none', { timeout: 30_000 });
  await expect.poll(async () => (await toolbarFor(attack.ext, page.url()))?.title).toMatch(/lens-fixture-plain@1\.0\.0 has no provenance/);
  expect((await toolbarFor(attack.ext, page.url()))?.text).toBe('');
});

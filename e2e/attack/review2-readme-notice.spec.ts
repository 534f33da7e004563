// REGRESSION, fixed (was a FINDING; Chromium; review 2 of issue 14, PyPI redesign): PyPI's README sanitiser
// (pypa/readme_renderer clean.py) keeps `id` on any element and `class` on <span>, so a README can
// hold `<span id="security"><span class="provenance-status"><span class="callout-block__heading">`.
// The README comes before the Security tab, so:
//  - the release notice the content script sends is the README's text, not PyPI's: PyPI shows
//    "Full provenance", the README says "Change of provenance", and our panel tells the reader
//    'PyPI's page says "Change of provenance"' (words PyPI never said, attributed to PyPI);
//  - our package badge is mounted inside the README's fake heading, and the Security tab's real
//    status heading gets none.
// Expected: the notice is read, and our badge mounted, only from PyPI's own Security tab and
// sidebar (not from inside the project description).
import { expect, test } from '@playwright/test';
import { readBadges } from './attack-support';
import { htmlRewrite } from './review2-support';
import { useAttackChromium } from './attack-session';

const attack = useAttackChromium();

const PATH = '/project/sampleproject/4.0.0/?lens-ui=redesign';
const README = `<p>Release notes:</p><span id="security"><span class="provenance-status"><span class="callout-block__heading">Change of provenance</span></span></span>`;

test('a README cannot speak for PyPI\'s notice, nor take our Security-tab badge', async () => {
  attack.proxy.rules = [
    htmlRewrite('pypi.org', PATH, (html) => html.replace('<div class="project-description__main"><p>', `<div class="project-description__main">${README}<p>`)),
  ];
  const page = attack.ext.context.pages()[0] ?? (await attack.ext.context.newPage());
  await page.goto(`https://pypi.org${PATH}`);
  await expect(page.locator('#description span[id="security"]')).toHaveCount(1);
  const sidebar = page.locator('.project-description__sidebar .sidebar-section');
  await expect(sidebar).toContainText('Full provenance');
  await expect(sidebar.locator('provenance-lens-badge')).toHaveAttribute('data-provenance-status', 'verified', { timeout: 30_000 });
  await page.waitForTimeout(1000);
  console.log('badges:', JSON.stringify(await page.evaluate(readBadges)));
  const inReadme = await page.locator('#description .project-description__main provenance-lens-badge').count();
  const onRealSecurity = await page.locator('div[id="security"] .provenance-status provenance-lens-badge').count();
  await sidebar.locator('provenance-lens-badge .pl-badge').click();
  const dialog = page.locator('provenance-lens-panel dialog');
  await expect(dialog).toBeVisible();
  const text = await dialog.innerText();
  console.log('panel:', text.replace(/\s+/g, ' ').slice(0, 800));
  expect(text, 'panel attributes README text to PyPI').not.toContain('PyPI\'s page says "Change of provenance"');
  expect(inReadme, 'our badges inside the README').toBe(0);
  expect(onRealSecurity, 'our badge on PyPI\'s real Security tab status heading').toBe(1);
});

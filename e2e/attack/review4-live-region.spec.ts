// Review 4 of issue 16, requirement 3: one polite live region per page, announcing the title
// verdict once settled, no aria-busy left behind. npm is a single-page app: after client-side
// route changes (another version, another package, a "not found" page) the region must speak of
// the package the page shows, once, and never of one it does not show.
import type { Page } from '@playwright/test';
import { expect, test } from '../support/extension-test';
import { expectBadge, npmTitleBadge } from '../support/page-inspection';

/** Records every text the live region takes, from the page's own world (the DOM is shared). */
async function recordAnnouncements(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __said: string[] };
    w.__said = [];
    const watched = new WeakSet<Node>();
    const hook = () => {
      for (const host of document.querySelectorAll('provenance-lens-status')) {
        const root = host.shadowRoot;
        if (root === null || watched.has(root)) continue;
        watched.add(root);
        new MutationObserver(() => {
          const text = root.querySelector('[aria-live]')?.textContent ?? '';
          if (text !== '' && w.__said.at(-1) !== text) w.__said.push(text);
        }).observe(root, { subtree: true, childList: true, characterData: true });
      }
    };
    new MutationObserver(hook).observe(document, { childList: true, subtree: true });
  });
}

const said = (page: Page) => page.evaluate(() => (window as unknown as { __said: string[] }).__said);

/** Live regions of ours, their politeness, and every aria-busy in the page (through shadow roots). */
function regionsAndBusy(page: Page) {
  return page.evaluate(() => {
    const regions: string[] = [];
    const busy: string[] = [];
    const visit = (root: Document | ShadowRoot) => {
      for (const el of root.querySelectorAll('*')) {
        if (el.hasAttribute('aria-busy') && el.getAttribute('aria-busy') !== 'false') busy.push(el.localName);
        const live = el.getAttribute('aria-live') ?? (el.getAttribute('role') === 'status' ? 'polite' : null);
        if (live !== null && root !== document) regions.push(live);
        if (el.shadowRoot) visit(el.shadowRoot);
      }
    };
    visit(document);
    return { regions, busy };
  });
}

async function follow(page: Page, selector: string, path: RegExp): Promise<void> {
  await page.locator(selector).first().click();
  await expect(page).toHaveURL(path);
}

test('npm: the live region follows client-side navigation (version, package), one region, no aria-busy', async ({ page }) => {
  await recordAnnouncements(page);
  await page.goto('https://www.npmjs.com/package/sigstore');
  await expectBadge(npmTitleBadge(page), 'verified', 'npm:sigstore@2.3.1');
  await expect.poll(() => said(page)).toEqual([expect.stringMatching(/^Provenance Lens: Provenance verified for sigstore 2\.3\.1:/)]);

  await page.locator('#package-tab-versions').click();
  await follow(page, 'table[aria-labelledby="version-history"] a[href="/package/sigstore/v/1.0.0"]', /\/package\/sigstore\/v\/1\.0\.0$/);
  await expectBadge(npmTitleBadge(page), 'verified', 'npm:sigstore@1.0.0');
  await expect.poll(async () => (await said(page)).at(-1)).toMatch(/^Provenance Lens: Provenance verified for sigstore 1\.0\.0:/);

  await follow(page, '#tabpanel-readme a[href="/package/lens-fixture-plain"]', /\/package\/lens-fixture-plain$/);
  await expectBadge(npmTitleBadge(page), 'none', 'npm:lens-fixture-plain@1.0.0');
  await expect.poll(async () => (await said(page)).at(-1)).toMatch(/^Provenance Lens: No provenance for lens-fixture-plain 1\.0\.0/);

  // Each page's verdict said once, in order; nothing about a package not shown.
  const all = await said(page);
  expect(all.map((t) => /for (\S+ \d+(?:\.\d+)*)/.exec(t)?.[1])).toEqual(['sigstore 2.3.1', 'sigstore 1.0.0', 'lens-fixture-plain 1.0.0']);
  expect(await regionsAndBusy(page)).toEqual({ regions: ['polite'], busy: [] });
});

test('npm: back to the previous package, the live region speaks of it again', async ({ page }) => {
  await recordAnnouncements(page);
  await page.goto('https://www.npmjs.com/package/sigstore');
  await expectBadge(npmTitleBadge(page), 'verified', 'npm:sigstore@2.3.1');
  await follow(page, '#tabpanel-readme a[href="/package/lens-fixture-plain"]', /\/package\/lens-fixture-plain$/);
  await expectBadge(npmTitleBadge(page), 'none', 'npm:lens-fixture-plain@1.0.0');
  await page.goBack();
  await expectBadge(npmTitleBadge(page), 'verified', 'npm:sigstore@2.3.1');
  // Back on sigstore, the region says sigstore again (a screen reader re-reads a changed region only).
  await expect.poll(async () => (await said(page)).at(-1)).toMatch(/for sigstore 2\.3\.1:/);
});

test('npm: a "not found" page shows no badge, and the live region announces no verdict for it', async ({ page }) => {
  await recordAnnouncements(page);
  await page.goto('https://www.npmjs.com/package/lens-no-such-package');
  await page.locator('html[data-hydrated="true"]').waitFor({ state: 'attached' });
  // Give the worker time to answer (the popup-based path spec waits for the same).
  await page.waitForTimeout(4000);
  await expect(page.locator('[data-provenance-status]')).toHaveCount(0);
  expect(await said(page)).toEqual([]);
});

test('PyPI: a "not found" page shows no badge, and the live region announces no verdict for it', async ({ page }) => {
  await recordAnnouncements(page);
  const response = await page.goto('https://pypi.org/project/lens-no-such-project/');
  expect(response?.status()).toBe(404);
  await page.waitForTimeout(4000);
  await expect(page.locator('[data-provenance-status]')).toHaveCount(0);
  expect(await said(page)).toEqual([]);
});

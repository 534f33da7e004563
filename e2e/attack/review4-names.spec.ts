// Review 4 of issue 16, requirement 3: each badge's accessible name starts with its visible text,
// the long sentence is its description, and no badge sits inside a link or a heading (so no
// heading's or link's accessible name gains our words) — on title, file and search-result
// badges of both sites, including hostile certificate values and the amber continuity note.
import type { Page } from '@playwright/test';
import { expect, test } from '../support/extension-test';
import { expectBadge, npmTitleBadge, pypiTitleBadge } from '../support/page-inspection';

test.use({ testca: true });

/** Our badges' labels (the fixtures' own descriptions say "Verified fixture … provenance"). */
const OURS = /Verified ·|files verified|Provenance check failed|Couldn't check|No provenance|Checking provenance/;

/** Every visible badge button on the page: its visible text and its accessible name (from the a11y tree). */
async function badgeNames(page: Page): Promise<{ visible: string; name: string }[]> {
  const buttons = page.locator('provenance-lens-badge .pl-badge');
  const out: { visible: string; name: string }[] = [];
  for (const button of await buttons.all()) {
    if (!(await button.isVisible())) continue;
    const visible = (await button.innerText()).replace(/\s+/g, ' ').trim();
    const snapshot = await button.ariaSnapshot();
    // `- button "name"`, YAML-quoted as `- 'button "name"'` when the name needs it.
    const name = /^- '?button "(.*)"'?(?::.*)?$/m.exec(snapshot.split('\n')[0] ?? '')?.[1] ?? snapshot;
    out.push({ visible, name });
  }
  return out;
}

function expectNamesStartWithVisibleText(found: { visible: string; name: string }[]): void {
  expect(found.length).toBeGreaterThan(0);
  for (const { visible, name } of found) {
    // The glyph (✓, ○ …) is decoration, hidden from the name; the words must lead the name.
    const words = visible.replace(/^[✓◐○✕?…!]\s*/, '');
    expect(name.replace(/\s+/g, ' ').startsWith(words), `name "${name}" vs visible "${visible}"`).toBe(true);
  }
}

/** Badges inside a link or heading, and whether any link or heading's text includes ours. */
function placement(page: Page) {
  return page.evaluate(() => {
    const inside = [...document.querySelectorAll('provenance-lens-badge')].filter((h) => h.closest('a, h1, h2, h3, h4, h5, h6, [role="heading"], [role="link"], button, label') !== null).length;
    return { inside };
  });
}

test('PyPI release: title badge named by its text, described by the sentence; the h1 keeps its own name', async ({ page }) => {
  await page.goto('https://pypi.org/project/sampleproject/4.0.0/');
  await expectBadge(pypiTitleBadge(page), 'verified', 'pypi:sampleproject@4.0.0');
  const button = pypiTitleBadge(page).locator('.pl-badge');
  await expect(button).toHaveAccessibleName('Verified · pypa/sampleproject');
  await expect(button).toHaveAccessibleDescription(/^Provenance verified for sampleproject 4\.0\.0: built by pypa\/sampleproject/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveAccessibleName('sampleproject 4.0.0');
  expect(await placement(page)).toEqual({ inside: 0 });
  // The files tab: compact per-file badges.
  await page.locator('a[href="#files"]').first().click();
  expectNamesStartWithVisibleText(await badgeNames(page));
  expect(await placement(page)).toEqual({ inside: 0 });
});

test('PyPI and npm search results: result links keep their own names; badges beside them, named by their text', async ({ page }) => {
  await page.goto('https://pypi.org/search/?q=fixture');
  await expect(page.locator('li:has(> a.package-snippet) provenance-lens-badge[data-provenance-status="verified"]').first()).toBeVisible();
  await expect(page.locator('provenance-lens-badge[data-provenance-status="loading"]')).toHaveCount(0, { timeout: 30_000 });
  expectNamesStartWithVisibleText(await badgeNames(page));
  expect(await placement(page)).toEqual({ inside: 0 });
  for (const link of await page.locator('a.package-snippet').all()) {
    expect(await link.ariaSnapshot()).not.toMatch(OURS);
  }

  await page.goto('https://www.npmjs.com/search?q=fixture');
  await page.locator('html[data-hydrated="true"]').waitFor({ state: 'attached' });
  await expect(page.locator('main provenance-lens-badge')).toHaveCount(4, { timeout: 30_000 });
  await expect(page.locator('provenance-lens-badge[data-provenance-status="loading"]')).toHaveCount(0, { timeout: 30_000 });
  expectNamesStartWithVisibleText(await badgeNames(page));
  expect(await placement(page)).toEqual({ inside: 0 });
  for (const link of await page.locator('main a[href^="/package/"]').all()) {
    expect(await link.ariaSnapshot()).not.toMatch(OURS);
  }
});

test('npm title, amber continuity note and hostile certificate values: names still start with the visible text', async ({ page }) => {
  await page.goto('https://www.npmjs.com/package/sigstore/v/2.3.1');
  await expectBadge(npmTitleBadge(page), 'verified', 'npm:sigstore@2.3.1');
  // The site's own h1 holds the name and a types icon ("TS"); nothing of ours.
  await expect(page.locator('#top h1')).toHaveAccessibleName(/^sigstore( TS)?$/);
  expectNamesStartWithVisibleText(await badgeNames(page));
  expect(await placement(page)).toEqual({ inside: 0 });

  for (const path of ['/project/lens-continuity-changed/1.1.0/', '/project/lens-hostile-cert/', '/project/lens-hostile-cert-2/']) {
    await page.goto(`https://pypi.org${path}`);
    await expect(pypiTitleBadge(page)).toHaveAttribute('data-provenance-status', /verified|partial|none|invalid/, { timeout: 40_000 });
    expectNamesStartWithVisibleText(await badgeNames(page));
  }
});

// Review 4 of issue 16, requirements 4 and 7 under Windows High Contrast / forced colours
// (`forced-colors: active`): backgrounds and shadows are replaced by system colours, so whatever
// tells a control or a surface apart must be a border, an outline, a glyph or words.
import { expect, test } from '../support/extension-test';
import { expectBadge, npmTitleBadge, pypiTitleBadge } from '../support/page-inspection';

test('forced colours: every badge keeps a border and a glyph, and a focus outline', async ({ page }) => {
  await page.emulateMedia({ forcedColors: 'active' });
  for (const [url, status, badge] of [
    ['https://pypi.org/project/sampleproject/4.0.0/', 'verified', pypiTitleBadge],
    ['https://pypi.org/project/lens-fixture-none/', 'none', pypiTitleBadge],
    ['https://pypi.org/project/lens-fixture-error/2.0.0/', 'unavailable', pypiTitleBadge],
    ['https://www.npmjs.com/package/@trishankatdatadog/supreme-goggles', 'invalid', npmTitleBadge],
  ] as const) {
    await page.goto(url);
    await expect(badge(page)).toHaveAttribute('data-provenance-status', status, { timeout: 40_000 });
    const drawn = await badge(page).evaluate((host) => {
      const b = host.shadowRoot?.querySelector<HTMLElement>('.pl-badge');
      if (!b) return null;
      b.focus({ focusVisible: true } as FocusOptions);
      const cs = getComputedStyle(b);
      return {
        border: cs.borderTopStyle !== 'none' && parseFloat(cs.borderTopWidth) >= 1,
        glyph: (b.querySelector('.pl-glyph')?.textContent ?? '').trim() !== '',
        outline: cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2,
      };
    });
    expect(drawn, `${status} at ${url}`).toEqual({ border: true, glyph: true, outline: true });
  }
});

test('forced colours: the in-page panel has a visible edge (a border), not only a shadow', async ({ page }) => {
  await page.emulateMedia({ forcedColors: 'active' });
  await page.goto('https://pypi.org/project/sampleproject/4.0.0/');
  await expectBadge(pypiTitleBadge(page), 'verified', 'pypi:sampleproject@4.0.0');
  await page.locator('h1 + provenance-lens-badge .pl-badge').click();
  const dialog = page.locator('provenance-lens-panel dialog');
  await expect(dialog).toBeVisible();
  const edge = await dialog.evaluate((d) => {
    const cs = getComputedStyle(d);
    return { border: `${cs.borderTopStyle} ${cs.borderTopWidth}`, outline: `${cs.outlineStyle} ${cs.outlineWidth}`, shadow: cs.boxShadow };
  });
  // Forced colours drop box-shadow; the dialog's background is the same Canvas as the page's.
  const hasEdge = !edge.border.startsWith('none') && parseFloat(edge.border.split(' ')[1] ?? '0') >= 1;
  expect(hasEdge, JSON.stringify(edge)).toBe(true);
});

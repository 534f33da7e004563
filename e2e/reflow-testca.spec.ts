// Reflow (issue 16, item 1) where the recorded packages do not reach: a release whose publisher
// changed (the continuity comparison, two signers side by side), with long wheel names and its
// Release history open. Signed by the project's test CA, so it runs without the shared fixtures.
import { expect, test } from './support/extension-test';
import { expectBadge, pypiTitleBadge } from './support/page-inspection';
import { midWordBreaks, scrollsSideways } from './support/reflow';

test.use({ testca: true });

test('reflow (publisher changed): the popup at 360 px and at 200% zoom, every fold open', async ({ page, openPopup }) => {
  await page.goto('https://pypi.org/project/lens-continuity-changed/1.1.0/');
  await expectBadge(pypiTitleBadge(page), 'verified', 'pypi:lens-continuity-changed@1.1.0');
  const popup = await openPopup(page);
  await expect(popup.locator('.pl-verdict')).toContainText('Publisher changed');
  await popup.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
  // The Release history fold builds its timeline once open: wait for its notes before measuring.
  await expect(popup.getByText(/Publisher changed at 1\.1\.0/).first()).toBeVisible({ timeout: 30_000 });
  for (const width of [360, 210]) {
    await popup.setViewportSize({ width, height: 700 });
    expect(await scrollsSideways(popup), `sideways at ${width}px`).toBe(false);
    expect(await midWordBreaks(popup), `mid-word wraps at ${width}px`).toEqual([]);
  }
});

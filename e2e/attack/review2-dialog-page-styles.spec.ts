// REGRESSION (Chromium; review 2 of issue 14, the modal <dialog> of bae0bc4): a page's own
// stacking and styles (a full-screen fixed overlay at the largest z-index, global `dialog` and
// `::backdrop` rules with !important) do not hide, restyle or let clicks through the panel; Escape
// closes it and focus returns to the badge.
import { expect, test } from '@playwright/test';
import { focusSpot } from '../support/panel-dialog';
import { useAttackChromium } from './attack-session';

const attack = useAttackChromium();

test('page overlay at max z-index and global dialog styles do not beat the panel', async () => {
  const page = attack.ext.context.pages()[0] ?? (await attack.ext.context.newPage());
  await page.goto('https://pypi.org/project/sampleproject/');
  await expect(page.locator('h1 + provenance-lens-badge')).toHaveAttribute('data-provenance-status', 'verified', { timeout: 30_000 });
  await page.addStyleTag({
    content: `dialog, dialog[open] { display: none !important; opacity: 0 !important; }
      ::backdrop { background: transparent !important; }
      #page-cover { position: fixed; inset: 0; z-index: 2147483647; background: rgba(255,0,0,.01); }`,
  });
  await page.evaluate(() => {
    const cover = document.createElement('div');
    cover.id = 'page-cover';
    document.body.append(cover);
    cover.style.pointerEvents = 'none';
  });
  await page.locator('h1 + provenance-lens-badge .pl-badge').focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => page.evaluate(focusSpot)).toMatchObject({ host: 'provenance-lens-panel', dialogOpen: true });
  // Now the cover takes clicks too.
  await page.evaluate(() => ((document.getElementById('page-cover') as HTMLElement).style.pointerEvents = 'auto'));
  const atCentre = await page.evaluate(() => {
    const dialog = document.querySelector('provenance-lens-panel')?.shadowRoot?.querySelector('dialog');
    const box = dialog?.getBoundingClientRect();
    if (!box || box.width === 0) return `dialog not drawn (${box?.width ?? 'none'})`;
    const top = document.elementFromPoint(box.left + box.width / 2, box.top + 20);
    return top?.tagName.toLowerCase() ?? 'nothing';
  });
  expect(atCentre, 'what is drawn at the panel').toBe('provenance-lens-panel');
  await page.keyboard.press('Escape');
  await expect(page.locator('provenance-lens-panel')).toHaveCount(0);
  expect(await page.evaluate(focusSpot)).toMatchObject({ host: 'provenance-lens-badge', inner: 'button.pl-badge' });
});

// REGRESSION, fixed (was a FINDING; Chromium; review 2 of issue 14, commit bae0bc4): a PyPI release page lists a wheel the
// JSON API does not list yet (CDN lag right after an upload). The page's badges and the toolbar
// rightly say "Couldn't check" (FETCH_UNLISTED, retryable), so the popup offers Retry. A person
// presses Retry while the registry still lags: the popup then says "Verified" (the worker's retry
// verdict knows nothing of the files on the page), and for a moment the toolbar says verified
// too, although the page still lists a file nobody checked.
// What a person sees: the popup's green "Verified" beside a page whose title badge says
// "Couldn't check".
// Expected: the retry's verdict, in the popup and on the toolbar, covers the files the tab's page
// lists, as the page's own request does: still "Couldn't check" while the file is unlisted.
// Test 2, the same on a project ("latest") page that is ahead of the JSON API (the page shows
// 4.1.0 just published, the API still calls 4.0.0 latest): the popup names 4.0.0, a version not
// on screen, and after Retry says "Verified" for it beside a page whose heading reads 4.1.0.
import { expect, test } from '@playwright/test';
import { openPopupFor } from '../support/launch-extension';
import { readBadges, toolbarFor } from './attack-support';
import { htmlRewrite, pageListsExtraFile } from './review2-support';
import { popupHeading } from '../support/npm-page-state';
import { useAttackChromium } from './attack-session';

const attack = useAttackChromium();

const PATH = '/project/sampleproject/4.0.0/';
const EXTRA = 'sampleproject-4.0.0-cp313-cp313-win_amd64.whl';

test('popup Retry on a page listing a file the API does not: the popup must not say Verified', async () => {
  attack.proxy.rules = [pageListsExtraFile(PATH, EXTRA)];
  const page = attack.ext.context.pages()[0] ?? (await attack.ext.context.newPage());
  await page.goto(`https://pypi.org${PATH}`);
  const title = page.locator('h1 + provenance-lens-badge');
  await expect(title).toHaveAttribute('data-provenance-status', 'unavailable', { timeout: 30_000 });
  await expect.poll(async () => (await toolbarFor(attack.ext, page.url()))?.title ?? '', { timeout: 10_000 }).not.toContain('verified');

  const popup = await openPopupFor(attack.ext, page);
  await expect(popup.locator('.pl-verdict')).toBeVisible({ timeout: 20_000 });
  console.log('popup before retry:', await popup.locator('.pl-verdict').innerText());
  // Record every toolbar title while the retry lands.
  const titles: string[] = [];
  let polling = true;
  const poll = (async () => {
    while (polling) {
      titles.push((await toolbarFor(attack.ext, page.url()))?.title ?? '');
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  await popup.getByRole('button', { name: 'Retry' }).click();
  await page.waitForTimeout(4000);
  polling = false;
  await poll;
  const shown = await popup.locator('.pl-verdict').innerText();
  const badges = await page.evaluate(readBadges);
  console.log('after retry:', JSON.stringify({ popup: shown, titles: [...new Set(titles)], badges }, null, 1));
  expect(badges.find((b) => b.where.startsWith('h1'))?.status, 'the page title badge').toBe('unavailable');
  expect(shown, 'the popup, after Retry, for a page listing a file nobody checked').not.toMatch(/verified/i);
  expect([...new Set(titles)].filter((t) => /verified/i.test(t)), 'toolbar titles seen while the retry landed').toEqual([]);
});

test('popup on a "latest" page ahead of the API: never a verdict for a version not on screen', async () => {
  // The page is the new release's (4.1.0); the JSON API still says 4.0.0.
  attack.proxy.rules = [htmlRewrite('pypi.org', '/project/sampleproject/', (html) => html.replaceAll('4.0.0', '4.1.0'))];
  const page = attack.ext.context.pages()[0] ?? (await attack.ext.context.newPage());
  await page.goto('https://pypi.org/project/sampleproject/');
  await expect(page.locator('h1')).toContainText('sampleproject 4.1.0');
  const title = page.locator('h1 + provenance-lens-badge');
  await expect(title).toHaveAttribute('data-provenance-status', 'unavailable', { timeout: 30_000 });
  const popup = await openPopupFor(attack.ext, page);
  await expect.poll(async () => (await popup.evaluate(popupHeading)).settled, { timeout: 20_000 }).toBe(true);
  const before = (await popup.evaluate(popupHeading)).heading;
  await popup.getByRole('button', { name: 'Retry' }).click();
  await page.waitForTimeout(4000);
  const after = { heading: (await popup.evaluate(popupHeading)).heading, verdict: await popup.locator('.pl-verdict').innerText() };
  console.log('latest page ahead:', JSON.stringify({ before, after, h1: await page.locator('h1').innerText(), toolbar: await toolbarFor(attack.ext, page.url()) }));
  expect(after.verdict, 'popup verdict after Retry, page showing 4.1.0').not.toMatch(/verified/i);
  expect(before ?? '', 'popup heading for a page showing 4.1.0').not.toContain('4.0.0');
});

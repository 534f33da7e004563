// Review 4 of issue 16, requirement 2: "couldn't check" offers a retry "that keeps focus". A
// keyboard user presses Retry on a package whose Integrity API keeps failing (lens-fixture-error
// 2.0.0: every retry fails again). Where is focus once the retry has settled, in each of the three
// places a retry is offered: the badge's ↻ button on the page, the panel's Retry, the popup's Retry?
import type { Page } from '@playwright/test';
import { expect, test } from '../support/extension-test';
import { expectBadge, pypiTitleBadge } from '../support/page-inspection';

const URL = 'https://pypi.org/project/lens-fixture-error/2.0.0/';
const ID = 'pypi:lens-fixture-error@2.0.0';

/** The focused element, through open shadow roots: `host>tag.class "text"`, or `body`. */
function deepFocus(page: Page): Promise<string> {
  return page.evaluate(() => {
    let el: Element | null = document.activeElement;
    const path: string[] = [];
    while (el !== null) {
      path.push(`${el.localName}${el.classList.length ? `.${[...el.classList].join('.')}` : ''}`);
      const inner: Element | null = el.shadowRoot?.activeElement ?? null;
      if (inner === null) return `${path.join('>')} "${(el.textContent ?? '').trim().slice(0, 30)}"`;
      el = inner;
    }
    return 'none';
  });
}

/** Waits until the title badge has gone through "checking" and is "couldn't check" again. */
async function retried(page: Page, press: () => Promise<void>): Promise<void> {
  const title = pypiTitleBadge(page);
  await page.evaluate(() => {
    const host = document.querySelector('h1 + provenance-lens-badge');
    (window as unknown as { __sawLoading: boolean }).__sawLoading = false;
    if (host === null) return;
    new MutationObserver(() => {
      if (host.getAttribute('data-provenance-status') === 'loading') (window as unknown as { __sawLoading: boolean }).__sawLoading = true;
    }).observe(host, { attributes: true });
  });
  await press();
  await expect.poll(() => page.evaluate(() => (window as unknown as { __sawLoading: boolean }).__sawLoading)).toBe(true);
  await expect(title).toHaveAttribute('data-provenance-status', 'unavailable', { timeout: 30_000 });
}

test("badge ↻ on the page: after Enter and the retry settling, focus is still on the badge's retry", async ({ page }) => {
  await page.goto(URL);
  await expectBadge(pypiTitleBadge(page), 'unavailable', ID, 30_000);
  await pypiTitleBadge(page).locator('.pl-retry').focus();
  expect(await deepFocus(page)).toContain('provenance-lens-badge>button.pl-retry');
  await retried(page, () => page.keyboard.press('Enter'));
  // Focus must not fall to <body>: the person is left where they pressed.
  expect(await deepFocus(page)).toContain('provenance-lens-badge>button.pl-retry');
});

test('panel Retry: after Enter and the retry settling, focus is on the Retry button again', async ({ page }) => {
  await page.goto(URL);
  await expectBadge(pypiTitleBadge(page), 'unavailable', ID, 30_000);
  await pypiTitleBadge(page).locator('.pl-badge').click();
  const dialog = page.locator('provenance-lens-panel dialog');
  await expect(dialog).toBeVisible();
  const retry = dialog.getByRole('button', { name: 'Retry', exact: true });
  await retry.focus();
  await retried(page, () => page.keyboard.press('Enter'));
  await expect(retry).toBeVisible();
  expect(await deepFocus(page)).toBe('provenance-lens-panel>button.pl-button "Retry"');
});

test('popup Retry: after Enter and the retry settling, focus is on the Retry button again', async ({ page, openPopup }) => {
  await page.goto(URL);
  await expectBadge(pypiTitleBadge(page), 'unavailable', ID, 30_000);
  const popup = await openPopup(page);
  const retry = popup.getByRole('button', { name: 'Retry', exact: true });
  await expect(retry).toBeVisible();
  await retry.focus();
  await popup.evaluate(() => {
    const w = window as unknown as { __sawChecking: boolean };
    w.__sawChecking = false;
    new MutationObserver(() => {
      if (document.querySelector('.pl-verdict')?.textContent?.includes('Checking') === true) w.__sawChecking = true;
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await popup.keyboard.press('Enter');
  // The popup shows "checking" (the button goes away) and then the new "couldn't check".
  await expect.poll(() => popup.evaluate(() => (window as unknown as { __sawChecking: boolean }).__sawChecking)).toBe(true);
  await expect(popup.locator('.pl-verdict')).toContainText("Couldn't check", { timeout: 30_000 });
  await expect(retry).toBeVisible();
  expect(await deepFocus(popup)).toBe('button.pl-button "Retry"');
});

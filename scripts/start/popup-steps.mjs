// What the demo does in the toolbar popup, as a person would: wait for its verdict, and pin a
// package to the publisher of the version on screen. Shared by the headless tour and the
// visible browser, so the pin-mismatch page is staged the same way in both.
import { openPopupFor } from '../../e2e/support/launch-extension.ts';
import { npmTitleBadge, pypiTitleBadge } from '../../e2e/support/page-inspection.ts';

export const VERDICT_TIMEOUT_MS = 30_000;

/** Waits until the popup's details show a decided verdict (or the timeout passes). */
export async function settledPopup(popup) {
  const details = popup.locator('[data-status]').first();
  await details.waitFor({ state: 'visible', timeout: VERDICT_TIMEOUT_MS });
  const deadline = Date.now() + VERDICT_TIMEOUT_MS;
  while ((await details.getAttribute('data-status')) === 'loading' && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** The title badge of a package page on either site. */
export function titleBadge(page) {
  return new URL(page.url()).hostname === 'pypi.org' ? pypiTitleBadge(page) : npmTitleBadge(page);
}

/**
 * Opens `url`, waits for its verdict, and clicks the popup's "Pin this package to ..." button.
 * Returns the pin as the popup confirmed it; throws when the popup offered no pin.
 */
export async function pinFromPopup(ext, url) {
  const page = await ext.context.newPage();
  try {
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    await titleBadge(page).waitFor({ state: 'attached', timeout: VERDICT_TIMEOUT_MS });
    const popup = await openPopupFor(ext, page);
    try {
      await settledPopup(popup);
      await popup.getByRole('button', { name: /^Pin this package to / }).click({ timeout: VERDICT_TIMEOUT_MS });
      const confirmation = popup.getByRole('status').filter({ hasText: /^Pinned to / });
      await confirmation.waitFor({ timeout: VERDICT_TIMEOUT_MS });
      return (await confirmation.textContent()).trim();
    } finally {
      await popup.close();
    }
  } finally {
    await page.close();
  }
}

// What the demo does in its browser beyond opening pages. It dresses the pages as the sites they
// stand for: the fixture server's pages carry only structure (they are the e2e suite's pages
// too, and the suite must not depend on looks), so a stylesheet per site (demo/site-styles) goes
// into every page the demo browser opens on those hosts, including ones a person navigates to;
// never with --live. And it acts in the toolbar popup as a person would: waits for its verdict,
// pins a package to the publisher on screen. The headless tour and the visible browser share
// these, so the pin-mismatch page is staged the same way in both.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../../e2e/support/fixtures-dir.ts';
import { openPopupFor } from '../../e2e/support/launch-extension.ts';
import { npmTitleBadge, pypiTitleBadge } from '../../e2e/support/page-inspection.ts';

const STYLES = {
  'pypi.org': join(REPO_ROOT, 'demo', 'site-styles', 'pypi.css'),
  'www.npmjs.com': join(REPO_ROOT, 'demo', 'site-styles', 'npm.css'),
};

/** Runs in the page before its own scripts; the style goes in once the head exists. */
function addStyle(byHost) {
  const css = byHost[location.hostname];
  if (!css) return;
  const apply = () => {
    const style = document.createElement('style');
    style.dataset.provenanceLensDemo = 'site-style';
    style.textContent = css;
    document.head.append(style);
  };
  if (document.head) apply();
  else document.addEventListener('DOMContentLoaded', apply, { once: true });
}

export async function dressDemoSites(context) {
  const byHost = Object.fromEntries(Object.entries(STYLES).map(([host, file]) => [host, readFileSync(file, 'utf8')]));
  await context.addInitScript(addStyle, byHost);
}

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

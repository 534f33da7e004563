// How the Firefox specs look at a page through puppeteer: the same badge contract the Chromium
// specs use (host element with data-provenance-status / data-provenance-package, open shadow
// root), read in the page and polled with Playwright's expect, plus screenshots.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from '@playwright/test';
import type { ElementHandle, Page } from 'puppeteer-core';
import { SCREENSHOT_DIR, type Status } from '../support/page-inspection';

const BADGE = '[data-provenance-status]';

/** Where the title badge sits: PyPI in either markup generation, npm in its main column. */
export const PYPI_TITLE = '.project-header, .package-header';
export const NPM_TITLE = '#top';

export interface BadgeState {
  status: string | null;
  pkg: string | null;
  text: string;
  visible: boolean;
}

export async function readBadge(page: Page, scope: string): Promise<BadgeState | null> {
  return page.evaluate(
    (scopeSelector, badgeSelector) => {
      const host = document.querySelector(scopeSelector)?.querySelector(badgeSelector);
      if (!host) return null;
      const box = host.getBoundingClientRect();
      // Only what a person reads counts: the shadow root also holds the badge's <style>.
      const shadow = [...(host.shadowRoot?.childNodes ?? [])]
        .filter((n) => n.nodeName !== 'STYLE')
        .map((n) => (n instanceof HTMLElement ? n.innerText : (n.textContent ?? '')))
        .join(' ');
      return {
        status: host.getAttribute('data-provenance-status'),
        pkg: host.getAttribute('data-provenance-package'),
        text: `${shadow} ${(host as HTMLElement).innerText}`.replace(/\s+/g, ' ').trim(),
        visible: box.width > 0 && box.height > 0,
      };
    },
    scope,
    BADGE,
  );
}

/** Waits for the title badge to settle on `status`, then checks its package and visibility. */
export async function expectFirefoxBadge(page: Page, scope: string, status: Status, pkg: string): Promise<BadgeState> {
  await expect.poll(async () => (await readBadge(page, scope))?.status, { message: `badge status in ${scope}` }).toBe(status);
  const badge = await readBadge(page, scope);
  expect(badge?.pkg).toBe(pkg);
  expect(badge?.visible, 'the badge is rendered with a size').toBe(true);
  return badge as BadgeState;
}

/** Statuses of the per-file badges in PyPI's files tab, keyed by data-provenance-file. */
export async function pypiFileStatuses(page: Page): Promise<Record<string, string | null>> {
  return page.evaluate((badgeSelector) => {
    const out: Record<string, string | null> = {};
    for (const el of document.querySelectorAll(`#files ${badgeSelector}`)) {
      out[el.getAttribute('data-provenance-file') ?? '?'] = el.getAttribute('data-provenance-status');
    }
    return out;
  }, BADGE);
}

/** Visible text of a (popup) page and every link target in it. */
export async function readPopup(page: Page): Promise<{ text: string; links: string[] }> {
  return page.evaluate(() => ({
    text: document.body.innerText,
    links: [...document.querySelectorAll('a[href]')].map((a) => (a as HTMLAnchorElement).href),
  }));
}

function target(name: string): string {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return join(SCREENSHOT_DIR, `firefox-${name.replace(/[^a-z0-9._-]+/gi, '-')}.png`);
}

/** A close-up of the badge's parent block, so the badge is seen in context. */
export async function snapFirefoxBadge(page: Page, scope: string, name: string): Promise<void> {
  const area = await page.$(`:is(${scope}) ${BADGE}`);
  const parent = (await area?.evaluateHandle((el) => el.parentElement ?? el))?.asElement() as ElementHandle<Element> | null | undefined;
  if (!parent) throw new Error(`no badge in ${scope} to screenshot`);
  await parent.scrollIntoView();
  await parent.screenshot({ path: target(`${name}.badge`) as `${string}.png` });
}

export async function snapFirefoxPage(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: target(name) as `${string}.png`, fullPage: true });
}

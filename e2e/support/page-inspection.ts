// How specs look at what the extension put in a page: where the badges are (the host element
// carries the DESIGN 4 contract attributes), what they say, and screenshots of each state under
// test-results/screenshots/ so a person can see the result without rerunning the suite.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';
import { REPO_ROOT } from './fixtures-dir';

const BADGE = '[data-provenance-status]';

/** The badge beside a PyPI project title, in either markup generation. */
export function pypiTitleBadge(page: Page): Locator {
  return page.locator('.project-header, .package-header').locator(BADGE).first();
}

/** Per-file badges inside the PyPI files tab. */
export function pypiFileBadges(page: Page): Locator {
  return page.locator(`#files ${BADGE}`);
}

/** One file's badge in the files tab; the worker-side filename is carried in data-provenance-file. */
export function pypiFileBadge(page: Page, filename: string): Locator {
  return page.locator(`#files ${BADGE}[data-provenance-file="${filename}"]`);
}

export function pypiSearchResults(page: Page): Locator {
  return page.locator('li:has(> a.package-snippet)');
}

/** The badge beside the npm package title in the main column. */
export function npmTitleBadge(page: Page): Locator {
  return page.locator(`#top ${BADGE}`).first();
}

export function npmSearchResults(page: Page): Locator {
  return page.locator('main section:has(a[href^="/package/"])');
}

export function anyBadge(page: Page): Locator {
  return page.locator(BADGE);
}

export function badgeIn(scope: Locator): Locator {
  return scope.locator(BADGE);
}

export type Status = 'verified' | 'partial' | 'none' | 'invalid' | 'unavailable' | 'loading';

/** Visible text of a badge, including its (open) shadow root. */
export async function badgeText(badge: Locator): Promise<string> {
  return badge.evaluate((host) => `${host.shadowRoot?.textContent ?? ''} ${host.textContent ?? ''}`.replace(/\s+/g, ' ').trim());
}

export async function expectBadge(badge: Locator, status: Status, pkg: string, timeout?: number): Promise<void> {
  await expect(badge).toHaveAttribute('data-provenance-status', status, timeout === undefined ? {} : { timeout });
  await expect(badge).toHaveAttribute('data-provenance-package', pkg);
  await expect(badge).toBeVisible();
}

export async function expectBadgeText(badge: Locator, pattern: RegExp): Promise<void> {
  await expect.poll(() => badgeText(badge)).toMatch(pattern);
}

export const SCREENSHOT_DIR = join(REPO_ROOT, 'test-results', 'screenshots');

function target(name: string): string {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return join(SCREENSHOT_DIR, `${name.replace(/[^a-z0-9._-]+/gi, '-')}.png`);
}

/** A close-up of the area around a badge (its parent block), so the badge is seen in context. */
export async function snapBadge(badge: Locator, name: string): Promise<void> {
  const area = badge.locator('xpath=..');
  await area.scrollIntoViewIfNeeded();
  await area.screenshot({ path: target(`${name}.badge`) });
}

export async function snapPage(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: target(name), fullPage: true });
}

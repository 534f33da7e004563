// The ways people reach an npm package page, written once and run in Chromium and in Firefox:
// each path starts where people start (home, a user's or an organisation's page, search, another
// package, a settings page, a pasted URL) and follows the fixture site's own links, which it
// handles as npm's client does (pushState, replaceState for tabs, popstate on back).
import { expect } from '@playwright/test';
import type { Status } from './page-inspection';
import { markHeading, type NpmPageState } from './npm-page-state';

/** One browser tab on the fixture site, whichever library drives it. */
export interface NpmDriver {
  /** A full page load; resolves when the fixture app has hydrated. */
  load(path: string): Promise<void>;
  click(selector: string): Promise<void>;
  state(): Promise<NpmPageState>;
  run(fn: () => void): Promise<void>;
  /**
   * Opens the toolbar popup for this tab, reads its package heading (e.g. "sigstore 2.3.1 on
   * npm") once it has its answer, and closes it; null when it says no package is shown.
   */
  popupTitle(): Promise<string | null>;
  /** The toolbar button's title for this tab, where the browser lets a test read it. */
  toolbarTitle?(): Promise<string>;
}

export interface NpmPath {
  name: string;
  walk(tab: NpmDriver): Promise<void>;
}

const SITE_ERRORS = { hydrationError: null, violations: [], oldHeadingBadges: 0 };

/** Waits until the one title badge in `#top` sits in the heading with a final verdict for `pkg`. */
export async function expectTitleBadge(tab: NpmDriver, status: Status, pkg: string): Promise<void> {
  await expect
    .poll(async () => {
      const s = await tab.state();
      return { titleBadges: s.titleBadges, hydrationError: s.hydrationError, violations: s.violations, oldHeadingBadges: s.oldHeadingBadges };
    }, { message: `title badge ${status} ${pkg}`, timeout: 20_000 })
    .toEqual({ titleBadges: [{ pkg, status, atHeading: true }], ...SITE_ERRORS });
}

/** Follows an in-site link, first marking the heading on screen so a badge left on it is seen. */
async function follow(tab: NpmDriver, selector: string, path: string | RegExp): Promise<void> {
  await tab.run(markHeading);
  await tab.click(selector);
  await expect.poll(async () => (await tab.state()).path).toMatch(path);
}

/** The popup (and the toolbar button, where readable) speak of the package the page shows. */
export async function expectPopupFor(tab: NpmDriver, name: string, version?: string): Promise<void> {
  // The popup reads the worker's record once when it opens; a record still being written is
  // read again by opening it again.
  await expect.poll(() => tab.popupTitle(), { timeout: 15_000 }).toContain(version === undefined ? name : `${name} ${version}`);
  if (tab.toolbarTitle) expect(await tab.toolbarTitle()).toContain(version === undefined ? name : `${name}@${version}`);
}

const link = (href: string) => `main a[href="${href}"]`;

export const SEARCH_RESULTS: Record<string, Status> = {
  'npm:sigstore': 'verified',
  'npm:@playwright/cli': 'verified',
  'npm:@trishankatdatadog/supreme-goggles': 'invalid',
  'npm:lens-fixture-plain': 'none',
};

async function expectSearchBadges(tab: NpmDriver): Promise<void> {
  await expect
    .poll(async () => {
      const s = await tab.state();
      const by = Object.fromEntries(s.otherBadges.map((b) => [(b.pkg ?? '').replace(/@[^@/]*$/, ''), b.status]));
      return { titleBadges: s.titleBadges, by, count: s.otherBadges.length, hydrationError: s.hydrationError };
    }, { message: 'one badge per search result', timeout: 20_000 })
    .toEqual({ titleBadges: [], by: SEARCH_RESULTS, count: 4, hydrationError: null });
}

export const NPM_PATHS: NpmPath[] = [
  {
    name: 'home -> package',
    async walk(tab) {
      await tab.load('/');
      await follow(tab, link('/package/sigstore'), '/package/sigstore');
      await expectTitleBadge(tab, 'verified', 'npm:sigstore@2.3.1');
      await expectPopupFor(tab, 'sigstore', '2.3.1');
    },
  },
  {
    name: 'user page -> package',
    async walk(tab) {
      await tab.load('/~lens-fixtures');
      await follow(tab, link('/package/lens-fixture-plain'), '/package/lens-fixture-plain');
      await expectTitleBadge(tab, 'none', 'npm:lens-fixture-plain@1.0.0');
      await expectPopupFor(tab, 'lens-fixture-plain', '1.0.0');
    },
  },
  {
    name: 'organisation page -> scoped package',
    async walk(tab) {
      await tab.load('/org/playwright');
      await follow(tab, link('/package/@playwright/cli'), '/package/@playwright/cli');
      await expectTitleBadge(tab, 'verified', 'npm:@playwright/cli@0.1.1');
      await expectPopupFor(tab, '@playwright/cli', '0.1.1');
    },
  },
  {
    name: 'home -> search (header form) -> package -> back to search',
    async walk(tab) {
      await tab.load('/');
      await tab.run(() => {
        const input = document.querySelector<HTMLInputElement>('header input[name="q"]');
        if (input) input.value = 'fixture';
        input?.form?.requestSubmit();
      });
      await expect.poll(async () => (await tab.state()).path).toBe('/search?q=fixture');
      await expectSearchBadges(tab);
      await follow(tab, link('/package/@trishankatdatadog/supreme-goggles'), '/package/@trishankatdatadog/supreme-goggles');
      await expectTitleBadge(tab, 'invalid', 'npm:@trishankatdatadog/supreme-goggles@1.0.5');
      await expectPopupFor(tab, '@trishankatdatadog/supreme-goggles', '1.0.5');
      await tab.run(() => history.back());
      await expect.poll(async () => (await tab.state()).path).toBe('/search?q=fixture');
      await expectSearchBadges(tab);
      // Back on the results, the popup no longer speaks of the package left behind.
      await expect.poll(() => tab.popupTitle(), { timeout: 15_000 }).toBeNull();
    },
  },
  {
    name: 'package -> versions tab -> another version -> another package',
    async walk(tab) {
      await tab.load('/package/sigstore');
      await expectTitleBadge(tab, 'verified', 'npm:sigstore@2.3.1');
      await tab.click('#package-tab-versions');
      await expect.poll(async () => (await tab.state()).path).toBe('/package/sigstore?activeTab=versions');
      await expectTitleBadge(tab, 'verified', 'npm:sigstore@2.3.1');
      // The rows' badges (issue 17) are placed after each version link as their verdicts come in;
      // a driver clicks at a link's position read just before, so it waits, as a reader looking
      // at the finished list would, until every shown row has its final badge.
      await expect.poll(async () => (await tab.state()).releaseBadges.placed, { timeout: 20_000 }).toBeGreaterThan(0);
      await expect.poll(async () => (await tab.state()).releaseBadges.checking, { timeout: 20_000 }).toBe(0);
      await follow(tab, 'table[aria-labelledby="version-history"] a[href="/package/sigstore/v/1.0.0"]', '/package/sigstore/v/1.0.0');
      await expectTitleBadge(tab, 'verified', 'npm:sigstore@1.0.0');
      await expectPopupFor(tab, 'sigstore', '1.0.0');
      await follow(tab, '#tabpanel-readme a[href="/package/lens-fixture-plain"]', '/package/lens-fixture-plain');
      await expectTitleBadge(tab, 'none', 'npm:lens-fixture-plain@1.0.0');
      await expectPopupFor(tab, 'lens-fixture-plain', '1.0.0');
    },
  },
  {
    name: 'package settings (/access) -> package',
    async walk(tab) {
      await tab.load('/package/sigstore/access');
      await follow(tab, 'main h1 a[href="/package/sigstore"]', '/package/sigstore');
      await expectTitleBadge(tab, 'verified', 'npm:sigstore@2.3.1');
      await expectPopupFor(tab, 'sigstore', '2.3.1');
    },
  },
  {
    name: 'pasted URLs /package/@scope%2Fname and /package/%40scope%2Fname',
    async walk(tab) {
      for (const path of ['/package/@playwright%2Fcli', '/package/%40playwright%2Fcli']) {
        await tab.load(path);
        await expectTitleBadge(tab, 'verified', 'npm:@playwright/cli@0.1.1');
        await expectPopupFor(tab, '@playwright/cli', '0.1.1');
      }
    },
  },
  {
    name: 'not found page gets no badge -> home -> package',
    async walk(tab) {
      await tab.load('/package/lens-no-such-package');
      // The worker has answered this page (its popup names the package) and the app has rendered
      // after hydration: any badge the content script would place is placed by now.
      await expectPopupFor(tab, 'lens-no-such-package');
      await expect
        .poll(async () => {
          const s = await tab.state();
          const badges = s.titleBadges.length + s.otherBadges.length;
          return { ready: s.readyState, rendered: s.clientRenders > 0, badges, hydrationError: s.hydrationError, violations: s.violations, oldHeadingBadges: s.oldHeadingBadges };
        })
        .toEqual({ ready: 'complete', rendered: true, badges: 0, ...SITE_ERRORS });
      await follow(tab, 'header a[href="/"]', /^\/$/);
      await follow(tab, link('/package/sigstore'), '/package/sigstore');
      await expectTitleBadge(tab, 'verified', 'npm:sigstore@2.3.1');
    },
  },
];

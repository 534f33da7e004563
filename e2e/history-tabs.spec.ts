// Release history tabs in Chromium and Firefox: PyPI's Release history (both markups) and npm's
// Versions tab get one badge per release row, right after the row's link and never inside a link,
// with `data-provenance-release` and a final `data-provenance-status` the fixture data implies
// (verified: a release with recorded provenance; none: an authored one without). Nothing is
// asked for before the tab is opened, each release is checked once (a reload or a tab switch asks
// the registry for no provenance again), and leaving the page takes its badges away.
import { test as base } from '@playwright/test';
import type { Page as PuppeteerPage } from 'puppeteer-core';
import { snapFirefoxPage } from './firefox/firefox-page';
import { useFirefoxSession } from './firefox/firefox-session';
import type { RequestLogEntry } from './server/fixture-server';
import { expect, test as chromium } from './support/extension-test';
import { snapPage } from './support/page-inspection';

type Site = 'pypi' | 'npm';

/** One browser tab on the fixture sites, whichever library drives it. */
interface Tab {
  load(url: string): Promise<void>;
  reload(): Promise<void>;
  click(selector: string): Promise<void>;
  /** Runs `fn` in the page (as source: it may use nothing from outside). */
  run<T>(fn: (site: Site) => T, site: Site): Promise<T>;
  requests(): readonly RequestLogEntry[];
  /** A fresh profile (Chromium, per test); Firefox keeps one profile, and its verdicts, per file. */
  fresh: boolean;
  /** A screenshot of the whole page under test-results/screenshots/. */
  snap(name: string): Promise<void>;
}

interface HistoryState {
  /** `<version> <data-provenance-release> <data-provenance-status>` per row link, in page order. */
  rows: string[];
  /** Release badges not right after a row's link, or inside a link. */
  misplaced: number;
  /** Release badges in the page. */
  total: number;
}

/** Read in the page (passed as source: uses nothing from outside). Scrolls to the first row without a badge, as a reader would. */
function readHistory(site: Site): HistoryState {
  const selector = site === 'pypi' ? '#history .release__version a[href], #history a.release__card[href]' : '#tabpanel-versions a[href*="/v/"]';
  const links = [...document.querySelectorAll(selector)];
  const rows = links.map((a) => {
    const parts = new URL(a.getAttribute('href') ?? '', location.href).pathname.split('/').filter(Boolean);
    const badge = a.nextElementSibling?.matches('[data-provenance-release]') === true ? a.nextElementSibling : null;
    return { link: a, text: `${decodeURIComponent(parts[site === 'pypi' ? 2 : parts.length - 1] ?? '')} ${badge?.getAttribute('data-provenance-release')} ${badge?.getAttribute('data-provenance-status')}` };
  });
  const hosts = [...document.querySelectorAll('[data-provenance-release]')];
  rows.find((r) => r.link.nextElementSibling?.matches('[data-provenance-release]') !== true)?.link.scrollIntoView({ block: 'center' });
  const misplaced = hosts.filter((h) => h.closest('a') !== null || h.previousElementSibling === null || !links.includes(h.previousElementSibling)).length;
  return { rows: rows.map((r) => r.text), misplaced, total: hosts.length };
}

const titleStatus = (site: Site) =>
  document.querySelector(site === 'pypi' ? 'h1.project-header__name + [data-provenance-status], h1.package-header__name + [data-provenance-status]' : '#top h1 + [data-provenance-status]')?.getAttribute('data-provenance-status') ?? null;

async function expectRows(tab: Tab, site: Site, expected: [string, string][]): Promise<void> {
  const rows = expected.map(([version, status]) => `${version} ${version} ${status}`);
  await expect
    .poll(() => tab.run(readHistory, site), { message: `${site} history rows`, timeout: 30_000 })
    .toEqual({ rows, misplaced: 0, total: rows.length });
}

/** Requests since `since` whose path matches `pattern`. */
const asked = (tab: Tab, since: number, pattern: RegExp) => tab.requests().slice(since).filter((r) => pattern.test(r.path)).map((r) => `${r.host}${r.path}`);

const SAMPLE: [string, string][] = [['4.0.0', 'verified'], ['4.0.0rc1', 'none'], ['3.0.0', 'verified'], ['2.0.0', 'none']];
const ATTESTATIONS: [string, string][] = [['0.0.19', 'verified'], ['0.0.16', 'verified'], ['0.0.1', 'none']];
// The latest release is listed under Current Tags and again in the history.
const SIGSTORE: [string, string][] = [['2.3.1', 'verified'], ['2.3.1', 'verified'], ['1.0.0', 'verified'], ['0.4.0', 'none']];
const SIGSTORE_EARLIER = /^\/(sigstore\/(1\.0\.0|0\.4\.0)|-\/npm\/v1\/attestations\/sigstore@(1\.0\.0|0\.4\.0))$/;

const WALKS: { name: string; walk(tab: Tab): Promise<void> }[] = [
  {
    name: 'PyPI (current markup): nothing before the tab opens; the tab click badges every release; a reload checks none again',
    async walk(tab) {
      const since = tab.requests().length;
      await tab.load('https://pypi.org/project/sampleproject/');
      await expect.poll(() => tab.run(titleStatus, 'pypi')).toBe('verified');
      await new Promise((r) => setTimeout(r, 1500));
      expect(asked(tab, since, /^\/(pypi|integrity)\/sampleproject\/(4\.0\.0rc1|3\.0\.0|2\.0\.0)\//), 'no earlier release asked for').toEqual([]);
      expect((await tab.run(readHistory, 'pypi')).total).toBe(0);
      await tab.click('#history-tab');
      await expectRows(tab, 'pypi', SAMPLE);
      const reloaded = tab.requests().length;
      await tab.reload();
      await expectRows(tab, 'pypi', SAMPLE);
      expect(asked(tab, reloaded, /^\/integrity\//), 'each file checked once: its verdict is cached').toEqual([]);
      await tab.snap('history-pypi-current');
    },
  },
  {
    name: 'PyPI (previous markup): arriving on #history badges every release, after its card link',
    async walk(tab) {
      await tab.load('https://pypi.org/project/pypi-attestations/#history');
      await expectRows(tab, 'pypi', ATTESTATIONS);
      await tab.snap('history-pypi-previous');
    },
  },
  {
    name: 'npm: arriving on ?activeTab=versions badges both tables; switching tabs away and back asks nothing again',
    async walk(tab) {
      await tab.load('https://www.npmjs.com/package/sigstore?activeTab=versions');
      await expectRows(tab, 'npm', SIGSTORE);
      const since = tab.requests().length;
      await tab.click('#package-tab-readme');
      await expect.poll(async () => (await tab.run(readHistory, 'npm')).total).toBe(0);
      await tab.click('#package-tab-versions');
      await expectRows(tab, 'npm', SIGSTORE);
      expect(asked(tab, since, /^\/(sigstore|-\/npm)/), 'no registry request for a release already checked').toEqual([]);
      await tab.snap('history-npm');
    },
  },
  {
    name: 'npm: another package -> sigstore (pushState) -> Versions tab (replaceState) -> a release (badges go)',
    async walk(tab) {
      const since = tab.requests().length;
      await tab.load('https://www.npmjs.com/package/lens-fixture-plain');
      await tab.click('#tabpanel-readme a[href="/package/sigstore"]');
      await expect.poll(() => tab.run(titleStatus, 'npm')).toBe('verified');
      await new Promise((r) => setTimeout(r, 1500));
      expect(asked(tab, since, SIGSTORE_EARLIER), 'no earlier release asked for before the tab opens').toEqual([]);
      await tab.click('#package-tab-versions');
      await expectRows(tab, 'npm', SIGSTORE);
      const attestations = asked(tab, since, SIGSTORE_EARLIER).filter((p) => p.includes('attestations'));
      // Once (this profile's first look at 1.0.0), or not at all (Firefox checked it in an earlier test).
      expect(attestations, 'each attested release checked once').toEqual(tab.fresh ? ['registry.npmjs.org/-/npm/v1/attestations/sigstore@1.0.0'] : []);
      await tab.click('table[aria-labelledby="version-history"] a[href="/package/sigstore/v/1.0.0"]');
      await expect.poll(() => tab.run(() => location.pathname, 'npm')).toBe('/package/sigstore/v/1.0.0');
      await expect.poll(async () => (await tab.run(readHistory, 'npm')).total).toBe(0);
    },
  },
];

chromium.describe('Chromium', () => {
  for (const { name, walk } of WALKS) {
    chromium(name, async ({ page, fixtureServer }) => {
      await walk({
        load: async (url) => void (await page.goto(url)),
        reload: async () => void (await page.reload()),
        click: (selector) => page.click(selector),
        run: (fn, site) => page.evaluate(fn, site),
        requests: () => fixtureServer.requests,
        fresh: true,
        snap: (shot) => snapPage(page, shot),
      });
    });
  }
});

base.describe('Firefox', () => {
  const session = useFirefoxSession();
  const driver = (tab: PuppeteerPage): Tab => ({
    load: async (url) => void (await tab.goto(url)),
    reload: async () => void (await tab.reload()),
    click: (selector) => tab.click(selector),
    run: (fn, site) => tab.evaluate(fn, site),
    requests: () => session.server.requests,
    fresh: false,
    snap: (shot) => snapFirefoxPage(tab, shot),
  });
  for (const { name, walk } of WALKS) {
    base(`${name} (Firefox)`, async () => {
      await walk(driver(await session.newTab()));
    });
  }
});

// Coming back to a PyPI search page (from a result, or a reload) while its results' answers are
// fresh: the worker tells the new document the kept verdicts of the results that URL showed
// (src/background/search-memory.ts), and the results on screen take them instead of asking.
// What a person sees must be what a first visit shows: each result its own package's verdict
// (verified, partial, invalid and none side by side), in Chromium and in Firefox, and no
// registry request.
import { test as base } from '@playwright/test';
import type { Page as PuppeteerPage } from 'puppeteer-core';
import { useFirefoxSession } from './firefox/firefox-session';
import type { FixtureServer, RequestLogEntry } from './server/fixture-server';
import { expect, test } from './support/extension-test';
import { badgeIn, expectBadge, pypiSearchResults, pypiTitleBadge } from './support/page-inspection';

const SEARCH = 'https://pypi.org/search/?q=fixture';
const EXPECTED: Record<string, string> = {
  'pypi-attestations': 'verified',
  sampleproject: 'verified',
  sigstore: 'partial',
  'pypi-attestation-models': 'invalid',
  'lens-fixture-none': 'none',
};
/** Late asks (continuity notes, the toolbar) finish before counting. */
const LATE_MS = 500;

const apiAsks = (server: FixtureServer, since: number): string[] =>
  server.requests
    .slice(since)
    .filter((r: RequestLogEntry) => /^\/(pypi|simple|integrity)\//.test(r.path))
    .map((r) => `${r.host}${r.path}`);

test.use({ registryCaching: true });

test('PyPI search, back from a result and reloaded: each result its own verdict again, no registry request', async ({ page, fixtureServer }) => {
  const expectEach = async () => {
    const results = pypiSearchResults(page);
    await expect(results).toHaveCount(Object.keys(EXPECTED).length);
    for (const result of await results.all()) {
      const name = (await result.locator('.package-snippet__name').textContent())?.trim() ?? '';
      const badge = badgeIn(result);
      await expect(badge, name).toHaveCount(1);
      await expect(badge, name).toHaveAttribute('data-provenance-status', EXPECTED[name] ?? 'missing-expectation');
      await expect(badge, name).toHaveAttribute('data-provenance-package', new RegExp(`^pypi:${name}@`));
    }
  };
  // Every result on screen from the start: those are the ones that take a told verdict.
  await page.setViewportSize({ width: 1280, height: 2000 });
  await page.goto(SEARCH);
  await expectEach();
  await page.waitForTimeout(LATE_MS);

  const since = fixtureServer.requests.length;
  await page.locator('a.package-snippet[href="/project/pypi-attestations/"]').click();
  await expectBadge(pypiTitleBadge(page), 'verified', 'pypi:pypi-attestations@0.0.19');
  await page.goBack();
  await expectEach();
  // A new document of the same results, whatever the back/forward cache did.
  await page.reload();
  await expectEach();
  await page.waitForTimeout(LATE_MS);
  expect(apiAsks(fixtureServer, since), 'the result page and the revisits').toEqual([]);
});

/** Each result's name and its badge's status and package, read in the page. */
async function firefoxResults(tab: PuppeteerPage): Promise<Record<string, [string | null, string | null]>> {
  return tab.evaluate(() => {
    const out: Record<string, [string | null, string | null]> = {};
    for (const li of document.querySelectorAll('li:has(> a.package-snippet)')) {
      const name = li.querySelector('.package-snippet__name')?.textContent?.trim() ?? '?';
      const hosts = li.querySelectorAll('[data-provenance-status]');
      const host = hosts.length === 1 ? hosts[0] : null;
      out[name] = [host?.getAttribute('data-provenance-status') ?? `${hosts.length} badges`, host?.getAttribute('data-provenance-package') ?? null];
    }
    return out;
  });
}

base.describe('Firefox', () => {
  const session = useFirefoxSession({ registryCaching: true });

  base('PyPI search, back from a result and reloaded while fresh: each result its own verdict again, no registry request (Firefox)', async () => {
    const tab = await session.newTab();
    await tab.setViewport({ width: 1280, height: 2000 });
    const statuses = async () => Object.fromEntries(Object.entries(await firefoxResults(tab)).map(([name, [status]]) => [name, status]));
    await tab.goto(SEARCH);
    await expect.poll(statuses, { timeout: 30_000 }).toEqual(EXPECTED);
    await new Promise((r) => setTimeout(r, LATE_MS));
    const since = session.server.requests.length;
    // To a result and back, as a reader goes; then a new document of the same results.
    await Promise.all([tab.waitForNavigation(), tab.click('a.package-snippet[href="/project/pypi-attestations/"]')]);
    await tab.goBack();
    await expect.poll(statuses, { timeout: 30_000 }).toEqual(EXPECTED);
    await tab.reload();
    await expect.poll(statuses, { timeout: 30_000 }).toEqual(EXPECTED);
    for (const [name, [, pkg]] of Object.entries(await firefoxResults(tab))) expect(pkg, name).toMatch(new RegExp(`^pypi:${name}@`));
    await new Promise((r) => setTimeout(r, LATE_MS));
    expect(apiAsks(session.server, since), 'the result page and the revisits').toEqual([]);
  });
});

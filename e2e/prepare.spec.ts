// The verdict starts while the page loads (issue 19): as the tab's URL commits and from the tiny
// document_start script, before the page can be read. Whatever the order those and the page's
// own ask arrive in, a visit costs the registry one release document, never two; a tab switch
// inside the same package's page costs none; a reload asks again (the release may have gained a
// file); and the badge is the page's own version's, verified. npm's in-site navigation (pushState)
// and Firefox take the same paths.
import { test as base } from '@playwright/test';
import { expectFirefoxBadge, NPM_TITLE, PYPI_TITLE } from './firefox/firefox-page';
import { useFirefoxSession } from './firefox/firefox-session';
import type { RequestLogEntry } from './server/fixture-server';
import { expect, requestsSince, test } from './support/extension-test';
import { expectBadge, npmTitleBadge, pypiTitleBadge } from './support/page-inspection';

const RELEASE_JSON = 'GET pypi.org/pypi/pypi-attestations/0.0.19/json';
const PAGE = 'https://pypi.org/project/pypi-attestations/0.0.19/';
/** Late asks (the continuity note, the toolbar) finish before counting. */
const LATE_MS = 500;

const asks = (requests: RequestLogEntry[], since: number, wanted: string) =>
  requests.slice(since).filter((r) => `${r.method} ${r.host}${r.path}` === wanted).length;

test('a package page started before it was parsed costs one release document per visit', async ({ page, fixtureServer }) => {
  const releaseAsks = (since: number) => requestsSince(fixtureServer, since).filter((r) => r === RELEASE_JSON).length;
  let since = fixtureServer.requests.length;
  await page.goto(PAGE);
  await expectBadge(pypiTitleBadge(page), 'verified', 'pypi:pypi-attestations@0.0.19');
  await page.waitForTimeout(LATE_MS);
  expect(releaseAsks(since)).toBe(1);

  since = fixtureServer.requests.length;
  await page.goto(`${PAGE}#files`);
  await page.waitForTimeout(LATE_MS);
  expect(releaseAsks(since), 'a tab of the same page').toBe(0);

  since = fixtureServer.requests.length;
  await page.reload();
  await expectBadge(pypiTitleBadge(page), 'verified', 'pypi:pypi-attestations@0.0.19');
  await page.waitForTimeout(LATE_MS);
  expect(releaseAsks(since), 'a reload').toBe(1);

  // Arriving from another page: the URL changes, so the worker starts before the page asks.
  await page.goto('https://pypi.org/search/?q=nothing-at-all');
  since = fixtureServer.requests.length;
  await page.goto(PAGE);
  await expectBadge(pypiTitleBadge(page), 'verified', 'pypi:pypi-attestations@0.0.19');
  await page.waitForTimeout(LATE_MS);
  expect(releaseAsks(since), 'arriving from a search page').toBe(1);
});

test("npm's in-site navigation to a package (pushState) costs one latest-version request, its tabs none", async ({ page, fixtureServer }) => {
  await page.goto('https://www.npmjs.com/package/lens-fixture-plain');
  await expect(npmTitleBadge(page)).toHaveAttribute('data-provenance-status', /^(?!loading)/);
  const since = fixtureServer.requests.length;
  await page.click('#tabpanel-readme a[href="/package/sigstore"]');
  await expectBadge(npmTitleBadge(page), 'verified', 'npm:sigstore@2.3.1');
  await page.waitForTimeout(LATE_MS);
  expect(asks(fixtureServer.requests, since, 'GET registry.npmjs.org/sigstore/latest')).toBe(1);
  await page.click('#package-tab-versions');
  await page.click('#package-tab-readme');
  await page.waitForTimeout(LATE_MS);
  expect(asks(fixtureServer.requests, since, 'GET registry.npmjs.org/sigstore/latest'), 'tabs of the same page').toBe(1);
});

base.describe('Firefox', () => {
  const session = useFirefoxSession();

  base('a package page costs one release document per visit, and one per reload (Firefox)', async () => {
    const tab = await session.newTab();
    let since = session.server.requests.length;
    await tab.goto(PAGE);
    await expectFirefoxBadge(tab, PYPI_TITLE, 'verified', 'pypi:pypi-attestations@0.0.19');
    await new Promise((r) => setTimeout(r, LATE_MS));
    expect(asks(session.server.requests, since, RELEASE_JSON)).toBe(1);
    since = session.server.requests.length;
    await tab.reload();
    await expectFirefoxBadge(tab, PYPI_TITLE, 'verified', 'pypi:pypi-attestations@0.0.19');
    await new Promise((r) => setTimeout(r, LATE_MS));
    expect(asks(session.server.requests, since, RELEASE_JSON), 'a reload').toBe(1);
    // npm: an immutable version's verdict comes from the cache after its first visit.
    await tab.goto('https://www.npmjs.com/package/sigstore/v/2.3.1');
    await expectFirefoxBadge(tab, NPM_TITLE, 'verified', 'npm:sigstore@2.3.1');
  });
});

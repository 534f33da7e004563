// The verdict starts while the page loads (issue 19): as the tab's URL commits and from the tiny
// document_start script, before the page can be read. Whatever the order those and the page's
// own ask arrive in, a visit costs the registry one release document, never two; a tab switch
// inside the same package's page costs none; a reload asks again (the release may have gained a
// file); and the badge is the page's own version's, verified.
import { expect, requestsSince, test } from './support/extension-test';
import { expectBadge, pypiTitleBadge } from './support/page-inspection';

const RELEASE_JSON = 'GET pypi.org/pypi/pypi-attestations/0.0.19/json';
const PAGE = 'https://pypi.org/project/pypi-attestations/0.0.19/';

test('a package page started before it was parsed costs one release document per visit', async ({ page, fixtureServer }) => {
  const releaseAsks = (since: number) => requestsSince(fixtureServer, since).filter((r) => r === RELEASE_JSON).length;
  let since = fixtureServer.requests.length;
  await page.goto(PAGE);
  await expectBadge(pypiTitleBadge(page), 'verified', 'pypi:pypi-attestations@0.0.19');
  // Let late asks (the continuity note, the toolbar) finish before counting.
  await page.waitForTimeout(500);
  expect(releaseAsks(since)).toBe(1);

  since = fixtureServer.requests.length;
  await page.goto(`${PAGE}#files`);
  await page.waitForTimeout(500);
  expect(releaseAsks(since), 'a tab of the same page').toBe(0);

  since = fixtureServer.requests.length;
  await page.reload();
  await expectBadge(pypiTitleBadge(page), 'verified', 'pypi:pypi-attestations@0.0.19');
  await page.waitForTimeout(500);
  expect(releaseAsks(since), 'a reload').toBe(1);

  // Arriving from another page: the URL changes, so the worker starts before the page asks.
  await page.goto('https://pypi.org/search/?q=nothing-at-all');
  since = fixtureServer.requests.length;
  await page.goto(PAGE);
  await expectBadge(pypiTitleBadge(page), 'verified', 'pypi:pypi-attestations@0.0.19');
  await page.waitForTimeout(500);
  expect(releaseAsks(since), 'arriving from a search page').toBe(1);
});

// With the registries' own Cache-Control (PyPI's JSON API: 15 minutes, its Integrity API: 10; npm's
// packuments: 5), a revisit while those answers are fresh is answered without asking the registry,
// in both browsers; and the badge is the same verified one. (What the page lists beyond the answer
// is asked again past the browser's cache: src/background/router-freshness.test.ts.)
import { test as base } from '@playwright/test';
import { expectFirefoxBadge, NPM_TITLE, PYPI_TITLE } from './firefox/firefox-page';
import { useFirefoxSession } from './firefox/firefox-session';
import type { FixtureServer, RequestLogEntry } from './server/fixture-server';
import { expect, test } from './support/extension-test';
import { expectBadge, npmTitleBadge, pypiTitleBadge } from './support/page-inspection';

const PAGE = 'https://pypi.org/project/pypi-attestations/0.0.19/';
const NPM_LATEST = 'https://www.npmjs.com/package/sigstore';
/** Late asks (the continuity note, the toolbar) finish before counting. */
const LATE_MS = 500;

const isApi = (r: RequestLogEntry): boolean => r.host === 'registry.npmjs.org' || /^\/(pypi|simple|integrity)\//.test(r.path);
/** The registry API requests (not pages and assets) since `since`. */
const apiAsks = (server: FixtureServer, since: number): string[] =>
  server.requests
    .slice(since)
    .filter(isApi)
    .map((r) => `${r.host}${r.path}`);
/** The HTTP versions the registry API requests since `since` came over. */
const apiVersions = (server: FixtureServer, since: number): string[] => [...new Set(server.requests.slice(since).filter(isApi).map((r) => r.httpVersion))];

test.use({ registryCaching: true });

test('a PyPI release revisited while its answers are fresh: verified again, no registry request', async ({ page, fixtureServer }) => {
  let since = fixtureServer.requests.length;
  await page.goto(PAGE);
  await expectBadge(pypiTitleBadge(page), 'verified', 'pypi:pypi-attestations@0.0.19');
  await page.waitForTimeout(LATE_MS);
  expect(apiAsks(fixtureServer, since)).toContain('pypi.org/pypi/pypi-attestations/0.0.19/json');
  // As on the real registries: the worker's requests share HTTP/2 connections.
  expect(apiVersions(fixtureServer, since)).toEqual(['2.0']);

  await page.goto('https://pypi.org/search/?q=nothing-at-all');
  since = fixtureServer.requests.length;
  await page.goto(PAGE);
  await expectBadge(pypiTitleBadge(page), 'verified', 'pypi:pypi-attestations@0.0.19');
  await page.waitForTimeout(LATE_MS);
  expect(apiAsks(fixtureServer, since), 'a revisit').toEqual([]);
});

test("an npm package's latest version revisited within its packument's freshness: verified, no request", async ({ page, fixtureServer }) => {
  await page.goto(NPM_LATEST);
  await expectBadge(npmTitleBadge(page), 'verified', 'npm:sigstore@2.3.1');
  await page.waitForTimeout(LATE_MS);
  await page.goto('https://www.npmjs.com/package/lens-fixture-plain');
  await expect(npmTitleBadge(page)).toHaveAttribute('data-provenance-status', /^(?!loading)/);
  await page.waitForTimeout(LATE_MS);
  const since = fixtureServer.requests.length;
  await page.goBack();
  await expectBadge(npmTitleBadge(page), 'verified', 'npm:sigstore@2.3.1');
  await page.waitForTimeout(LATE_MS);
  expect(apiAsks(fixtureServer, since), 'back to the package').toEqual([]);
});

base.describe('Firefox', () => {
  const session = useFirefoxSession({ registryCaching: true });

  base('a PyPI release and an npm package revisited while fresh: verified, no registry request (Firefox)', async () => {
    const tab = await session.newTab();
    const first = session.server.requests.length;
    await tab.goto(PAGE);
    await expectFirefoxBadge(tab, PYPI_TITLE, 'verified', 'pypi:pypi-attestations@0.0.19');
    await tab.goto(NPM_LATEST);
    await expectFirefoxBadge(tab, NPM_TITLE, 'verified', 'npm:sigstore@2.3.1');
    await new Promise((r) => setTimeout(r, LATE_MS));
    expect(apiVersions(session.server, first), 'through the proxy, as on the real registries').toEqual(['2.0']);
    const since = session.server.requests.length;
    await tab.goto(PAGE);
    await expectFirefoxBadge(tab, PYPI_TITLE, 'verified', 'pypi:pypi-attestations@0.0.19');
    await tab.goto(NPM_LATEST);
    await expectFirefoxBadge(tab, NPM_TITLE, 'verified', 'npm:sigstore@2.3.1');
    await new Promise((r) => setTimeout(r, LATE_MS));
    expect(apiAsks(session.server, since), 'the revisits').toEqual([]);
  });
});

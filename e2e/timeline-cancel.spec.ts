// Release history builds end when nobody waits for them (issue 17, item 3: "cancelled when the page
// goes away"). The project's Integrity API never answers (lens-fault-hang: the fixture server
// holds the request ~11 s), so a timeline's request stays open until the worker tears it down.
// Closing the in-page panel, or the popup, mid-build must close that request at once and send no
// more; the worker's 10 s timeout would be far too late to pass for it.
import type { Locator } from '@playwright/test';
import type { FixtureServer } from './server/fixture-server';
import { expect, requestsSince, test } from './support/extension-test';
import { expectBadge, pypiTitleBadge } from './support/page-inspection';

const NAME = 'lens-fault-hang-r5101';
/** Well below the worker's 10 s request timeout: only a cancellation closes a request this soon. */
const SOON_MS = 3_000;

const integrityAsked = (server: FixtureServer, since: number) => requestsSince(server, since).filter((r) => r.includes('/integrity/'));

async function openHistory(scope: Locator, server: FixtureServer): Promise<number> {
  const since = server.requests.length;
  await scope.getByRole('region', { name: 'Release history' }).locator('summary').click();
  await expect(scope.getByText(/Reading the release list|Checking \d+ release/)).toBeVisible();
  // The build reached the file's provenance, which the server now holds open.
  await expect.poll(() => server.hanging(), { timeout: 10_000 }).toBe(1);
  expect(integrityAsked(server, since)).toHaveLength(1);
  return server.requests.length;
}

test('closing the panel or the popup mid-build tears down its open request and asks for nothing more', async ({ page, openPopup, fixtureServer }) => {
  await page.goto(`https://pypi.org/project/${NAME}/`);
  // The badge's own request times out first (10 s), so every request held afterwards is the timeline's.
  await expectBadge(pypiTitleBadge(page), 'unavailable', `pypi:${NAME}@1.0.0`, 20_000);
  await expect.poll(() => fixtureServer.hanging(), { timeout: 5_000 }).toBe(0);

  await page.locator('h1 + provenance-lens-badge .pl-badge').click();
  const panel = page.locator('provenance-lens-panel dialog');
  await expect(panel).toBeVisible();
  let since = await openHistory(panel, fixtureServer);
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
  await expect.poll(() => fixtureServer.hanging(), { timeout: SOON_MS }).toBe(0);
  await page.waitForTimeout(500);
  expect(integrityAsked(fixtureServer, since)).toEqual([]);

  // The popup: its build is the page's slot, and closing the popup ends it the same way.
  const popup = await openPopup(page);
  since = await openHistory(popup.locator('body'), fixtureServer);
  await popup.close();
  await expect.poll(() => fixtureServer.hanging(), { timeout: SOON_MS }).toBe(0);
  await page.waitForTimeout(500);
  expect(integrityAsked(fixtureServer, since)).toEqual([]);
});

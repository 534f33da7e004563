// npmjs.com is a single-page app: a reader goes from package to package inside it, and comes
// back to one after a pause in which MV3 stopped the idle worker (e2e/support/stop-worker.ts).
// The content script lives on in the page; the worker that answers its asks is a new one. Back
// and forward inside the site must show each package's own verdict from the woken worker, with
// nothing asked of the registry while its answers are fresh.
import { expect, registryApiAsks, test } from './support/extension-test';
import { expectBadge, npmTitleBadge } from './support/page-inspection';
import { stopWorker } from './support/stop-worker';

test.use({ registryCaching: true });

/** Late asks (continuity notes, the toolbar, the notes' gathered write) finish before counting. */
const LATE_MS = 500;

test('npm in-site navigation in a woken worker: back and forward show each package’s own verdict, no registry request', async ({ page, extension, fixtureServer }) => {
  await page.goto('https://www.npmjs.com/package/sigstore');
  await page.locator('html[data-hydrated="true"]').waitFor({ state: 'attached' });
  await expectBadge(npmTitleBadge(page), 'verified', 'npm:sigstore@2.3.1');
  await page.locator('#tabpanel-readme a[href="/package/lens-fixture-plain"]').click();
  await expect(page).toHaveURL(/\/package\/lens-fixture-plain$/);
  await expectBadge(npmTitleBadge(page), 'none', 'npm:lens-fixture-plain@1.0.0');
  await page.waitForTimeout(LATE_MS);
  // A mark in the page's own world: gone if a step below reloaded the document instead of staying in the app.
  await page.evaluate(() => ((window as unknown as { sameDocument?: boolean }).sameDocument = true));
  const { isWoken } = await stopWorker(extension, page);

  const since = fixtureServer.requests.length;
  await page.goBack();
  await expect(page).toHaveURL(/\/package\/sigstore$/);
  await expectBadge(npmTitleBadge(page), 'verified', 'npm:sigstore@2.3.1');
  await expect(page.locator('[data-provenance-package="npm:lens-fixture-plain@1.0.0"]')).toHaveCount(0);
  expect(await isWoken(), 'the way back was answered by a new worker').toBe(true);

  await page.goForward();
  await expect(page).toHaveURL(/\/package\/lens-fixture-plain$/);
  await expectBadge(npmTitleBadge(page), 'none', 'npm:lens-fixture-plain@1.0.0');
  await expect(page.locator('[data-provenance-package="npm:sigstore@2.3.1"]')).toHaveCount(0);
  await page.waitForTimeout(LATE_MS);
  expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument), 'back and forward stayed in one document').toBe(true);
  expect(registryApiAsks(fixtureServer, since), 'back and forward in a woken worker').toEqual([]);
});

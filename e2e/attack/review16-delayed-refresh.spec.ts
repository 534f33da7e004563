// Review 16 (Chromium): since commit 2c755ab a due TUF refresh waits 2 s before it starts
// (live-trust.ts refreshDelayMs, worker.ts). The wait is a plain timer: nothing keeps an MV3
// worker alive for it. So, in the real browser: (1) a worker woken by one page visit, whose stored
// material is older than a day, must still refresh it when no other event follows (MV3 stops an
// idle worker after 30 s, not 2 s); (2) a worker stopped while its refresh waits loses only that
// attempt: storage still says "due", and the next woken worker refreshes. Storage is read and
// rewritten from an extension page opened before any stop: the worker has no storage.onChanged
// listener, so that wakes nothing.
import type { Page } from '@playwright/test';
import { expect, test } from '../support/extension-test';
import { expectBadge, pypiTitleBadge } from '../support/page-inspection';
import type { ExtensionBrowser } from '../support/launch-extension';
import { stopWorker } from '../support/stop-worker';

test.use({ testca: true });

const RELEASE = 'https://pypi.org/project/lens-continuity-changed/1.1.0/';
const SEARCH = 'https://pypi.org/search/?q=nothing-at-all';
const DAY = 24 * 60 * 60 * 1000;
type Good = { materialDate: string };
interface ChromeGlobal {
  chrome: { storage: { local: { get(k: string): Promise<Record<string, unknown>>; set(i: Record<string, unknown>): Promise<void> } } };
}

/** The stored refresh's date, read from an extension page. */
const storedDate = (ext: Page) =>
  ext.evaluate(async () => ((await (globalThis as unknown as ChromeGlobal).chrome.storage.local.get('trust-tuf'))['trust-tuf'] as { good?: Good } | undefined)?.good?.materialDate);

/** Dates the stored refresh two days back (after the build's snapshot, so it is still installed). */
const ageStored = (ext: Page) =>
  ext.evaluate(async (ms) => {
    const local = (globalThis as unknown as ChromeGlobal).chrome.storage.local;
    const record = (await local.get('trust-tuf'))['trust-tuf'] as { good: Good };
    record.good.materialDate = new Date(Date.now() - ms).toISOString();
    await local.set({ 'trust-tuf': record });
    return record.good.materialDate;
  }, 2 * DAY);

test.afterEach(({ fixtureServer }) => fixtureServer.tuf.serve('off'));

/** A first refresh stored; the extension page storage is read from (opened while the worker runs). */
async function refreshedOnce(page: Page, extension: ExtensionBrowser) {
  await page.goto(SEARCH);
  const ext = await extension.context.newPage();
  await ext.goto(`chrome-extension://${extension.extensionId}/src/options/index.html`);
  await expect.poll(() => storedDate(ext), { timeout: 30_000 }).toBeDefined();
  return ext;
}

test('a woken worker with day-old stored material refreshes it after the delay with no further event', async ({ page, extension, fixtureServer }) => {
  test.setTimeout(90_000);
  fixtureServer.tuf.serve('repo');
  const ext = await refreshedOnce(page, extension);
  const aged = await ageStored(ext);
  await page.goto(SEARCH);
  const { isWoken } = await stopWorker(extension, page);
  const mark = fixtureServer.tuf.served.length;
  // One visit wakes the worker; then nothing: no tab event, no message.
  await page.goto(RELEASE);
  await expectBadge(pypiTitleBadge(page), 'verified', 'pypi:lens-continuity-changed@1.1.0');
  expect(await isWoken(), 'the visit was answered by a new worker').toBe(true);
  await expect.poll(() => storedDate(ext), { timeout: 20_000, message: 'the woken worker refreshed the day-old material' }).not.toBe(aged);
  expect(Date.now() - Date.parse((await storedDate(ext)) ?? '')).toBeLessThan(60_000);
  expect(fixtureServer.tuf.served.slice(mark)).toContain('timestamp.json');
});

test('a worker stopped while its refresh waits: the attempt is lost, the next woken worker refreshes', async ({ page, extension, fixtureServer }) => {
  test.setTimeout(90_000);
  fixtureServer.tuf.serve('repo');
  const ext = await refreshedOnce(page, extension);
  await page.goto(SEARCH);
  const { isWoken } = await stopWorker(extension, page);
  const aged = await ageStored(ext);
  const mark = fixtureServer.tuf.served.length;
  // Woken by a visit and stopped again at once (stopWorker: the page's load, then 300 ms).
  await page.goto(SEARCH);
  await expect.poll(isWoken, { message: 'the visit woke a worker' }).toBe(true);
  await stopWorker(extension, page);
  await page.waitForTimeout(2_500); // past the delay: a stopped worker's timer must not have run
  expect(fixtureServer.tuf.served.slice(mark), 'no TUF request from the stopped worker').toEqual([]);
  expect(await storedDate(ext)).toBe(aged);
  // The next visit's worker finds the stored material due again and refreshes it.
  await page.goto(RELEASE);
  await expect.poll(() => storedDate(ext), { timeout: 20_000 }).not.toBe(aged);
  expect(fixtureServer.tuf.served.slice(mark)).toContain('timestamp.json');
});

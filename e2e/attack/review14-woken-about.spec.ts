// Review 14 (Chromium): the popup's About in a worker woken by the popup itself. The worker's
// trust material is the last good TUF refresh, kept in storage.local and installed as a woken
// worker starts (src/background/tuf/live-trust.ts); verdicts wait for it (trustLoaded), and
// since this review `page/about` does too (it answered `liveTrust.status()` at once). MV3
// stops an idle worker after 30 s, so a popup opened a minute after the last page meets a new
// worker (played here by a DevTools stop from the popup page, no tab opened or closed). The build's own snapshot (2026-10-07) is more
// than 7 days old: an About that names it says "Stale" and opens itself for it.
import type { BrowserContext, Page, Worker } from '@playwright/test';
import { expect, test } from '../support/extension-test';
import { expectBadge, pypiTitleBadge } from '../support/page-inspection';

test.use({ testca: true });

const RELEASE = 'https://pypi.org/project/lens-continuity-changed/1.1.0/';
interface ChromeGlobal {
  chrome: { storage: { local: { get(key: string): Promise<Record<string, unknown>> } } };
}
const refreshed = (worker: Worker) =>
  worker.evaluate(async () => ((await (globalThis as unknown as ChromeGlobal).chrome.storage.local.get('trust-tuf'))['trust-tuf'] as { good?: unknown } | undefined)?.good !== undefined);

test.afterEach(({ fixtureServer }) => fixtureServer.tuf.serve('off'));

/** The popup's page, opened in a tab (while the worker runs: opening a tab is itself an event). */
async function openPopupPage(page: Page, extensionId: string, popupPath: string) {
  const popup = await page.context().newPage();
  await popup.goto(`chrome-extension://${extensionId}/${popupPath}`);
  const about = popup.getByRole('region', { name: 'About' });
  await expect(about).toContainText('Provenance Lens');
  return { popup, about };
}

type Marked = { provenanceLensStopped?: true };
type AboutReply = { ok: boolean; value?: { trust?: { source: string; stale: boolean } } };

/**
 * Stops the worker as Chromium stops an idle one, from the popup's own page, and opens or closes
 * no tab (stop-worker.ts closes one, and that tabs.onRemoved wakes the worker at once): the next
 * event is the popup's, as with the toolbar popup, which is no tab.
 */
async function stopQuietly(popup: Page, extension: { context: BrowserContext }) {
  await Promise.all(extension.context.serviceWorkers().map((w) => w.evaluate(() => void ((globalThis as Marked).provenanceLensStopped = true))));
  const session = await extension.context.newCDPSession(popup);
  await session.send('ServiceWorker.enable');
  await session.send('ServiceWorker.stopAllWorkers');
  await session.detach();
}

test('a popup whose ask wakes the worker is told the refreshed TUF material in About, not a stale embedded snapshot (was DEFECT)', async ({ page, extension, fixtureServer }) => {
  fixtureServer.tuf.serve('repo');
  await page.goto(RELEASE);
  await expectBadge(pypiTitleBadge(page), 'verified', 'pypi:lens-continuity-changed@1.1.0');
  await expect.poll(() => refreshed(extension.worker), { timeout: 30_000 }).toBe(true);

  // Control: the worker that ran on says what it verifies with.
  const { popup, about } = await openPopupPage(page, extension.extensionId, extension.popupPath);
  await expect(about).toContainText('Sigstore TUF root v');
  await expect(about).not.toContainText('Stale');

  await stopQuietly(popup, extension);
  await popup.waitForTimeout(1_000);
  // The popup's own ask (About.tsx sends exactly this as it opens): the event that wakes the worker.
  const reply = await popup.evaluate(() => (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({ type: 'page/about' }));
  const woken = extension.context.serviceWorkers().at(-1);
  expect(await woken?.evaluate(() => (globalThis as Marked).provenanceLensStopped !== true), 'answered by a new worker').toBe(true);
  expect((reply as AboutReply).value?.trust, 'the About of the woken worker').toMatchObject({ source: 'tuf', stale: false });
});

// Review 14 (Chromium): e2e/support/stop-worker.ts plays the browser stopping an idle MV3 worker,
// so that the woken-* specs' revisit is answered by a worker that its own ask starts (the race
// woken-trust.spec.ts names: the page's ask arriving before storage was read). The helper closes
// the options page it stopped the worker from; that tab's closing is itself an event
// (tabs.onRemoved) the worker listens to. Whether a worker runs again before the revisit asks is
// read from DevTools' ServiceWorker domain, on an options tab opened beforehand and left open.
import type { Page } from '@playwright/test';
import { expect, test } from '../support/extension-test';
import type { ExtensionBrowser } from '../support/launch-extension';
import { stopWorker } from '../support/stop-worker';

async function workerWatch(from: Page, extension: ExtensionBrowser) {
  const session = await extension.context.newCDPSession(from);
  const seen: string[] = [];
  session.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
    for (const v of versions) if (v.scriptURL.includes(extension.extensionId) && seen.at(-1) !== v.runningStatus) seen.push(v.runningStatus);
  });
  await session.send('ServiceWorker.enable');
  return { seen };
}

test('after stopWorker, no worker runs until the next page asks: the revisit is the waking event (was DEFECT, harness)', async ({ page, extension }) => {
  await page.goto('https://pypi.org/search/?q=nothing-at-all');
  const options = await extension.context.newPage();
  await options.goto(`chrome-extension://${extension.extensionId}/src/options/index.html`);
  const watch = await workerWatch(options, extension);
  await page.bringToFront();
  await expect.poll(() => watch.seen.at(-1)).toBe('running');
  const mark = watch.seen.length;
  await stopWorker(extension, page);
  await page.waitForTimeout(1_000);
  expect(watch.seen.slice(mark), 'the worker stopped by the helper, and nothing since').toEqual(['stopping', 'stopped']);
});

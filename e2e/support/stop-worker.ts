// Chromium stops an MV3 worker after 30 s without events and starts it again for the next
// event: most revisits meet a woken worker. A test cannot wait 30 s each time; DevTools stops
// it at once, as the browser does (Firefox gives a test no way to unload its background page).
// Quietly: the stop is sent from an options tab opened once and left open, since a tab opening
// or closing is itself an event the worker listens to (tabs.onRemoved started a new worker at
// once when the stop came from a tab closed after it: review 14), so the page's revisit is the
// event that wakes it. Whether a worker runs is read from DevTools' ServiceWorker domain.
import { expect, type CDPSession, type Page } from '@playwright/test';
import type { ExtensionBrowser } from './launch-extension';

interface Watch {
  session: CDPSession;
  /** The extension worker's running status, as DevTools last reported it. */
  status: string;
  /** Every status reported, in order. */
  seen: string[];
}

const watches = new WeakMap<ExtensionBrowser, Promise<Watch>>();

function watchWorker(extension: ExtensionBrowser): Promise<Watch> {
  let watch = watches.get(extension);
  if (watch) return watch;
  watch = (async () => {
    const options = await extension.context.newPage();
    await options.goto(`chrome-extension://${extension.extensionId}/src/options/index.html`);
    const session = await extension.context.newCDPSession(options);
    const state: Watch = { session, status: 'unknown', seen: [] };
    session.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
      for (const v of versions) {
        if (!v.scriptURL.includes(extension.extensionId)) continue;
        state.status = v.runningStatus;
        state.seen.push(v.runningStatus);
      }
    });
    await session.send('ServiceWorker.enable');
    return state;
  })();
  watches.set(extension, watch);
  return watch;
}

/**
 * Stops the extension's worker as Chromium stops an idle one and waits until it has stopped;
 * `page` is brought back to the front (a background tab is throttled). `isWoken` tells, after
 * the revisit, that a worker started since the stop and runs now.
 */
export async function stopWorker(extension: ExtensionBrowser, page: Page): Promise<{ isWoken: () => Promise<boolean> }> {
  const watch = await watchWorker(extension);
  await page.bringToFront();
  // The page's own late tab events (its load completing, its icon) would wake the worker again.
  await page.waitForLoadState('load');
  await page.waitForTimeout(300);
  const asked = watch.seen.length;
  await watch.session.send('ServiceWorker.stopAllWorkers');
  await expect.poll(() => watch.seen.slice(asked).includes('stopped'), { message: 'the worker stopped' }).toBe(true);
  const mark = watch.seen.lastIndexOf('stopped') + 1;
  const isWoken = async () => watch.seen.slice(mark).includes('running') && watch.status === 'running';
  return { isWoken };
}


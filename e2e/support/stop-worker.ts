// Chromium stops an MV3 worker after 30 s without events and starts it again for the next
// event: most revisits meet a woken worker. A test cannot wait 30 s each time; DevTools stops
// it at once, as the browser does (Firefox gives a test no way to unload its background page).
import type { ExtensionBrowser } from './launch-extension';

type Marked = { provenanceLensStopped?: true };

/**
 * Stops the extension's worker as Chromium stops an idle one; the next event starts a new one.
 * Playwright reports the old worker closed only once a new one starts, so the old one is marked
 * instead: `isWoken` tells whether the worker running now is a new one.
 */
export async function stopWorker(extension: ExtensionBrowser): Promise<{ isWoken: () => Promise<boolean> }> {
  await Promise.all(extension.context.serviceWorkers().map((w) => w.evaluate(() => void ((globalThis as Marked).provenanceLensStopped = true))));
  const page = await extension.context.newPage();
  try {
    await page.goto(`chrome-extension://${extension.extensionId}/src/options/index.html`);
    const session = await extension.context.newCDPSession(page);
    await session.send('ServiceWorker.enable');
    await session.send('ServiceWorker.stopAllWorkers');
    await session.detach();
  } finally {
    await page.close();
  }
  const isWoken = async () => {
    const workers = extension.context.serviceWorkers();
    const now = workers[workers.length - 1];
    return now !== undefined && (await now.evaluate(() => (globalThis as Marked).provenanceLensStopped !== true));
  };
  return { isWoken };
}

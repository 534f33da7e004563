// Chromium with a built extension for the benchmarks: the e2e suite's flags (fixture hosts mapped
// onto the local fixture server), plus what only benchmarks need: a DevTools port for heap
// figures over CDP, and a chosen viewport. Each launch gets a fresh profile ("cold"), unless it is
// given one to start again with (a browser restart: the extension installed, its caches kept).
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from '@playwright/test';
import { CHROMIUM_PATH, chromiumArgs, readPopupPath } from '../../e2e/support/launch-extension';

export interface BenchBrowser {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  /** `ws://` endpoint of the browser target, when launched with `devtools: true`. */
  devtoolsEndpoint?: string;
  /** An extension page (the options page), for `page/*` messages such as cache clearing. */
  extensionPage: () => Promise<Page>;
  close: () => Promise<void>;
}

export interface BenchLaunchOptions {
  extensionDir: string;
  serverPort: number;
  devtools?: boolean;
  viewport?: { width: number; height: number };
  /** A profile directory to reuse; left in place on close (the caller removes it). */
  profile?: string;
}

function optionsPath(extensionDir: string): string {
  const manifest = JSON.parse(readFileSync(join(extensionDir, 'manifest.json'), 'utf8')) as { options_ui?: { page?: string } };
  return (manifest.options_ui?.page ?? readPopupPath(extensionDir)).replace(/^\//, '');
}

/**
 * Playwright inspects a service worker's network traffic over DevTools by default (Network
 * events for every fetch the worker makes). People's browsers have no DevTools attached, and on
 * a 20-result search (172 worker requests) that instrumentation cost the browser, its network
 * process and this process together about a third of the time to badges (measured per process,
 * 2026-12-07). The benchmarks use no worker request events (requests are counted by the fixture
 * server), so they switch it off. Read by Playwright when it attaches to each worker.
 */
process.env.PLAYWRIGHT_DISABLE_SERVICE_WORKER_NETWORK = '1';

export async function launchBenchBrowser(options: BenchLaunchOptions): Promise<BenchBrowser> {
  const { extensionDir } = options;
  if (!existsSync(join(extensionDir, 'manifest.json'))) throw new Error(`no built extension at ${extensionDir}: build it first`);
  const profile = options.profile ?? mkdtempSync(join(tmpdir(), 'provenance-lens-bench-'));
  const args = chromiumArgs(extensionDir, options.serverPort);
  // Port 0: Chromium picks one and writes it to DevToolsActivePort in the profile.
  if (options.devtools) args.push('--remote-debugging-port=0');
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args,
    viewport: options.viewport ?? { width: 1280, height: 900 },
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  const extensionId = new URL(worker.url()).host;
  let devtoolsEndpoint: string | undefined;
  if (options.devtools) {
    const [port, path] = readFileSync(join(profile, 'DevToolsActivePort'), 'utf8').trim().split('\n');
    devtoolsEndpoint = `ws://127.0.0.1:${port}${path}`;
  }
  let extensionPage: Page | undefined;
  return {
    context,
    worker,
    extensionId,
    devtoolsEndpoint,
    extensionPage: async () => {
      if (extensionPage && !extensionPage.isClosed()) return extensionPage;
      extensionPage = await context.newPage();
      await extensionPage.goto(`chrome-extension://${extensionId}/${optionsPath(extensionDir)}`);
      return extensionPage;
    },
    close: async () => {
      await context.close();
      if (options.profile === undefined) rmSync(profile, { recursive: true, force: true });
    },
  };
}

interface RuntimeApi {
  chrome: { runtime: { sendMessage: (message: unknown) => Promise<unknown> } };
}

/** Sends a `page/*` message to the worker from an extension page, as the popup and options do. */
export async function sendPageMessage<T = unknown>(browser: BenchBrowser, message: unknown): Promise<T> {
  const page = await browser.extensionPage();
  const reply = (await page.evaluate(
    (m) => (globalThis as unknown as RuntimeApi).chrome.runtime.sendMessage(m),
    message,
  )) as { ok: boolean; value?: T; code?: string; message?: string };
  if (!reply?.ok) throw new Error(`worker refused ${JSON.stringify(message)}: ${reply?.code} ${reply?.message}`);
  return reply.value as T;
}

export async function clearVerdictCache(browser: BenchBrowser): Promise<number> {
  return (await sendPageMessage<{ cleared: number }>(browser, { type: 'page/cache-clear' })).cleared;
}

/**
 * Empties the browser's HTTP cache (DevTools' Network.clearBrowserCache): with a fixture server
 * that sends the registries' own Cache-Control, a "cold" visit must not find their answers there.
 */
export async function clearHttpCache(browser: BenchBrowser): Promise<void> {
  const session = await browser.context.newCDPSession(await browser.extensionPage());
  try {
    await session.send('Network.clearBrowserCache');
  } finally {
    await session.detach();
  }
}

type OldWorker = { benchOldWorker?: true };

/**
 * Stops the extension's worker as the browser stops an idle one (DevTools' ServiceWorker
 * domain); the next event starts a new one. The old one is marked first: `woken` tells whether
 * the worker running now is another (Playwright reports a stopped worker closed only later).
 */
export async function stopWorker(browser: BenchBrowser): Promise<{ woken: () => Promise<boolean> }> {
  await Promise.all(browser.context.serviceWorkers().map((w) => w.evaluate(() => void ((globalThis as OldWorker).benchOldWorker = true))));
  const session = await browser.context.newCDPSession(await browser.extensionPage());
  try {
    await session.send('ServiceWorker.enable');
    await session.send('ServiceWorker.stopAllWorkers');
  } finally {
    await session.detach();
  }
  const woken = async () => {
    const now = browser.context.serviceWorkers().at(-1);
    return now !== undefined && (await now.evaluate(() => (globalThis as OldWorker).benchOldWorker !== true));
  };
  return { woken };
}

/**
 * Stops the extension's worker (DevTools' ServiceWorker.stopAllWorkers) and wakes a new one with
 * a message, as the browser starts one for an event after the worker's idle stop. `forgetWarmUp`
 * clears the session's record of the start-up verification, so the new worker runs it as a
 * browser session's first worker does. Answers the new worker, checked to be a new one.
 */
export async function restartWorker(browser: BenchBrowser, forgetWarmUp: boolean): Promise<Worker> {
  const page = await browser.extensionPage();
  if (forgetWarmUp) await page.evaluate(() => (globalThis as unknown as { chrome: { storage: { session: { remove: (k: string) => Promise<void> } } } }).chrome.storage.session.remove('warmed-up'));
  const { woken } = await stopWorker(browser);
  // Any message wakes it; this one is no message type the router knows, so it changes nothing.
  await page.evaluate((m) => (globalThis as unknown as RuntimeApi).chrome.runtime.sendMessage(m).catch(() => undefined), { type: 'bench/wake' });
  const worker = browser.context.serviceWorkers().at(-1);
  if (!worker || !(await woken())) throw new Error('restartWorker: the worker was not replaced');
  return worker;
}

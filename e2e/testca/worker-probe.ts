// Watches the extension's service worker from a test: console errors, and a counter of
// unhandled promise rejections installed with an `unhandledrejection` listener (added after
// start-up, which Chromium allows for this event; it only restricts fetch/install-style ones).
import type { BrowserContext, Worker } from '@playwright/test';

export interface WorkerProbe {
  consoleErrors: string[];
  /** Unhandled rejections seen since install; null when the worker restarted (counter lost). */
  rejections: () => Promise<string[] | null>;
}

interface ProbeGlobal {
  __lensRejections?: string[];
}

export async function probeWorker(context: BrowserContext, worker: Worker): Promise<WorkerProbe> {
  const consoleErrors: string[] = [];
  const watch = (w: Worker): void => {
    w.on('console', (msg) => {
      if (msg.type() === 'error') consoleErrors.push(msg.text());
    });
  };
  watch(worker);
  context.on('serviceworker', (w) => {
    consoleErrors.push(`service worker started again: ${w.url()}`);
    watch(w);
  });
  await worker.evaluate(() => {
    const g = globalThis as unknown as ProbeGlobal & typeof globalThis;
    g.__lensRejections = [];
    g.addEventListener('unhandledrejection', (event: PromiseRejectionEvent) => {
      g.__lensRejections?.push(String(event.reason instanceof Error ? event.reason.stack ?? event.reason.message : event.reason));
    });
  });
  // Self-check: a deliberate rejection must be counted, or a clean result would mean nothing.
  await worker.evaluate(() => {
    void Promise.reject(new Error('provenance-lens e2e probe self-check'));
  });
  const deadline = Date.now() + 5_000;
  while ((await worker.evaluate(() => (globalThis as unknown as ProbeGlobal).__lensRejections?.length ?? 0)) === 0) {
    if (Date.now() > deadline) throw new Error('worker probe: a deliberate unhandled rejection was not seen');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await worker.evaluate(() => {
    (globalThis as unknown as ProbeGlobal).__lensRejections = [];
  });
  consoleErrors.length = 0;
  return {
    consoleErrors,
    rejections: async () => {
      const current = context.serviceWorkers()[0];
      if (!current) return null;
      return current.evaluate(() => (globalThis as unknown as ProbeGlobal).__lensRejections ?? null);
    },
  };
}

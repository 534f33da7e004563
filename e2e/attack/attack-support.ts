// Attack harness (review of issue 14): a rewriting HTTPS proxy in front of the fixture server, so a
// spec can play what the real sites do over time (a slow page-data fetch, a release published
// between two visits, pages that a browser may keep in its back/forward cache), and a Chromium
// launcher that can leave the back/forward cache on (Playwright turns it off by default; real
// browsers have it on).
import { mkdtempSync, rmSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { createServer, request } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, expect, type Page } from '@playwright/test';
import { makeSelfSignedCertificate } from '../server/certificate';
import { CHROMIUM_PATH, chromiumArgs, EXTENSION_DIR, openPopupFor, readPopupPath, type ExtensionBrowser } from '../support/launch-extension';
import { popupHeading } from '../support/npm-page-state';

export interface ProxiedRequest {
  host: string;
  /** Path and query as the browser sent them. */
  path: string;
  accept: string;
}

export interface Upstream {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface Plan {
  /** Ask the fixture server for this path instead. */
  path?: string;
  /** Hold the answer this long. */
  delayMs?: number;
  transform?: (res: Upstream) => Upstream;
}

export type Rule = (req: ProxiedRequest) => Plan | undefined;

export interface RewriteProxy {
  port: number;
  /** Rules are tried in order; the first that returns a plan applies. */
  rules: Rule[];
  /** Drop `cache-control: no-store` from HTML pages (the fixture sends it; real sites' pages are cacheable). */
  cacheablePages: boolean;
  stop(): Promise<void>;
}

function fetchUpstream(port: number, host: string, method: string, path: string, headers: IncomingHttpHeaders): Promise<Upstream> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, method, path, headers: { ...headers, host }, servername: host, rejectUnauthorized: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

export async function startRewriteProxy(upstreamPort: number): Promise<RewriteProxy> {
  const tls = await makeSelfSignedCertificate();
  const proxy: RewriteProxy = { port: 0, rules: [], cacheablePages: false, stop: async () => undefined };
  const server = createServer({ key: tls.key, cert: tls.cert }, (req, res) => {
    void (async () => {
      const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
      const asked: ProxiedRequest = { host, path: req.url ?? '/', accept: req.headers.accept ?? '' };
      let plan: Plan | undefined;
      for (const rule of proxy.rules) {
        plan = rule(asked);
        if (plan) break;
      }
      try {
        let up = await fetchUpstream(upstreamPort, host, req.method ?? 'GET', plan?.path ?? asked.path, req.headers);
        if (plan?.transform) up = plan.transform(up);
        if (plan?.delayMs) await new Promise((r) => setTimeout(r, plan.delayMs));
        const headers: Record<string, string | string[]> = {};
        for (const [k, v] of Object.entries(up.headers)) if (v !== undefined && k !== 'content-length' && k !== 'connection' && k !== 'transfer-encoding') headers[k] = v;
        if (proxy.cacheablePages && String(up.headers['content-type'] ?? '').startsWith('text/html')) headers['cache-control'] = 'max-age=0, public';
        headers['content-length'] = String(up.body.length);
        if (!res.destroyed) {
          res.writeHead(up.status, headers);
          res.end(up.body);
        }
      } catch (error) {
        if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
        res.end(`attack proxy: ${String(error)}\n`);
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  proxy.port = (server.address() as AddressInfo).port;
  proxy.stop = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return proxy;
}

/** Rewrites a JSON body. */
export function jsonBody(res: Upstream, edit: (value: unknown) => unknown): Upstream {
  const value = edit(JSON.parse(res.body.toString('utf8')) as unknown);
  return { ...res, body: Buffer.from(JSON.stringify(value)) };
}

export interface LaunchAttackOptions {
  extensionDir?: string;
  /** Leave Chromium's back/forward cache on, as in a browser people use. */
  bfcache?: boolean;
}

export async function launchAttackChromium(port: number, options: LaunchAttackOptions = {}): Promise<ExtensionBrowser> {
  const extensionDir = options.extensionDir ?? EXTENSION_DIR;
  const userDataDir = mkdtempSync(join(tmpdir(), 'provenance-lens-attack-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: chromiumArgs(extensionDir, port),
    ...(options.bfcache ? { ignoreDefaultArgs: ['--disable-back-forward-cache'] } : {}),
    viewport: { width: 1280, height: 900 },
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  return {
    context,
    worker,
    extensionId: new URL(worker.url()).host,
    popupPath: readPopupPath(extensionDir),
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

interface ChromeTabsApi {
  chrome: {
    tabs: { query: (q: object) => Promise<{ id?: number; url?: string; active?: boolean }[]> };
    action: { getTitle: (d: { tabId: number }) => Promise<string>; getBadgeText: (d: { tabId: number }) => Promise<string> };
  };
}

/** The toolbar button's title and text for the tab whose URL is `url` (exact, as the tab has it). */
export async function toolbarFor(ext: ExtensionBrowser, url: string): Promise<{ title: string; text: string } | null> {
  return ext.worker.evaluate(async (wanted) => {
    const { chrome } = globalThis as unknown as ChromeTabsApi;
    const tab = (await chrome.tabs.query({})).find((t) => t.url === wanted);
    if (tab?.id === undefined) return null;
    return { title: await chrome.action.getTitle({ tabId: tab.id }), text: await chrome.action.getBadgeText({ tabId: tab.id }) };
  }, url);
}

/** The popup's package heading for `page` (the popup reads the worker's record once), or null. */
export async function popupTitleFor(ext: ExtensionBrowser, page: Page): Promise<string | null> {
  const popup = await openPopupFor(ext, page);
  try {
    await expect.poll(async () => (await popup.evaluate(popupHeading)).settled).toBe(true);
    return (await popup.evaluate(popupHeading)).heading;
  } finally {
    await popup.close();
  }
}

/** Every badge host on the page: package attribute, status, file attribute and visible text. */
export function readBadges(): { pkg: string | null; status: string | null; file: string | null; text: string; where: string }[] {
  return [...document.querySelectorAll('[data-provenance-status]')].map((el) => ({
    pkg: el.getAttribute('data-provenance-package'),
    status: el.getAttribute('data-provenance-status'),
    file: el.getAttribute('data-provenance-file'),
    text: (el.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ').trim(),
    // A title badge sits right after its h1; others are named by their parent.
    where: el.previousElementSibling?.localName === 'h1' ? `h1:${(el.previousElementSibling.firstChild?.textContent ?? '').trim()}` : (el.parentElement?.className ?? el.parentElement?.tagName ?? ''),
  }));
}

// Starts Debian's Chromium with the built extension and every fixture host mapped onto the local
// fixture server. Verified here: a MAP rule with a port redirects https://<host>/ (port 443) to
// the server's ephemeral port, and the extension service worker's fetches follow it too.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from '@playwright/test';
import { FIXTURE_HOSTS } from '../server/certificate';
import { assertE2eBuild, E2E_EXTENSION_DIR } from '../testca/paths';
import { REPO_ROOT } from './fixtures-dir';

export const CHROMIUM_PATH = process.env.PROVENANCE_LENS_CHROMIUM ?? '/usr/bin/chromium';
export const EXTENSION_DIR = process.env.PROVENANCE_LENS_EXTENSION ?? join(REPO_ROOT, 'dist', 'chrome');

export interface ExtensionBrowser {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  /** Popup page path inside the extension, from the built manifest's action.default_popup. */
  popupPath: string;
  close: () => Promise<void>;
}

export function chromiumArgs(extensionDir: string, serverPort: number): string[] {
  const rules = FIXTURE_HOSTS.map((h) => `MAP ${h} 127.0.0.1:${serverPort}`).join(',');
  return [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    `--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`,
    `--host-resolver-rules=${rules}`,
    '--ignore-certificate-errors',
  ];
}

export function readPopupPath(extensionDir: string): string {
  const manifest = JSON.parse(readFileSync(join(extensionDir, 'manifest.json'), 'utf8')) as {
    action?: { default_popup?: string };
  };
  const popup = manifest.action?.default_popup;
  if (!popup) throw new Error(`${extensionDir}/manifest.json has no action.default_popup`);
  return popup.replace(/^\//, '');
}

/** Variants for `npm start`; the e2e suite uses the defaults. */
export interface LaunchOptions {
  headless?: boolean;
  /** Real hosts: no mapping onto the fixture server, and certificate errors stay errors. */
  live?: boolean;
}

function isFixtureMapping(arg: string): boolean {
  return arg.startsWith('--host-resolver-rules=') || arg === '--ignore-certificate-errors';
}

export async function launchWithExtension(serverPort: number, extensionDir = EXTENSION_DIR, options: LaunchOptions = {}): Promise<ExtensionBrowser> {
  if (!existsSync(join(extensionDir, 'manifest.json'))) {
    throw new Error(`no built extension at ${extensionDir}: run \`npx vite build\` first`);
  }
  const userDataDir = mkdtempSync(join(tmpdir(), 'provenance-lens-e2e-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: options.headless ?? true,
    args: chromiumArgs(extensionDir, serverPort).filter((arg) => !(options.live && isFixtureMapping(arg))),
    // A visible window keeps its own size; headless pages get a fixed one for screenshots.
    viewport: options.headless === false ? null : { width: 1280, height: 900 },
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    worker,
    extensionId,
    popupPath: readPopupPath(extensionDir),
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** The e2e build (dist/chrome-e2e), which also trusts the generated test CA; fails clearly when missing. */
export async function launchWithE2eExtension(serverPort: number): Promise<ExtensionBrowser> {
  assertE2eBuild(E2E_EXTENSION_DIR);
  return launchWithExtension(serverPort, E2E_EXTENSION_DIR);
}

// Opens the toolbar popup's page for the tab a test is looking at. The popup asks
// tabs.query({active: true, currentWindow: true}); opening its URL with context.newPage() would
// make the popup itself the active tab. Creating it from the service worker with
// `active: false` keeps the package tab active (verified against Chromium 156, headless).
interface ChromeTabsApi {
  chrome: { tabs: { create: (props: { url: string; active: boolean }) => Promise<unknown> } };
}

export async function openPopupFor(ext: ExtensionBrowser, packagePage: Page): Promise<Page> {
  await packagePage.bringToFront();
  const url = `chrome-extension://${ext.extensionId}/${ext.popupPath}`;
  const [popup] = await Promise.all([
    ext.context.waitForEvent('page'),
    ext.worker.evaluate(async (popupUrl) => {
      await (globalThis as unknown as ChromeTabsApi).chrome.tabs.create({ url: popupUrl, active: false });
    }, url),
  ]);
  await popup.waitForLoadState('domcontentloaded');
  // The popup is designed for a narrow toolbar bubble; render it at that size for screenshots.
  await popup.setViewportSize({ width: 420, height: 640 });
  return popup;
}

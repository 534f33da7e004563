// Starts Debian's firefox-esr under puppeteer-core (WebDriver BiDi) with a fresh profile whose
// only route out is the local CONNECT proxy, installs the built Firefox extension, and knows
// its moz-extension:// origin so specs can open the popup page.
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { REPO_ROOT } from '../support/fixtures-dir';
import { firefoxPrefs } from './firefox-prefs';

export const FIREFOX_PATH = process.env.PROVENANCE_LENS_FIREFOX ?? '/usr/bin/firefox-esr';
export const FIREFOX_EXTENSION_DIR = process.env.PROVENANCE_LENS_FIREFOX_EXTENSION ?? join(REPO_ROOT, 'dist', 'firefox');

const FIREFOX_ENV = {
  // Release builds ignore the services.settings.server pref unless this is set (Mozilla's test
  // runs set it too); with it, remote settings take the dummy server and stay off the network.
  // It does NOT block connections in this build: the proxy prefs are what keep traffic local.
  MOZ_DISABLE_NONLOCAL_CONNECTIONS: '1',
};

export interface FirefoxExtensionBrowser {
  browser: Browser;
  geckoId: string;
  /** moz-extension://<uuid>/ is the extension's origin. */
  extensionUuid: string;
  popupUrl: string;
  close: () => Promise<void>;
}

interface FirefoxManifest {
  action?: { default_popup?: string };
  browser_specific_settings?: { gecko?: { id?: string } };
}

export function readFirefoxManifest(extensionDir: string): { geckoId: string; popupPath: string } {
  const file = join(extensionDir, 'manifest.json');
  if (!existsSync(file)) {
    throw new Error(`no built Firefox extension at ${extensionDir}: run \`PROVENANCE_LENS_BROWSER=firefox npx vite build\` (or \`npm run build\`) first`);
  }
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as FirefoxManifest;
  const geckoId = manifest.browser_specific_settings?.gecko?.id;
  // The fixed moz-extension:// host is keyed by this id; a generated id would be unknowable.
  if (!geckoId) throw new Error(`${file} has no browser_specific_settings.gecko.id: is this the Chrome build?`);
  const popupPath = manifest.action?.default_popup?.replace(/^\//, '');
  if (!popupPath) throw new Error(`${file} has no action.default_popup`);
  return { geckoId, popupPath };
}

export async function launchFirefoxWithExtension(proxyPort: number, extensionDir = FIREFOX_EXTENSION_DIR): Promise<FirefoxExtensionBrowser> {
  const { geckoId, popupPath } = readFirefoxManifest(extensionDir);
  const extensionUuid = randomUUID();
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless: true,
    protocol: 'webDriverBiDi',
    // WebDriver BiDi refuses to navigate a tab to moz-extension:// unless system access is
    // allowed; the popup page can be reached no other way (it is not web-accessible).
    args: ['--remote-allow-system-access'],
    env: { ...process.env, ...FIREFOX_ENV },
    // Firefox implements the BiDi session's acceptInsecureCerts by switching certificate checks
    // off browser-wide (certOverrideService), not per tab, so the extension background's fetches
    // accept the fixture server's self-signed certificate too; no certutil or CA import needed.
    acceptInsecureCerts: true,
    extraPrefsFirefox: firefoxPrefs({ proxyPort, geckoId, extensionUuid }),
    defaultViewport: { width: 1280, height: 900 },
    timeout: 30_000,
    protocolTimeout: 30_000,
    // Playwright's runner owns the process signals; puppeteer must not exit the worker.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  try {
    const installed = await browser.installExtension(extensionDir);
    if (installed !== geckoId) throw new Error(`installed extension id ${installed}, manifest says ${geckoId}`);
  } catch (error) {
    await browser.close();
    throw error;
  }
  return {
    browser,
    geckoId,
    extensionUuid,
    popupUrl: `moz-extension://${extensionUuid}/${popupPath}`,
    close: () => browser.close(),
  };
}

/**
 * Opens the toolbar popup's page for a package tab. The popup asks
 * tabs.query({active: true, currentWindow: true}), so it is opened as a background tab in the
 * same window: the package tab stays the active one, as when the real toolbar bubble opens.
 */
export async function openFirefoxPopup(ext: FirefoxExtensionBrowser, packagePage: Page, beforeLoad?: (popup: Page) => void): Promise<Page> {
  await packagePage.bringToFront();
  const popup = await ext.browser.newPage({ type: 'tab', background: true });
  beforeLoad?.(popup);
  await popup.setViewport({ width: 420, height: 640 });
  // Firefox ESR 153 sends no BiDi navigation events for moz-extension:// documents, so goto()
  // never settles even though the page loads; watch the document itself instead.
  const navigation = popup.goto(ext.popupUrl, { timeout: POPUP_LOAD_MS }).catch((error: unknown) => error);
  const deadline = Date.now() + POPUP_LOAD_MS;
  while (!(await popupLoaded(popup, ext.popupUrl))) {
    if (Date.now() > deadline) throw new Error(`popup ${ext.popupUrl} did not load: ${String(await navigation)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return popup;
}

const POPUP_LOAD_MS = 15_000;

async function popupLoaded(popup: Page, url: string): Promise<boolean> {
  const state = await popup
    .evaluate(() => ({ href: location.href, ready: document.readyState }))
    .catch(() => null); // the context is replaced mid-navigation; ask again
  return state !== null && state.href === url && state.ready === 'complete';
}

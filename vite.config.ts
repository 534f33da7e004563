/// <reference types="vitest/config" />
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import { build, defineConfig, type Alias, type Plugin, type PluginOption } from 'vite';
import { nodeBuiltinAliases } from './src/core/crypto/vite-aliases.ts';
import { compactTemplateCss } from './src/ui/compact-css.ts';
import { classicWorker } from './scripts/vite-classic-worker.ts';

// Only the keys the Firefox transform touches are typed; crxjs validates the rest.
interface ManifestSource {
  background?: { service_worker?: string; scripts?: string[]; type?: string };
  [key: string]: unknown;
}

const chromeManifest = JSON.parse(readFileSync(new URL('./manifest.json', import.meta.url), 'utf8')) as ManifestSource;

// Unit tests run under node with native crypto and without the extension packaging; the build
// swaps node built-ins for the browser adapters and packages the extension.
const testing = process.env.VITEST !== undefined;

// PROVENANCE_LENS_BROWSER picks the target; PROVENANCE_LENS_TRUST_OVERLAY (a JSON file with
// {trustedRoot, npmKeys}) is for end-to-end builds only: it makes the worker also trust the test
// Sigstore instance the e2e suite generates, and such a build goes to its own `-e2e` folder so
// it can never be mistaken for the product.
const browser = process.env.PROVENANCE_LENS_BROWSER === 'firefox' ? 'firefox' : 'chrome';
const overlayFile = process.env.PROVENANCE_LENS_TRUST_OVERLAY;
const overlay = overlayFile ? readFileSync(overlayFile, 'utf8') : 'null';
const outDir = `dist/${browser}${overlayFile ? '-e2e' : ''}`;
// PROVENANCE_LENS_TUF_ROOT (a root.json file), e2e builds only: the worker starts its TUF chain
// from that generated repository's root instead of Sigstore's, so the fixture server can play
// tuf-repo-cdn.sigstore.dev. Refused without the overlay, so no product folder can carry it.
const tufRootFile = process.env.PROVENANCE_LENS_TUF_ROOT;
if (tufRootFile && !overlayFile) throw new Error('PROVENANCE_LENS_TUF_ROOT is for e2e builds: set PROVENANCE_LENS_TRUST_OVERLAY too');
const tufRoot = tufRootFile ? JSON.stringify(readFileSync(tufRootFile, 'utf8')) : 'null';

// manifest.json is the Chrome manifest, used as it is. Firefox MV3 has no extension service
// worker: the same module runs as a background script (crxjs reads `background.scripts[0]`).
// `data_collection_permissions` first appears in Firefox 140 (desktop, an ESR) and 142 (Android);
// the MV3 keys and APIs we use (action, storage.session, module background scripts) are older.
// We collect nothing: the only requests made are to the registries in host_permissions.
// crxjs drops `use_dynamic_url` from web_accessible_resources for Firefox itself; any other
// Chrome-only key added to manifest.json later fails the `web-ext lint` step of `npm test`.
function firefoxManifest(chrome: ManifestSource): ManifestSource {
  const worker = chrome.background?.service_worker;
  if (!worker) throw new Error('manifest.json needs background.service_worker');
  return {
    ...chrome,
    background: { scripts: [worker], type: chrome.background?.type ?? 'module' },
    browser_specific_settings: {
      gecko: {
        id: 'provenance-lens@provenance-lens.invalid',
        strict_min_version: '140.0',
        data_collection_permissions: { required: ['none'] },
      },
      gecko_android: { strict_min_version: '142.0' },
    },
  };
}

const manifest = (browser === 'firefox' ? firefoxManifest(chromeManifest) : chromeManifest) as unknown as ManifestV3Export;

const extensionPlugins: PluginOption[] = testing
  ? []
  : crx({
      manifest,
      browser,
      // Self-contained content scripts: no loader, so no web-accessible resources the page could probe.
      contentScripts: { standaloneFiles: ['src/content/pypi-prepare.ts', 'src/content/pypi.ts', 'src/content/npm-prepare.ts', 'src/content/npm.ts'] },
    });

// The stylesheets in src/ui/styles.ts are template strings, whose spaces the JS minifier keeps.
// Builds read a compacted copy instead. crxjs builds the content scripts without our plugins but
// with our aliases, so the copy is a file (under .tmp/) and the switch is an alias.
function compactStylesAlias(): { find: string; replacement: string } {
  const copy = fileURLToPath(new URL('./.tmp/build/styles.ts', import.meta.url));
  mkdirSync(dirname(copy), { recursive: true });
  writeFileSync(copy, compactTemplateCss(readFileSync(new URL('./src/ui/styles.ts', import.meta.url), 'utf8')));
  return { find: '../ui/styles', replacement: copy };
}

const aliases: Alias[] = testing
  ? []
  : [...Object.entries(nodeBuiltinAliases).map(([find, replacement]) => ({ find, replacement })), compactStylesAlias()];

const jsx = { runtime: 'automatic', importSource: 'preact' } as const;

// panel.js: the details panel, injected by the worker into a tab on the first badge click
// (src/content/panel-api.ts), so the content scripts do not carry it. executeScript needs one
// classic script, so it is its own IIFE bundle (its own copy of Preact), emitted into the
// extension's output like any file; no manifest entry and no web-accessible resource.
function panelScript(): Plugin {
  return {
    name: 'provenance-lens-panel-script',
    apply: 'build',
    async generateBundle() {
      const result = await build({
        configFile: false,
        logLevel: 'warn',
        resolve: { alias: aliases },
        oxc: { jsx },
        build: {
          write: false,
          target: 'es2022',
          minify: true,
          lib: { entry: fileURLToPath(new URL('./src/content/panel-script.tsx', import.meta.url)), formats: ['iife'], name: 'provenanceLensPanel' },
        },
      });
      const outputs = (Array.isArray(result) ? result : [result]).flatMap((r) => ('output' in r ? r.output : []));
      const chunk = outputs.find((o) => o.type === 'chunk');
      if (chunk?.type !== 'chunk') throw new Error('panel.js: the panel build produced no script');
      this.emitFile({ type: 'asset', fileName: 'panel.js', source: chunk.code });
    },
  };
}

export default defineConfig({
  // Chrome only: Firefox runs the worker as a module background script (firefoxManifest).
  plugins: testing ? extensionPlugins : [extensionPlugins, panelScript(), ...(browser === 'chrome' ? [classicWorker()] : [])],
  resolve: { alias: aliases },
  define: testing ? {} : { __PROVENANCE_LENS_TRUST_OVERLAY__: overlay, __PROVENANCE_LENS_TUF_ROOT__: tufRoot },
  oxc: { jsx },
  build: {
    outDir,
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
  },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'bench/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['src/testing/code-texts-setup.ts', 'src/testing/dom-setup.ts'],
    // The CLI suites spawn bin/provenance-lens.mjs, which runs the built dist/cli: build it from
    // the sources under test once per run, so no test ever exercises a stale bundle.
    globalSetup: ['scripts/build-cli.mjs'],
    testTimeout: 60_000,
    pool: 'forks',
  },
});

/// <reference types="vitest/config" />
import { readFileSync } from 'node:fs';
import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import { defineConfig, type PluginOption } from 'vite';
import { nodeBuiltinAliases } from './src/core/crypto/vite-aliases';

const manifest = JSON.parse(readFileSync(new URL('./manifest.json', import.meta.url), 'utf8')) as ManifestV3Export;

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

const extensionPlugins: PluginOption[] = testing
  ? []
  : crx({
      manifest,
      browser,
      // Self-contained content scripts: no loader, so no web-accessible resources the page could probe.
      contentScripts: { standaloneFiles: ['src/content/pypi.ts', 'src/content/npm.ts'] },
    });

export default defineConfig({
  plugins: extensionPlugins,
  resolve: { alias: testing ? {} : { ...nodeBuiltinAliases } },
  define: testing ? {} : { __PROVENANCE_LENS_TRUST_OVERLAY__: overlay },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir,
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
  },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'bench/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    pool: 'forks',
  },
});

// Chrome runs the extension's service worker as one classic script instead of crxjs's module
// loader. Chrome keeps a V8 code cache for an installed classic worker script; for the module
// worker it compiled the whole 440 KB bundle on every start (a trace of a woken worker: 42 ms
// compiling, then 17 ms evaluating; the classic script: 10 ms compiling from its cache). MV3
// stops an idle worker after 30 s, so most pages meet a worker just started: in paired runs a
// revisit answered by a woken worker took 0.74x the time (a release page; 0.89x a 20-result
// search), the first page after a browser restart 0.88x.
// After the build, the loader's module graph is bundled into service-worker.js (an IIFE, strict
// like the modules it came from) and the manifest points at it; the loader and the worker's own
// entry chunk go. Chunks the worker shared with the popup and options pages stay for them.
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { build, type Plugin } from 'vite';

export const CLASSIC_WORKER = 'service-worker.js';

interface BuiltManifest {
  background?: { service_worker?: string; type?: string };
  [key: string]: unknown;
}

/** Static import specifiers of an ES module's text (the build's own output: `from"./x.js"`, `import"./x.js"`). */
function importsOf(code: string): string[] {
  return [...code.matchAll(/(?:from|import)\s*["']([^"']+)["']/g)].map((m) => m[1] as string);
}

/** Whether any other built script or page names `file`. */
function namedElsewhere(outDir: string, file: string, besides: string[]): boolean {
  const name = basename(file);
  const texts = readdirSync(outDir, { recursive: true, encoding: 'utf8' })
    .map((f) => join(outDir, f))
    .filter((f) => /\.(js|html)$/.test(f) && f !== file && !besides.includes(f));
  return texts.some((f) => readFileSync(f, 'utf8').includes(name));
}

export function classicWorker(): Plugin {
  // The output folder as this build resolved it (a `--outDir` given on the command line included).
  let outDir = '';
  return {
    name: 'provenance-lens-classic-worker',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    async closeBundle() {
      const manifestPath = join(outDir, 'manifest.json');
      const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as BuiltManifest;
      const loader = manifest.background?.service_worker;
      if (!loader || loader === CLASSIC_WORKER) throw new Error('classic worker: the built manifest names no module service worker');
      const result = await build({
        configFile: false,
        logLevel: 'warn',
        build: {
          write: false,
          target: 'es2022',
          minify: true,
          lib: { entry: join(outDir, loader), formats: ['iife'], name: 'provenanceLensWorker' },
        },
      });
      const outputs = (Array.isArray(result) ? result : [result]).flatMap((r) => ('output' in r ? r.output : []));
      const chunk = outputs.find((o) => o.type === 'chunk');
      if (chunk?.type !== 'chunk' || /\bimport\s*\(/.test(chunk.code)) throw new Error('classic worker: the bundle is not one classic script');
      // Strict as the modules were: a classic script is sloppy unless it says otherwise.
      const code = chunk.code.trimStart().startsWith('"use strict"') ? chunk.code : `"use strict";${chunk.code}`;
      writeFileSync(join(outDir, CLASSIC_WORKER), code);
      // The loader goes, and the worker's entry chunk it imports unless a page names it too.
      const loaderPath = join(outDir, loader);
      const besides = [loaderPath, join(outDir, CLASSIC_WORKER)];
      for (const file of importsOf(readFileSync(loaderPath, 'utf8')).map((spec) => join(outDir, spec))) {
        if (!namedElsewhere(outDir, file, besides)) rmSync(file, { force: true });
      }
      rmSync(loaderPath);
      manifest.background = { service_worker: CLASSIC_WORKER };
      writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
    },
  };
}

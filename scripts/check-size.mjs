// Size budget of the built extension (gzipped): the content script must not slow the page.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const dist = new URL('../dist/chrome/', import.meta.url).pathname;
// panel: the details panel, injected on a badge click (src/content/panel-api.ts); a click waits for it.
const BUDGET_KB = { content: 15, panel: 20, popup: 40, worker: 150 };

const manifest = JSON.parse(readFileSync(join(dist, 'manifest.json'), 'utf8'));

/** The JS a manifest entry loads, following static imports of the emitted chunks. */
function closure(entry, seen = new Set()) {
  if (seen.has(entry)) return seen;
  seen.add(entry);
  const code = readFileSync(join(dist, entry), 'utf8');
  for (const m of code.matchAll(/(?:import|from)\s*\(?\s*["']([^"']+\.js)["']/g)) {
    const spec = m[1];
    const next = spec.startsWith('/') ? spec.slice(1) : join(entry, '..', spec);
    try {
      if (statSync(join(dist, next)).isFile()) closure(next, seen);
    } catch {
      /* a runtime URL, not a file in the bundle */
    }
  }
  return seen;
}

function gzKb(files) {
  return files.reduce((sum, f) => sum + gzipSync(readFileSync(join(dist, f))).length, 0) / 1024;
}

function htmlScripts(htmlPath) {
  const html = readFileSync(join(dist, htmlPath), 'utf8');
  return [...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => m[1].replace(/^\//, ''));
}

// A page loads one site's content scripts (a tiny first one and the main one), so each site's
// together are held to the budget on their own.
const groups = [
  ...(manifest.content_scripts ?? []).map((c) => ['content', (c.js ?? []).join(' + '), (c.js ?? []).flatMap((f) => [...closure(f)])]),
  ['panel', 'panel.js', ['panel.js']],
  ['popup', manifest.action.default_popup, htmlScripts(manifest.action.default_popup).flatMap((f) => [...closure(f)])],
  ['worker', manifest.background.service_worker, [...closure(manifest.background.service_worker)]],
];

let over = 0;
for (const [kind, entry, files] of groups) {
  const unique = [...new Set(files)];
  const kb = gzKb(unique);
  const ok = kb <= BUDGET_KB[kind];
  if (!ok) over++;
  console.log(`${ok ? 'ok  ' : 'OVER'} ${kind.padEnd(8)} ${kb.toFixed(1).padStart(6)} KB gz  budget ${BUDGET_KB[kind]} KB  ${entry} (${unique.length} files)`);
}
process.exit(over ? 1 : 0);

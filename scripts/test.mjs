// `npm test`: every check CI runs, in order, then one line per suite (passed, failed, skipped)
// and last, alone on its line, the total `N passed, N failed` that CI reads. The totals count
// tests where a suite reports them (vitest, Playwright) and one check per other suite.
import './check-node.mjs';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { bin, run } from './run-step.mjs';

const out = new URL('../test-results/', import.meta.url).pathname;
mkdirSync(out, { recursive: true });
const vitestJson = `${out}vitest.json`;
const playwrightJson = `${out}playwright.json`;
// A report left by an earlier run must not stand in for a suite that did not write one.
for (const file of [vitestJson, playwrightJson]) rmSync(file, { force: true });

const steps = [
  { name: 'typecheck', cmd: bin('tsc'), args: ['--noEmit', '-p', '.'] },
  { name: 'lint', cmd: bin('eslint'), args: ['src', 'e2e', 'bench', 'scripts', 'bin'] },
  {
    name: 'unit and real-data tests',
    cmd: bin('vitest'),
    args: ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`],
    counts: () => vitestCounts(readJson(vitestJson)),
  },
  { name: 'build', cmd: process.execPath, args: [new URL('./build.mjs', import.meta.url).pathname] },
  { name: 'web-ext lint (dist/firefox)', cmd: process.execPath, args: [new URL('./web-ext-lint.mjs', import.meta.url).pathname], needs: 'build' },
  { name: 'least privilege (built manifests)', cmd: process.execPath, args: [new URL('./check-manifest.mjs', import.meta.url).pathname], needs: 'build' },
  { name: 'e2e test-CA material and dist/chrome-e2e', cmd: bin('tsx'), args: [new URL('./e2e-prepare.ts', import.meta.url).pathname], needs: 'build' },
  { name: 'bundle size budget', cmd: process.execPath, args: [new URL('./check-size.mjs', import.meta.url).pathname], needs: 'build' },
  // A clone of committed HEAD, installed from the registry alone, must run `npm start -- --headless`
  // with nothing beside it (scripts/start/fresh-clone.mjs); about a minute with npm's cache warm.
  { name: 'fresh-clone demo', cmd: process.execPath, args: [new URL('./start/fresh-clone.mjs', import.meta.url).pathname], needs: 'build' },
  {
    name: 'browser end-to-end (Chromium, Firefox)',
    cmd: bin('playwright'),
    args: ['test', '-c', 'e2e/playwright.config.ts', '--reporter=list,json'],
    env: { PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson },
    counts: () => playwrightCounts(readJson(playwrightJson)),
    needs: 'e2e test-CA material and dist/chrome-e2e',
    when: () => existsSync(new URL('../e2e/playwright.config.ts', import.meta.url)),
  },
];

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

function vitestCounts(report) {
  if (!report) return null;
  return { passed: report.numPassedTests ?? 0, failed: report.numFailedTests ?? 0, skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0) };
}

// A flaky test (failed, then passed on retry) counts as failed.
function playwrightCounts(report) {
  const stats = report?.stats;
  if (!stats) return null;
  return { passed: stats.expected ?? 0, failed: (stats.unexpected ?? 0) + (stats.flaky ?? 0), skipped: stats.skipped ?? 0 };
}

const startedAll = Date.now();
const failed = new Set();
const results = [];
for (const step of steps) {
  if (step.when && !step.when()) {
    results.push({ name: step.name, outcome: 'skipped', note: 'not set up here' });
    continue;
  }
  if (step.needs && failed.has(step.needs)) {
    console.log(`\n== ${step.name}: not run, '${step.needs}' failed`);
    failed.add(step.name);
    results.push({ name: step.name, outcome: 'failed', note: `not run, '${step.needs}' failed` });
    continue;
  }
  console.log(`\n== ${step.name}`);
  const started = Date.now();
  const code = await run(step.cmd, step.args, { env: { ...process.env, ...step.env } });
  if (code !== 0) failed.add(step.name);
  results.push({
    name: step.name,
    outcome: code === 0 ? 'passed' : 'failed',
    note: code === 0 ? '' : `exit ${code}`,
    counts: step.counts?.() ?? null,
    seconds: Math.round((Date.now() - started) / 1000),
  });
}

// One line per suite, then the total. A suite whose runner reported counts adds its tests; a
// suite without counts (or one that failed with no failing test, e.g. a crashed runner) adds
// one check, so the total says failed whenever the exit code does.
let passed = 0;
let failedCount = 0;
let skipped = 0;
const width = Math.max(...results.map((r) => r.name.length));
console.log('\n== summary');
for (const r of results) {
  const c = r.counts;
  if (c) {
    passed += c.passed;
    failedCount += c.failed;
    skipped += c.skipped;
  }
  if (r.outcome === 'passed' && !c) passed += 1;
  if (r.outcome === 'failed' && !c?.failed) failedCount += 1;
  const tests = c ? `${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped` : r.outcome;
  const extra = [c && r.outcome === 'failed' ? 'failed' : '', r.note, r.seconds === undefined ? '' : `${r.seconds} s`].filter(Boolean).join(', ');
  console.log(`${r.name.padEnd(width)}  ${tests}${extra ? ` (${extra})` : ''}`);
}
const minutes = ((Date.now() - startedAll) / 60_000).toFixed(1);
console.log(`${skipped} tests skipped; steps failed: ${failed.size ? [...failed].join(', ') : 'none'}; ${minutes} min in all`);
console.log(`${passed} passed, ${failedCount} failed`);
process.exit(failed.size || failedCount ? 1 : 0);

// `npm test`: every check CI runs, in order, then one closing line with the test counts.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { bin, run } from './run-step.mjs';

const out = new URL('../test-results/', import.meta.url).pathname;
mkdirSync(out, { recursive: true });
const vitestJson = `${out}vitest.json`;
const playwrightJson = `${out}playwright.json`;

const steps = [
  { name: 'typecheck', cmd: bin('tsc'), args: ['--noEmit', '-p', '.'] },
  { name: 'lint', cmd: bin('eslint'), args: ['src', 'e2e', 'bench', 'scripts', 'bin'] },
  {
    name: 'unit and real-data tests',
    cmd: bin('vitest'),
    args: ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`],
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
    needs: 'e2e test-CA material and dist/chrome-e2e',
    when: () => existsSync(new URL('../e2e/playwright.config.ts', import.meta.url)),
  },
];

const failed = new Set();
for (const step of steps) {
  if (step.when && !step.when()) continue;
  if (step.needs && failed.has(step.needs)) {
    console.log(`\n== ${step.name}: not run, '${step.needs}' failed`);
    failed.add(step.name);
    continue;
  }
  console.log(`\n== ${step.name}`);
  const code = await run(step.cmd, step.args, { env: { ...process.env, ...step.env } });
  if (code !== 0) failed.add(step.name);
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

const vitest = readJson(vitestJson);
const playwright = readJson(playwrightJson);
const passed = (vitest?.numPassedTests ?? 0) + (playwright?.stats?.expected ?? 0);
const failedTests = (vitest?.numFailedTests ?? 0) + (playwright?.stats?.unexpected ?? 0) + (playwright?.stats?.flaky ?? 0);

console.log(`\nsteps failed: ${failed.size ? [...failed].join(', ') : 'none'}`);
console.log(`tests: ${passed} passed, ${failedTests} failed`);
process.exit(failed.size || failedTests ? 1 : 0);

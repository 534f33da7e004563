// `npm test`'s 'fresh-clone demo' step: a clone alone must run the demo. Clones this
// repository's committed HEAD into a temporary folder outside it (so nothing sits beside the
// clone: no ../shared, no build, no node_modules), installs it from the npm registry only, and
// runs `npm start -- --headless` there with the shared-fixtures setting pointing nowhere. Fails
// when any of it fails; the folder is removed either way. Uncommitted work is not in the clone.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Generous: measured well under two minutes; a hang must not eat CI's 90. */
const STEP_TIMEOUT_MS = 12 * 60_000;

const work = mkdtempSync(join(tmpdir(), 'provenance-lens-fresh-clone-'));
if (!relative(REPO_ROOT, work).startsWith('..')) throw new Error(`${work} is inside the repository`);
const clone = join(work, 'provenance-lens');

// The clone must not find this checkout's files through the environment: drop the settings that
// point into it, and what `npm test` itself put there about this package.
const env = { ...process.env, CI: 'true', PROVENANCE_LENS_FIXTURES: join(work, 'no-shared-fixtures') };
for (const key of Object.keys(env)) {
  if (/^PROVENANCE_LENS_(EXTENSION|E2E_EXTENSION|TESTCA_DIR|TRUST_OVERLAY)$/.test(key) || /^npm_(package|lifecycle)_/.test(key) || key === 'INIT_CWD') delete env[key];
}

const deadline = Date.now() + STEP_TIMEOUT_MS;

function step(label, command, args, cwd) {
  const started = Date.now();
  console.log(`\n-- ${label}: ${command} ${args.join(' ')}`);
  return new Promise((resolvePromise) => {
    const child = spawn(command, args, { cwd, env, stdio: 'inherit', detached: true });
    const timer = setTimeout(() => {
      console.error(`fresh-clone demo: ${label} still running at the step's time limit; stopping it`);
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }, Math.max(0, deadline - Date.now()));
    child.on('error', (error) => {
      clearTimeout(timer);
      console.error(`${command}: ${error.message}`);
      resolvePromise(127);
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      console.log(`-- ${label}: exit ${signal ?? code} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
      resolvePromise(signal ? 128 : (code ?? 1));
    });
  });
}

const started = Date.now();
let code = 1;
try {
  code =
    (await step('clone committed HEAD', 'git', ['clone', '--quiet', '--no-hardlinks', REPO_ROOT, clone], work)) ||
    (await step('install', 'npm', ['ci', '--no-audit', '--no-fund', '--prefer-offline'], clone)) ||
    (await step('demo', 'npm', ['start', '--', '--headless'], clone));
} finally {
  rmSync(work, { recursive: true, force: true });
}
console.log(`\nfresh-clone demo: ${code === 0 ? 'passed' : `failed (exit ${code})`} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
process.exit(code);

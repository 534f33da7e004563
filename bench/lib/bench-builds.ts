// What the browser benchmarks measure, built into .tmp/bench: the product extension, fresh
// test-CA scenarios (scripts/e2e-prepare.ts) with the extension that also trusts them, and the
// core bundle evaluated in the extension worker. Own copies, so a concurrent `npm run build`
// or e2e prepare cannot swap the code or the test CA under a running benchmark.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { nodeBuiltinAliases } from '../../src/core/crypto/vite-aliases';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BENCH_TMP = join(REPO_ROOT, '.tmp', 'bench');
/**
 * The product build (no test trust): what real-data figures are measured on. Laid out as
 * `<dir>/dist/chrome` so a copy of scripts/check-size.mjs in `<dir>/scripts` sizes this build.
 */
export const PRODUCT_EXTENSION = join(BENCH_TMP, 'dist', 'chrome');
/** The product plus the generated test Sigstore instance, for lens-files-N and the search page. */
export const E2E_EXTENSION = join(BENCH_TMP, 'chrome-e2e');
/** scripts/e2e-prepare.ts output (PROVENANCE_LENS_TESTCA_DIR) that E2E_EXTENSION trusts. */
export const TESTCA = join(BENCH_TMP, 'testca');
const WORKER_BENCH_OUT = join(BENCH_TMP, 'page');

function step(name: string, command: string, args: string[], env: Record<string, string>): void {
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: REPO_ROOT, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, ...env } });
  if (result.status !== 0) throw new Error(`bench builds: ${name} failed (exit ${result.status ?? result.signal})`);
  console.log(`bench builds: ${name} (${Date.now() - started} ms)`);
}

/** Rebuilds everything; `npm run bench` does this once before the benchmarks. */
export function prepareBenchBuilds(): void {
  const vite = join(REPO_ROOT, 'node_modules', '.bin', 'vite');
  const tsx = join(REPO_ROOT, 'node_modules', '.bin', 'tsx');
  // An inherited overlay would turn the "product" build into a test build.
  step('product build', vite, ['build', '--logLevel', 'warn', '--outDir', PRODUCT_EXTENSION], { PROVENANCE_LENS_TRUST_OVERLAY: '' });
  step('test-CA scenarios', tsx, ['scripts/e2e-prepare.ts', '--no-build'], { PROVENANCE_LENS_TESTCA_DIR: TESTCA });
  step('test-CA build', vite, ['build', '--logLevel', 'warn', '--outDir', E2E_EXTENSION], { PROVENANCE_LENS_TRUST_OVERLAY: join(TESTCA, 'overlay.json') });
}

/** For a benchmark run on its own: builds once if anything is missing, else reuses. */
export function ensureBenchBuilds(): void {
  const ready = [PRODUCT_EXTENSION, E2E_EXTENSION].every((d) => existsSync(join(d, 'manifest.json'))) && existsSync(join(TESTCA, 'scenarios.json'));
  if (!ready) prepareBenchBuilds();
}

/**
 * The core plus bench/browser/verify-rounds.ts as one classic script (IIFE), built with the
 * product's Vite aliases, so what runs in the browser is the core as shipped (noble adapter,
 * buffer package), not a Node build of it. Answers the script's source.
 */
export async function buildWorkerBench(): Promise<string> {
  await build({
    configFile: false,
    logLevel: 'warn',
    root: REPO_ROOT,
    resolve: { alias: { ...nodeBuiltinAliases } },
    build: {
      outDir: WORKER_BENCH_OUT,
      emptyOutDir: true,
      target: 'es2022',
      minify: true,
      lib: { entry: join(REPO_ROOT, 'bench/browser/verify-rounds.ts'), formats: ['iife'], name: 'provenanceLensBenchBundle', fileName: () => 'worker-bench.js' },
    },
  });
  return readFileSync(join(WORKER_BENCH_OUT, 'worker-bench.js'), 'utf8');
}

// Test helpers that run the real `bin/provenance-lens.mjs` in a child process, the way users
// and scripts run it, with a small pool so that suites do not swamp the shared machine. The bin
// runs the JavaScript bundle in dist/cli, what the npm package ships, never the TypeScript
// sources: the vitest global setup (scripts/build-cli.mjs) rebuilds it before every run.
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const BIN = resolve(REPO_ROOT, 'bin/provenance-lens.mjs');
/** What BIN runs: written by scripts/build-cli.mjs. */
export const CLI_BUNDLE = resolve(REPO_ROOT, 'dist/cli/provenance-lens.mjs');

export interface CliRun {
  args: readonly string[];
  exitCode: number;
  stdout: string;
  stderr: string;
}

// These suites test verification with the embedded trust material: every `verify` runs
// --offline (no request to Sigstore's TUF repository, which tests must never wait on) with an
// empty cache folder of its own (a developer's cached material must not change the outcome).
// tuf-cache.test.ts tests the refresh itself against a repository it serves on loopback.
let emptyCache: string | undefined;

export function runCli(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  emptyCache ??= mkdtempSync(join(tmpdir(), 'provenance-lens-cli-'));
  const offline = args[0] === 'verify' && env.PROVENANCE_LENS_TUF_URL === undefined ? ['--offline'] : [];
  return new Promise((resolvePromise, reject) => {
    execFile(
      process.execPath,
      [BIN, ...args, ...offline],
      { cwd: REPO_ROOT, encoding: 'utf8', timeout: 60_000, env: { ...process.env, XDG_CACHE_HOME: emptyCache, NO_COLOR: '1', ...env } },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') {
          reject(error);
          return;
        }
        const exitCode = error && typeof error.code === 'number' ? error.code : 0;
        resolvePromise({ args, exitCode, stdout, stderr });
      },
    );
  });
}

/** Runs `work` over `items` with at most `limit` in flight; results keep the input order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** Two processes at a time: the machine's cores are shared with other work. */
export const CLI_CONCURRENCY = Math.max(1, Math.min(2, availableParallelism()));

/** The `--json` object a run printed, or undefined when stdout held no single JSON object. */
export function jsonOf(run: CliRun): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(run.stdout);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** A stack trace line as node prints it: what a CLI must never show its users. */
export const STACK_LINE = /^\s+at\s.+[:(]/m;

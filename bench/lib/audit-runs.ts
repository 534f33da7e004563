// The two whole processes the audit benchmark times, each checked for having done the work:
// `provenance-lens audit` (its own bundle, built from the current sources) and
// `npm audit signatures` on the installed tree. Child processes run asynchronously: the
// loopback registry and the TUF proxy answer them from this very process.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Not bench-builds.ts's: that module loads vite, which nothing here needs.
const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface Run {
  ms: number;
  /** CPU time of the node process (user + system, all its threads); NaN if it did not report. */
  cpuMs: number;
  code: number | null;
  stdout: string;
  stderr: string;
}

// On a shared 2-core machine the wall clock mostly measures the neighbours; the CPU time the
// process itself used is the steadier figure. Node reports it from inside: a module preloaded
// through NODE_OPTIONS (so `npm`, a node script, gets it too) writes it to stderr at exit.
const CPU_MARK = 'provenance-lens-bench-cpu-us=';
const CPU_HOOK = `import{writeSync}from'node:fs';process.on('exit',()=>{const u=process.cpuUsage();writeSync(2,'\\n${CPU_MARK}'+(u.user+u.system)+'\\n')})`;
const nodeOptions = `${process.env.NODE_OPTIONS ?? ''} --import=data:text/javascript,${encodeURIComponent(CPU_HOOK)}`.trim();

// Under `npm run bench` the environment carries npm's own settings (npm_config_local_prefix,
// npm_config_cache, ...) naming this checkout: the npm runs below must not inherit them, or
// `npm ci` could act on the checkout instead of the generated project.
const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));

export function runTimed(command: string, args: readonly string[], options: { cwd: string; env: Record<string, string> }): Promise<Run> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const env = { ...inherited, NODE_OPTIONS: nodeOptions, ...options.env };
    const child = spawn(command, args, { cwd: options.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - started;
      const cpuUs = new RegExp(`^${CPU_MARK}(\\d+)$`, 'm').exec(stderr)?.[1];
      resolve({ ms, cpuMs: cpuUs === undefined ? NaN : Number(cpuUs) / 1000, code, stdout, stderr: stderr.replace(new RegExp(`\\n?${CPU_MARK}\\d+\\n`, 'g'), '') });
    });
  });
}

const excerpt = (run: Run) => `exit ${run.code}, stdout ${JSON.stringify(run.stdout.slice(0, 300))}, stderr ${JSON.stringify(run.stderr.slice(0, 600))}`;

/**
 * The package's layout (bin/ beside dist/cli/) in .tmp/bench/cli-audit, built by
 * scripts/build-cli.mjs from the current sources: what `provenance-lens` runs once installed,
 * and a concurrent build in the checkout cannot swap the code under a running benchmark.
 */
export function buildCliCopy(): string {
  const dir = join(REPO_ROOT, '.tmp', 'bench', 'cli-audit');
  const bin = join(dir, 'bin', 'provenance-lens.mjs');
  mkdirSync(join(dir, 'bin'), { recursive: true });
  copyFileSync(join(REPO_ROOT, 'bin', 'provenance-lens.mjs'), bin);
  const built = spawnSync(process.execPath, [join(REPO_ROOT, 'scripts', 'build-cli.mjs'), join(dir, 'dist', 'cli')], { stdio: 'inherit' });
  if (built.status !== 0) throw new Error('scripts/build-cli.mjs failed');
  return bin;
}

export type Timing = Pick<Run, 'ms' | 'cpuMs'>;

export interface Expected {
  packages: number;
  attested: number;
}

/** One `provenance-lens audit --json`; fails unless every package got the status it should. */
export async function timeAudit(cli: { bin: string; lockfile: string; trustArgs: string[]; env: Record<string, string> }, expected: Expected): Promise<Timing> {
  const run = await runTimed(process.execPath, [cli.bin, 'audit', cli.lockfile, '--json', ...cli.trustArgs], { cwd: REPO_ROOT, env: { NO_COLOR: '1', ...cli.env } });
  let statuses: string[] = [];
  try {
    statuses = (JSON.parse(run.stdout) as { packages: { status: string }[] }).packages.map((p) => p.status);
  } catch {
    // reported below with the output
  }
  const count = (status: string) => statuses.filter((s) => s === status).length;
  if (run.code !== 0 || statuses.length !== expected.packages || count('verified') !== expected.attested || count('none') !== expected.packages - expected.attested) {
    throw new Error(`provenance-lens audit did not verify the tree: ${excerpt(run)}`);
  }
  return { ms: run.ms, cpuMs: run.cpuMs };
}

/** Installs the tree from the lockfile, once: what `npm audit signatures` reads. */
export async function npmCi(project: string, registry: string, cache: string, env: Record<string, string>): Promise<number> {
  const run = await runTimed('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund', '--registry', registry, '--cache', cache], { cwd: project, env });
  if (run.code !== 0) throw new Error(`npm ci failed: ${excerpt(run)}`);
  return run.ms;
}

/** One `npm audit signatures`; fails unless it verified every signature and attestation. */
export async function timeNpmAudit(project: string, registry: string, cache: string, env: Record<string, string>, expected: Expected): Promise<Timing> {
  const run = await runTimed('npm', ['audit', 'signatures', '--registry', registry, '--cache', cache, '--color=false'], { cwd: project, env });
  const signatures = /^(\d+) packages? ha(?:s a|ve) verified registry signatures?$/m.exec(run.stdout)?.[1];
  const attestations = /^(\d+) packages? ha(?:s a|ve) verified attestations?$/m.exec(run.stdout)?.[1];
  if (run.code !== 0 || Number(signatures) !== expected.packages || Number(attestations) !== expected.attested) {
    throw new Error(`npm audit signatures did not verify the tree: ${excerpt(run)}`);
  }
  return { ms: run.ms, cpuMs: run.cpuMs };
}

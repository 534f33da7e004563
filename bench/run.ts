// `npm run bench`: rebuilds what the browser benchmarks measure (lib/bench-builds.ts), runs
// every benchmark in its own process (a cold first pass must really be cold), and ends with ONE
// table of every figure, its median, its target and the ratio or verdict. Nothing here asserts
// a time: a benchmark that crashes makes the run fail, a slow figure only says OVER.
//   npm run bench            (each benchmark also runs alone: npx tsx bench/<name>.ts)
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BENCH_TMP, prepareBenchBuilds, REPO_ROOT } from './lib/bench-builds';
import { renderSummary, SUMMARY_FILE_ENV, type SummaryRow } from './lib/stats';

interface Step {
  script: string;
  args: string[];
  /** What the step is, for the failure row. */
  about: string;
}

const STEPS: Step[] = [
  { script: 'bench/verify-crypto.ts', args: ['10'], about: 'crypto adapter vs native (Node)' },
  { script: 'bench/verify-in-worker.ts', args: ['15'], about: 'verification in the extension worker' },
  { script: 'bench/time-to-badge.ts', args: ['5'], about: 'time to badge' },
  { script: 'bench/round-trips.ts', args: ['5'], about: 'round trips in series on a distant registry' },
  { script: 'bench/badge-scaling.ts', args: ['5'], about: 'badge scaling 1/10/30/60 files' },
  { script: 'bench/worker-memory.ts', args: ['200'], about: 'worker memory after 200 requests' },
  { script: 'bench/history.ts', args: ['5'], about: 'release timeline, 200 releases cold/warm' },
  { script: 'bench/cli-startup.ts', args: ['21'], about: 'CLI start-up vs bare @sigstore/verify' },
  { script: 'bench/audit.ts', args: ['3'], about: 'audit of a 1,000-package lockfile vs npm audit signatures' },
];

const tsx = join(REPO_ROOT, 'node_modules', '.bin', 'tsx');
const scratch = mkdtempSync(join(tmpdir(), 'provenance-lens-bench-summary-'));
const rows: SummaryRow[] = [];
let failed = 0;

function run(script: string, args: string[], env: Record<string, string> = {}): { ok: boolean; seconds: number } {
  const started = Date.now();
  const result = spawnSync(tsx, [script, ...args], { cwd: REPO_ROOT, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, ...env } });
  return { ok: result.status === 0, seconds: (Date.now() - started) / 1000 };
}

// Sizes come from scripts/check-size.mjs itself (budgets stay in one place). It sizes
// `../dist/chrome` relative to its own location, so a copy of it in .tmp/bench/scripts sizes
// the benchmarks' product build, the very code measured below.
function sizeRows(): SummaryRow[] {
  const script = join(BENCH_TMP, 'scripts', 'check-size.mjs');
  mkdirSync(join(BENCH_TMP, 'scripts'), { recursive: true });
  copyFileSync(join(REPO_ROOT, 'scripts', 'check-size.mjs'), script);
  const out = spawnSync(process.execPath, [script], { encoding: 'utf8' });
  process.stdout.write(out.stdout + out.stderr);
  // e.g. "ok   content    14.6 KB gz  budget 15 KB  src/content/pypi-prepare.js + src/content/pypi.js (2 files)"
  const found = [...out.stdout.matchAll(/^(ok|OVER)\s+(\S+)\s+([\d.]+) KB gz\s+budget (\d+) KB\s+(.+?) \(\d+ files\)$/gm)];
  if (found.length === 0) throw new Error(`could not read scripts/check-size.mjs output (exit ${out.status})`);
  return found.map(([, verdict, kind, kb, budget, entry]) => ({
    figure: `size, ${kind} (${(entry ?? '').replaceAll('src/', '')}), gzip`,
    median: `${kb} KB`,
    target: `<= ${budget} KB`,
    verdict: `${verdict} (${(Number(kb) / Number(budget)).toFixed(2)} of budget)`,
  }));
}

try {
  console.log('== builds (.tmp/bench)');
  prepareBenchBuilds();
  console.log('\n== bundle sizes (scripts/check-size.mjs on the bench build)');
  rows.push(...sizeRows());
  STEPS.forEach((step, i) => {
    console.log(`\n== ${step.script} ${step.args.join(' ')}`);
    const file = join(scratch, `${i}.json`);
    const { ok, seconds } = run(step.script, step.args, { [SUMMARY_FILE_ENV]: file });
    console.log(`(${step.script}: ${seconds.toFixed(0)} s)`);
    if (ok) {
      rows.push(...(JSON.parse(readFileSync(file, 'utf8')) as SummaryRow[]));
    } else {
      failed++;
      rows.push({ figure: step.about, median: '-', target: '-', verdict: `FAILED (${step.script}, see above)` });
    }
  });
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

console.log(`\n== Summary (one run, ${new Date().toISOString().slice(0, 10)}; medians; ratios are what to compare across machines)\n`);
console.log(renderSummary(rows));
if (failed > 0) process.exitCode = 1;

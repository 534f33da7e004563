// Verification cost per package inside the extension's service worker in Chromium vs native
// Node, on the same real fixtures (PyPI provenance objects, npm attestations responses).
//   npx tsx bench/verify-in-worker.ts [sweeps]
// The worker is timed twice: the plain synchronous core ("sync"), and the core as the shipped
// worker runs it, through verifyAhead (signatures by WebCrypto; "ahead").
//
// Where the browser side runs, and why: the shipped worker exposes no hook (no bench code in the
// product), and MV3 service workers may not import() modules. So the product's core is built
// with the product's Vite aliases into one classic script (lib/bench-builds.ts) and evaluated
// over CDP in the running service worker of the product extension build: same isolate type, same
// JIT, same worker global and the same noble adapter as the real verifier; only the fetch and
// the message round trip are left out (bench/time-to-badge.ts measures those end to end).
// Native runs first in this fresh process, so both sides have a cold first pass; the cold-pass
// figure itself is the median of several fresh workers and Node processes.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { createTrustContext, verifyNpmAttestations, verifyPypiProvenance } from '../src/core/index';
import { FIXTURES_DIR } from '../src/testing/fixtures';
import { createRoundRunner, type WorkerBenchApi } from './browser/verify-rounds';
import { launchBenchBrowser, restartWorker } from './lib/bench-browser';
import { buildWorkerBench, ensureBenchBuilds, PRODUCT_EXTENSION, REPO_ROOT } from './lib/bench-builds';
import { loadPackageCases, type PackageCaseSet } from './lib/package-cases';
import { finishBench, median, ms, ratio, ratioVerdict, renderTable, sum, type SummaryRow } from './lib/stats';

const SWEEPS = Number(process.argv[2] ?? 15);
// Issue 19: a fresh worker's cold pass at most native Node's time; per package fresh (memos
// cleared, JIT warm) at most half of it; a repeat keeps the first round's 1.5x.
const TARGET = { fresh: 0.5, repeat: 1.5, cold: 1.0 };
const nativeCore = { createTrustContext, verifyPypiProvenance, verifyNpmAttestations, clearMemos: () => undefined };
type Bench = { __provenanceLensBench?: WorkerBenchApi };

/** A cold pass of the native core in a new Node process (bench/lib/native-cold-pass.ts). */
function nativeColdPass(): { ms: number[]; statuses: string[] } {
  const out = spawnSync(join(REPO_ROOT, 'node_modules', '.bin', 'tsx'), ['bench/lib/native-cold-pass.ts'], { cwd: REPO_ROOT, encoding: 'utf8' });
  if (out.status !== 0) throw new Error(`native cold pass failed: ${out.stderr}`);
  return JSON.parse(out.stdout.trim().split('\n').pop()!) as { ms: number[]; statuses: string[] };
}

const all = loadPackageCases(FIXTURES_DIR);
const nativeCold = createRoundRunner(nativeCore, all).cold();
// Only packages that verify natively are compared; anything else would time an early exit.
const keep = nativeCold.statuses.map((s) => s === 'verified');
const kept = <T>(values: T[]): T[] => values.filter((_, i) => keep[i]);
const set: PackageCaseSet = { trustInput: all.trustInput, cases: kept(all.cases) };
const native = createRoundRunner(nativeCore, set);
native.cold();
console.log(`${set.cases.length} of ${all.cases.length} packages verify natively; ${SWEEPS} sweeps each side, alternating\n`);

ensureBenchBuilds();
const code = await buildWorkerBench();
const browser = await launchBenchBrowser({ extensionDir: PRODUCT_EXTENSION, serverPort: 9 });
const perCase = (): number[][] => set.cases.map((): number[] => []);
const fresh = { native: perCase(), worker: perCase(), ahead: perCase() };
const repeat = { native: perCase(), worker: perCase(), ahead: perCase() };
const add = (into: number[][], values: number[]): void => values.forEach((v, i) => into[i]?.push(v));
let workerCold: { ms: number[]; statuses: string[] };
try {
  await browser.worker.evaluate(code);
  workerCold = await browser.worker.evaluate((s) => (globalThis as Bench).__provenanceLensBench!.start(s), set);
  const workerSweep = (clear: boolean) => browser.worker.evaluate((c) => (globalThis as Bench).__provenanceLensBench!.sweep(c), clear);
  const aheadSweep = (clear: boolean) => browser.worker.evaluate((c) => (globalThis as Bench).__provenanceLensBench!.sweepAhead(c), clear);
  for (let i = 0; i < SWEEPS; i++) {
    add(fresh.native, native.sweep(true));
    add(fresh.worker, await workerSweep(true));
    add(repeat.native, native.sweep(false));
    add(repeat.worker, await workerSweep(false));
    add(fresh.ahead, await aheadSweep(true));
    add(repeat.ahead, await aheadSweep(false));
  }
} finally {
  await browser.close();
}
// The shipped worker's first verdicts go through verifyAhead: fresh workers for that, and as
// many fresh Node processes for native. One cold pass is one sample, and single samples swung
// from 0.86x to 1.92x between two runs of the same code: the figure is the median of several.
// The judged pass is a fresh worker's as people meet it: the browser is running, the extension's
// worker was stopped (MV3 stops it when idle) and an event starts a new one, with its own
// start-up work (trust material, a TUF refresh if due, the start-up verification, the first of
// the session's) beside the pass, which starts at once. Started as the browser itself launches,
// it shares the machine's two cores with the browser's start as well (155 ms at launch, 88
// ms 2 s later, in one paired run): printed, not judged; what people wait for at a browser
// start is bench/time-to-badge.ts's first-visit figures, which include all of it. Native's
// process has neither beside it, and neither side counts its own start or module loading.
/** Woken mode: the browser's own start is over before its worker is stopped and woken. */
const SETTLE_MS = 2000;
const COLD_SAMPLES = 9;
const coldAheadSums: number[] = [];
const atLaunchSums: number[] = [];
const coldNativeSums: number[] = [];
async function freshWorkerPass(when: 'woken' | 'at launch'): Promise<number> {
  const aheadBrowser = await launchBenchBrowser({ extensionDir: PRODUCT_EXTENSION, serverPort: 9 });
  try {
    let worker = aheadBrowser.worker;
    if (when === 'woken') {
      await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
      worker = await restartWorker(aheadBrowser, true);
    }
    await worker.evaluate(code);
    const pass = await worker.evaluate((s) => (globalThis as Bench).__provenanceLensBench!.startAhead(s), set);
    const broken = set.cases.filter((_, k) => workerCold.statuses[k] !== 'verified' || pass.statuses[k] !== 'verified').map((c) => c.name);
    if (broken.length > 0) throw new Error(`did not verify in the worker: ${broken.join(', ')}`);
    return sum(pass.ms);
  } finally {
    await aheadBrowser.close();
  }
}
for (let i = 0; i < COLD_SAMPLES; i++) {
  coldAheadSums.push(await freshWorkerPass('woken'));
  atLaunchSums.push(await freshWorkerPass('at launch'));
  coldNativeSums.push(sum(kept(nativeColdPass().ms)));
}

const rows = set.cases.map((c, i) => ({
  name: c.name,
  nf: median(fresh.native[i]!),
  wf: median(fresh.worker[i]!),
  nr: median(repeat.native[i]!),
  wr: median(repeat.worker[i]!),
  af: median(fresh.ahead[i]!),
  ar: median(repeat.ahead[i]!),
}));
const totalOf = (k: 'nf' | 'wf' | 'nr' | 'wr' | 'af' | 'ar'): number => sum(rows.map((r) => r[k]));
const total = { nf: totalOf('nf'), wf: totalOf('wf'), nr: totalOf('nr'), wr: totalOf('wr'), af: totalOf('af'), ar: totalOf('ar') };
const table = [...rows, { name: 'TOTAL (sum of medians)', ...total }].map((r) => [
  r.name, ms(r.nf), ms(r.wf), ratio(r.wf / r.nf), ms(r.af), ratio(r.af / r.nf), ms(r.nr), ms(r.wr), ratio(r.wr / r.nr), ms(r.ar), ratio(r.ar / r.nr),
]);
const headers = ['package', 'native fresh', 'sync fresh', 'ratio', 'ahead fresh', 'ratio', 'native repeat', 'sync repeat', 'ratio', 'ahead repeat', 'ratio'];
console.log(renderTable(headers, table));
const perPackage = (t: number): string => ms(t / rows.length);
const [coldNative, coldWorker, coldAhead, atLaunch] = [median(coldNativeSums), sum(workerCold.ms), median(coldAheadSums), median(atLaunchSums)];
console.log(`\ncold first pass (trust context built, empty memos, cold JIT; all ${set.cases.length} once): native ${ms(coldNative)}, worker sync ${ms(coldWorker)} (${ratio(coldWorker / coldNative)}, one sample), worker ahead ${ms(coldAhead)} (${ratio(coldAhead / coldNative)})`);
console.log(`cold passes, ${COLD_SAMPLES} fresh workers / Node processes: ahead, woken ${coldAheadSums.map(ms).join(', ')}; ahead, at launch ${atLaunchSums.map(ms).join(', ')}; native ${coldNativeSums.map(ms).join(', ')}`);
console.log('fresh = memos cleared before each pass (JIT warm); repeat = the same packages again, memos kept.');
console.log('sync = the core called directly in the worker; ahead = through verifyAhead, as the shipped worker verifies.');
console.log(`ahead vs sync in the worker, fresh: ${ratio(total.af / total.wf)} (${perPackage(total.af)} vs ${perPackage(total.wf)} per package)`);
console.log('Worker times come from the browser clock, which Chromium coarsens to 0.1 ms here.');

// The target is judged on what the worker runs (verifyAhead); the pure-JS core alone is its
// fallback when WebCrypto cannot decide, shown for what it costs, not judged.
const FALLBACK = 'info: pure-JS fallback';
const summary: SummaryRow[] = [
  { figure: 'verifyAhead in worker vs native, fresh (per package)', median: `${perPackage(total.af)} vs ${perPackage(total.nf)}`, target: `<= ${TARGET.fresh}x`, verdict: ratioVerdict(total.af / total.nf, TARGET.fresh) },
  { figure: 'verifyAhead in worker vs native, repeat (per package)', median: `${perPackage(total.ar)} vs ${perPackage(total.nr)}`, target: `<= ${TARGET.repeat}x`, verdict: ratioVerdict(total.ar / total.nr, TARGET.repeat) },
  { figure: `verifyAhead in worker vs native, cold pass (${rows.length} pkgs, a woken worker)`, median: `${ms(coldAhead)} vs ${ms(coldNative)}`, target: `<= ${TARGET.cold}x`, verdict: ratioVerdict(coldAhead / coldNative, TARGET.cold) },
  { figure: `the same, started as the browser launches`, median: `${ms(atLaunch)} vs ${ms(coldNative)}`, target: 'info: browser start beside it', verdict: ratio(atLaunch / coldNative) },
  { figure: 'sync core in worker vs native, fresh (per package)', median: `${perPackage(total.wf)} vs ${perPackage(total.nf)}`, target: FALLBACK, verdict: ratio(total.wf / total.nf) },
  { figure: 'sync core in worker vs native, repeat (per package)', median: `${perPackage(total.wr)} vs ${perPackage(total.nr)}`, target: FALLBACK, verdict: ratio(total.wr / total.nr) },
  { figure: `sync core in worker vs native, cold pass (${rows.length} pkgs)`, median: `${ms(coldWorker)} vs ${ms(coldNative)}`, target: FALLBACK, verdict: ratio(coldWorker / coldNative) },
];
finishBench('verification cost in the extension worker', summary);

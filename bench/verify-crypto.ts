// Native node crypto vs the browser-safe adapter, verifying every real PyPI attestation and
// npm bundle that verifies, through @sigstore/verify itself (node's crypto module patched, as
// in the adapter's tests). Prints medians and ratios; asserts nothing about time.
//   npx tsx bench/verify-crypto.ts [runs]
import { clearCryptoMemos } from '../src/core/crypto/node-crypto';
import { loadBundleCases, type BundleCase } from '../src/core/crypto/testing/real-bundle-cases';
import { withCrypto, type CryptoImpl } from '../src/core/crypto/testing/swap-node-crypto';
import { makeVerifier, verifyCase } from '../src/core/crypto/testing/verify-bundle-case';
import { FIXTURES_DIR } from '../src/testing/fixtures';
import { finishBench, median, ms, ratio, renderTable, sum, timeOnce } from './lib/stats';

const RUNS = Number(process.argv[2] ?? 15);
const WARMUP_ROUNDS = 3;

type Verifier = ReturnType<typeof makeVerifier>;
interface Prepared {
  c: BundleCase;
  native: Verifier;
  adapter: Verifier;
}

function run(impl: CryptoImpl, p: Prepared): number {
  const { ms: elapsed, result } = timeOnce(() => withCrypto(impl, () => verifyCase(p.c, p[impl])));
  if (!result.ok) throw new Error(`${p.c.name} stopped verifying with ${impl}: ${result.message}`);
  return elapsed;
}

const cases = loadBundleCases(FIXTURES_DIR).filter((c) => c.group !== 'conformance');
// Trust material is built once per implementation, as the extension builds it once.
const prepared: Prepared[] = cases
  .map((c) => ({ c, native: withCrypto('native', () => makeVerifier(c)), adapter: withCrypto('adapter', () => makeVerifier(c)) }))
  .filter((p) => withCrypto('native', () => verifyCase(p.c, p.native)).ok);
console.log(`${prepared.length} of ${cases.length} PyPI/npm bundles verify; ${RUNS} runs each, fixtures from ${FIXTURES_DIR}\n`);

// Warm-up: let the JIT settle on both paths before anything is measured.
for (let i = 0; i < WARMUP_ROUNDS; i++) {
  for (const p of prepared) {
    run('native', p);
    clearCryptoMemos();
    run('adapter', p);
  }
}

// Cold first pass: one sweep over all bundles starting with empty memos, the way a fresh
// worker meets them (later bundles may reuse the shared chain memoised by earlier ones).
clearCryptoMemos();
const coldNative = prepared.map((p) => run('native', p));
const coldAdapter = prepared.map((p) => run('adapter', p));

const rows: string[][] = [];
const totals = { native: 0, warm: 0, noMemo: 0 };
for (const p of prepared) {
  const native: number[] = [];
  const warm: number[] = [];
  const noMemo: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    native.push(run('native', p));
    warm.push(run('adapter', p));
    clearCryptoMemos();
    noMemo.push(run('adapter', p));
  }
  const [n, w, x] = [median(native), median(warm), median(noMemo)];
  totals.native += n;
  totals.warm += w;
  totals.noMemo += x;
  rows.push([p.c.name.replace(/^(pypi|npm)\//, ''), ms(n), ms(w), ratio(w / n), ms(x), ratio(x / n)]);
}
rows.push(['TOTAL (sum of medians)', ms(totals.native), ms(totals.warm), ratio(totals.warm / totals.native), ms(totals.noMemo), ratio(totals.noMemo / totals.native)]);

const header = ['bundle', 'native median', 'adapter warm median', 'ratio', 'adapter no-memo median', 'ratio'];
console.log(renderTable(header, rows));
console.log(
  `\ncold first pass (empty memos, all ${prepared.length} bundles once): native ${ms(sum(coldNative))}, ` +
    `adapter ${ms(sum(coldAdapter))}, ratio ${ratio(sum(coldAdapter) / sum(coldNative))}`,
);
console.log('warm = memos filled by earlier runs of the same bundle; no-memo = memos cleared before each run.');

// Figures for bench/run.ts's table; the adapter has no target of its own under Node, the
// in-browser ratio (bench/verify-in-worker.ts) is the one held to 1.5x.
const perBundle = (total: number): string => ms(total / prepared.length);
finishBench('crypto adapter vs native under Node', [
  { figure: `crypto under Node: adapter vs native, warm (${prepared.length} bundles)`, median: `${perBundle(totals.warm)} vs ${perBundle(totals.native)}`, target: 'info', verdict: ratio(totals.warm / totals.native) },
  { figure: 'crypto under Node: adapter vs native, no memo', median: `${perBundle(totals.noMemo)} vs ${perBundle(totals.native)}`, target: 'info', verdict: ratio(totals.noMemo / totals.native) },
  { figure: 'crypto under Node: adapter vs native, cold pass', median: `${ms(sum(coldAdapter))} vs ${ms(sum(coldNative))}`, target: 'info', verdict: ratio(sum(coldAdapter) / sum(coldNative)) },
]);

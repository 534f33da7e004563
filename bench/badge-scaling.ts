// Scaling of time-to-badge with the number of files in a release: lens-files-1, -10, -30, -60
// (test-CA scenarios, every file attested), cold (verdict cache cleared) and warm.
//   npx tsx bench/badge-scaling.ts [reps]
// "No worse than linear" means t(60)/t(1) <= 60: the fixed cost per page (fetching the release
// JSON, mounting, messaging) is shared, so a sound implementation lands well below 60.
import { startFixtureServer } from '../e2e/server/fixture-server';
import { badgePage, coldWarmPair, medians, statusSummary, type ScenarioTimings } from './lib/badge-scenarios';
import { launchBenchBrowser } from './lib/bench-browser';
import { E2E_EXTENSION, ensureBenchBuilds, TESTCA } from './lib/bench-builds';
import { finishBench, ms, ratio, renderTable, type SummaryRow } from './lib/stats';

const REPS = Number(process.argv[2] ?? 5);
const LADDER = [1, 10, 30, 60] as const;

ensureBenchBuilds();
const server = await startFixtureServer({ generated: TESTCA, registryCaching: true });
const browser = await launchBenchBrowser({ extensionDir: E2E_EXTENSION, serverPort: server.port });
const cold = new Map<number, number>();
const warm = new Map<number, number>();
const table: string[][] = [];
try {
  // At least the title badge and one per file; a file may be badged in more than one place.
  const scenarios = LADDER.map((n) => ({ label: `lens-files-${n}`, url: `https://pypi.org/project/lens-files-${n}/1.0.0/`, expected: n + 1 }));
  const page = await badgePage(browser, scenarios[0]!);
  const timings = scenarios.map((): ScenarioTimings => ({ cold: [], warm: [], coldRequests: [], warmRequests: [], coldCpu: [] }));
  // Repetitions outermost, so a busy moment on a shared machine hits every size alike; the
  // first round only warms up the JIT.
  for (let rep = -1; rep < REPS; rep++) {
    for (const [i, s] of scenarios.entries()) {
      const { cold: c, warm: w } = await coldWarmPair(browser, page, s);
      if (rep >= 0) timings[i]!.cold.push(c.timing);
      if (rep >= 0) timings[i]!.warm.push(w.timing);
    }
  }
  LADDER.forEach((n, i) => {
    const t = timings[i]!;
    const [c, w] = [medians(t.cold).nav, medians(t.warm).nav];
    cold.set(n, c);
    warm.set(n, w);
    table.push([`lens-files-${n}`, String(n), ms(c), ms(c / n), ms(w), ms(w / n), statusSummary(t.cold)]);
  });
} finally {
  await browser.close();
  await server.stop();
}

const at = (m: Map<number, number>, n: number): number => m.get(n) ?? Number.NaN;
console.log(renderTable(['release', 'files', 'cold (from navigation)', 'per file', 'warm', 'per file', 'badges'], table));
// Within 5% of linear is noise on a shared machine, not a trend worth an OVER.
const linearity = (r: number, linear: number): string => (r <= linear ? 'ok' : r <= linear * 1.05 ? 'about linear (within 5%)' : 'OVER, worse than linear');
const growth = at(cold, 60) / at(cold, 1);
const marginal = (at(cold, 60) - at(cold, 1)) / 59;
console.log(`\nmedians of ${REPS} cold/warm pairs. cold t(60)/t(1) = ${ratio(growth)} (linear would be 60x); t(60)/t(30) = ${ratio(at(cold, 60) / at(cold, 30))} (linear: 2x); marginal cost per extra file ${ms(marginal)}`);

const summary: SummaryRow[] = [
  ...LADDER.map((n): SummaryRow => ({ figure: `badge, lens-files-${n}, cold, per file`, median: `${ms(at(cold, n) / n)} (total ${ms(at(cold, n))})`, target: 'info', verdict: n === 1 ? 'base' : `${ratio(at(cold, n) / at(cold, 1))} of t(1)` })),
  { figure: 'scaling: cold t(60)/t(1) vs linear 60x', median: ratio(growth), target: '<= 60x', verdict: growth <= 60 ? 'ok, no worse than linear' : 'OVER, worse than linear' },
  { figure: 'scaling: cold t(60)/t(30) vs linear 2x', median: ratio(at(cold, 60) / at(cold, 30)), target: '<= 2x', verdict: linearity(at(cold, 60) / at(cold, 30), 2) },
  { figure: 'scaling: marginal cost per extra file, cold', median: ms(marginal), target: 'info', verdict: 'info' },
];
finishBench('badge scaling with files per release', summary);

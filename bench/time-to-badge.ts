// Time from navigation to final badges on the local fixture server, cold and warm.
//   npx tsx bench/time-to-badge.ts [reps]
// Real-data pages run on the product build; lens-files-60 and the 20-result search pages (PyPI
// and npm) exist only as test-CA scenarios, so they run on the build that also trusts the test CA.
// "cold" = verdict cache cleared, browser and worker already running (JIT warm); "first visit"
// = the first page in a freshly launched browser with a new profile (just installed), one sample
// per launch; "after a browser restart" = the same, in a profile the extension was used in before;
// "woken" = a revisit in a worker stopped as when idle (MV3: after 30 s), the visit waking it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFixtureServer, type FixtureServer } from '../e2e/server/fixture-server';
import { timeToBadges, type BadgeTiming } from './lib/badge-timer';
import { badgePage, cpuSummary, measureScenario, measureWoken, medians, statusSummary, type BadgeScenario } from './lib/badge-scenarios';
import { launchBenchBrowser } from './lib/bench-browser';
import { E2E_EXTENSION, ensureBenchBuilds, PRODUCT_EXTENSION, TESTCA } from './lib/bench-builds';
import { against, finishBench, median, ms, renderTable, type SummaryRow } from './lib/stats';

const REPS = Number(process.argv[2] ?? 7);
const FIRST_VISIT_LAUNCHES = 3;
/** Warm badges: within this many ms of DOMContentLoaded (npm: of the load event, when its client has hydrated). */
const WARM_TARGET = 20;
/** A woken worker's revisit is a worker start, as a browser start is: the first badge's target. */
const WOKEN_TARGET = 300;

interface Planned extends BadgeScenario {
  extensionDir: string;
  /** Cold target in ms from navigation start. */
  coldTarget: number;
  /** npm's badges wait for its client's hydration (the load event): warm is judged from there. */
  warmFrom?: 'load';
  /** Also revisited in a woken worker. */
  woken?: boolean;
}

ensureBenchBuilds();
const real = PRODUCT_EXTENSION;
const testca = E2E_EXTENSION;
const pypiOne: Planned = { label: 'PyPI release, 1 file (pypi-attestations 0.0.19, real)', url: 'https://pypi.org/project/pypi-attestations/0.0.19/', expected: 1, extensionDir: real, coldTarget: 300, woken: true };
/** Checked in the session before a restart, so the restarted browser's first page is not in the verdict cache. */
const otherPackage: Planned = { label: 'sampleproject 4.0.0 (real)', url: 'https://pypi.org/project/sampleproject/4.0.0/', expected: 1, extensionDir: real, coldTarget: 300 };
const plan: Planned[] = [
  pypiOne,
  { label: 'npm package (sigstore 2.3.1, real)', url: 'https://www.npmjs.com/package/sigstore/v/2.3.1', expected: 1, extensionDir: real, coldTarget: 300, warmFrom: 'load' },
  { label: 'PyPI release, 60 files (lens-files-60, test CA)', url: 'https://pypi.org/project/lens-files-60/1.0.0/', expected: 61, extensionDir: testca, coldTarget: 500 },
  { label: 'PyPI search, 20 results (?q=lens, test CA)', url: 'https://pypi.org/search/?q=lens', expected: 20, extensionDir: testca, coldTarget: 500, viewport: { width: 1280, height: 4000 }, woken: true },
  { label: 'npm search, 20 results (?q=lens-npm, test CA)', url: 'https://www.npmjs.com/search?q=lens-npm', expected: 20, extensionDir: testca, coldTarget: 500, viewport: { width: 1280, height: 4000 }, warmFrom: 'load' },
];

/** Registry API requests (not the pages and their assets): what the worker asked for. */
const isApi = (r: { host: string; path: string }) => r.host === 'registry.npmjs.org' || /^\/(pypi|simple|integrity)\//.test(r.path);

const server: FixtureServer = await startFixtureServer({ generated: TESTCA, registryCaching: true });
const apiRequests = () => server.requests.filter(isApi).length;
const table: string[][] = [];
const summary: SummaryRow[] = [];
const cpuLines: string[] = [];
try {
  /** A browser launched on `profile` (a new one if none) visits `page` first thing; closed after. */
  const visitFirst = async (page: Planned, profile?: string): Promise<BadgeTiming> => {
    const browser = await launchBenchBrowser({ extensionDir: real, serverPort: server.port, ...(profile === undefined ? {} : { profile }) });
    try {
      return await timeToBadges(await badgePage(browser, page), page.url, page.expected);
    } finally {
      await browser.close();
    }
  };
  const firstVisits = (what: string, unit: string, timings: BadgeTiming[]) => {
    const [nav, dcl] = [median(timings.map((t) => t.sinceNavigation)), median(timings.map((t) => t.sinceDomContentLoaded))];
    table.push([`${pypiOne.label}: first visit after ${what}`, ms(nav), ms(dcl), '-', '-', `${timings.length} ${unit}`]);
    summary.push({ figure: `badge, 1-file PyPI, first visit after ${what}`, median: `${ms(nav)} (DCL+${ms(dcl)})`, target: '<= 300 ms', verdict: against(nav, 300) });
  };

  // First visits: a new browser each time, so worker start-up state is part of the figure.
  const installed: BadgeTiming[] = [];
  for (let i = 0; i < FIRST_VISIT_LAUNCHES; i++) installed.push(await visitFirst(pypiOne));
  firstVisits('install', 'launches', installed);

  // A browser start as people have it: the extension was installed and used in an earlier
  // session (another package checked), so the browser's caches of its code are there; the first
  // page of the new session is a package not checked before.
  const restarted: BadgeTiming[] = [];
  for (let i = 0; i < FIRST_VISIT_LAUNCHES; i++) {
    const profile = mkdtempSync(join(tmpdir(), 'provenance-lens-bench-restart-'));
    try {
      await visitFirst(otherPackage, profile);
      restarted.push(await visitFirst(pypiOne, profile));
    } finally {
      rmSync(profile, { recursive: true, force: true });
    }
  }
  firstVisits('a browser restart', 'restarts', restarted);

  for (const dir of [real, testca]) {
    const browser = await launchBenchBrowser({ extensionDir: dir, serverPort: server.port });
    try {
      for (const s of plan.filter((p) => p.extensionDir === dir)) {
        const t = await measureScenario(browser, s, REPS, apiRequests);
        const [cold, warm] = [medians(t.cold), medians(t.warm)];
        const [coldAsked, warmAsked] = [median(t.coldRequests), median(t.warmRequests)];
        table.push([`${s.label}: cold`, ms(cold.nav), ms(cold.dcl), ms(cold.load), String(coldAsked), statusSummary(t.cold)]);
        table.push([`${s.label}: warm`, ms(warm.nav), ms(warm.dcl), ms(warm.load), String(warmAsked), statusSummary(t.warm)]);
        const short = s.label.replace(/ \(.*\)$/, '');
        const [from, warmAfter] = s.warmFrom === 'load' ? ['load', warm.load] : ['DCL', warm.dcl];
        summary.push({ figure: `badge, ${short}, cold`, median: `${ms(cold.nav)} (DCL+${ms(cold.dcl)})`, target: `<= ${s.coldTarget} ms`, verdict: against(cold.nav, s.coldTarget) });
        summary.push({ figure: `badge, ${short}, warm`, median: `${from}+${ms(warmAfter)} (${ms(warm.nav)})`, target: `<= ${from}+${WARM_TARGET} ms`, verdict: against(warmAfter, WARM_TARGET) });
        summary.push({ figure: `registry requests, ${short}, cold / warm`, median: `${coldAsked} / ${warmAsked}`, target: 'info', verdict: 'see README' });
        cpuLines.push(`${short}, cold: ${cpuSummary(t.coldCpu) || 'no /proc here'}`);
      }
      for (const s of plan.filter((p) => p.extensionDir === dir && p.woken === true)) {
        const w = await measureWoken(browser, s, REPS, apiRequests);
        const [woken, asked] = [medians(w.timings), median(w.requests)];
        table.push([`${s.label}: revisit, woken worker`, ms(woken.nav), ms(woken.dcl), ms(woken.load), String(asked), statusSummary(w.timings)]);
        const short = s.label.replace(/ \(.*\)$/, '');
        summary.push({ figure: `badge, ${short}, revisit in a woken worker`, median: `${ms(woken.nav)} (DCL+${ms(woken.dcl)}; ${asked} requests)`, target: `<= ${WOKEN_TARGET} ms`, verdict: against(woken.nav, WOKEN_TARGET) });
      }
    } finally {
      await browser.close();
    }
  }
} finally {
  await server.stop();
}

console.log(renderTable(['page', 'since navigation', 'since DOMContentLoaded', 'since load', 'registry requests', 'badges'], table));
console.log(`\nCPU ms per cold visit by process (median; on 2 cores a cold page is bound by CPU):\n${cpuLines.map((l) => `  ${l}`).join('\n')}`);
console.log(`\nmedians of ${REPS} cold/warm pairs per page (first visits: ${FIRST_VISIT_LAUNCHES} launches each); cold targets are judged from navigation start, warm from DOMContentLoaded (npm: from the load event, its hydration).`);
finishBench('time to badge', summary);

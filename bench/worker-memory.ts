// Worker memory after 200 verdict requests: the extension service worker's JS heap, read over
// the DevTools protocol after a forced GC, before and after.
//   npx tsx bench/worker-memory.ts [requests]
// What is verified: the fixture server has no endless supply of distinct attested packages, so
// the requests go round every release it can answer with attestations (REAL below plus every
// generated test-CA release except the fault projects, which exercise error paths), as
// `page/retry` messages from the options page (the popup's retry): `fresh`, so each one
// fetches and verifies again instead of reading the verdict cache; the cache is also cleared
// between rounds so storage stays small. Heap via puppeteer-core (a dev dependency already, for
// the Firefox tests): Playwright opens CDP sessions for pages and frames only, not workers.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { startFixtureServer } from '../e2e/server/fixture-server';
import type { GeneratedScenarios } from '../e2e/testca/scenario-manifest';
import { clearVerdictCache, launchBenchBrowser, sendPageMessage } from './lib/bench-browser';
import { E2E_EXTENSION, ensureBenchBuilds, TESTCA } from './lib/bench-builds';
import { against, finishBench, renderTable } from './lib/stats';

const REQUESTS = Number(process.argv[2] ?? 200);
const TARGET_MB = 50;

interface Release {
  registry: 'pypi' | 'npm';
  name: string;
  version: string;
  /** Attested files (PyPI) or attestation responses (npm) the worker verifies for it. */
  attested: number;
}

// Real-data packages served by e2e/server/{pypi,npm}-scenarios.ts that verify (or partly do).
const REAL: Release[] = [
  { registry: 'pypi', name: 'pypi-attestations', version: '0.0.19', attested: 1 },
  { registry: 'pypi', name: 'sampleproject', version: '4.0.0', attested: 2 },
  { registry: 'pypi', name: 'sigstore', version: '3.6.1', attested: 1 },
  { registry: 'npm', name: 'sigstore', version: '2.3.1', attested: 1 },
  { registry: 'npm', name: '@playwright/cli', version: '0.1.1', attested: 1 },
];

function generatedReleases(): Release[] {
  const scenarios = JSON.parse(readFileSync(join(TESTCA, 'scenarios.json'), 'utf8')) as GeneratedScenarios;
  return [
    ...scenarios.pypi
      .filter((p) => p.fault === undefined)
      .flatMap((p) => p.releases.map((r): Release => ({ registry: 'pypi', name: p.name, version: r.version, attested: r.files.filter((f) => f.provenance !== null).length }))),
    ...scenarios.npm.flatMap((p) => p.versions.map((v): Release => ({ registry: 'npm', name: p.name, version: v.version, attested: v.attestations === null ? 0 : 1 }))),
  ];
}

const mb = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(1)} MB`;

ensureBenchBuilds();
const releases = [...REAL, ...generatedReleases()];
const server = await startFixtureServer({ generated: TESTCA });
const browser = await launchBenchBrowser({ extensionDir: E2E_EXTENSION, serverPort: server.port, devtools: true });
const devtools = await puppeteer.connect({ browserWSEndpoint: browser.devtoolsEndpoint!, defaultViewport: null });
try {
  const target = await devtools.waitForTarget((t) => t.type() === 'service_worker' && t.url().startsWith(`chrome-extension://${browser.extensionId}/`));
  const cdp = await target.createCDPSession();
  const heapNow = async () => cdp.send('Runtime.getHeapUsage');
  const heapAfterGc = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    return heapNow();
  };
  // A marker in the worker's global: still there at the end = one worker did all the work.
  await browser.worker.evaluate(() => Object.assign(globalThis, { __provenanceLensBenchMarker: true }));
  await browser.extensionPage();
  const start = await heapAfterGc();
  const rows: string[][] = [['worker started, options page open', mb(start.usedSize), mb(start.totalSize), '-']];
  const statuses = new Map<string, number>();
  let [largest, files, done] = [0, 0, 0];
  const started = Date.now();
  while (done < REQUESTS) {
    await clearVerdictCache(browser);
    for (const r of releases.slice(0, REQUESTS - done)) {
      const verdict = await sendPageMessage<{ status: string }>(browser, { type: 'page/retry', pkg: { registry: r.registry, name: r.name, version: r.version } });
      statuses.set(verdict.status, (statuses.get(verdict.status) ?? 0) + 1);
      files += r.attested;
      done++;
    }
    const before = await heapNow();
    largest = Math.max(largest, before.usedSize);
    const after = await heapAfterGc();
    rows.push([`after ${done} requests`, mb(after.usedSize), mb(after.totalSize), mb(before.usedSize)]);
  }
  const same = await browser.worker.evaluate(() => (globalThis as { __provenanceLensBenchMarker?: boolean }).__provenanceLensBenchMarker === true);
  if (!same) throw new Error('the service worker was restarted during the run: the figure would not be one worker\'s');
  const end = await heapAfterGc();
  console.log(renderTable(['moment', 'heap used after GC', 'heap total', 'used before that GC'], rows));
  console.log(`\n${REQUESTS} requests going round ${releases.length} releases in ${((Date.now() - started) / 1000).toFixed(1)} s; ${files} attested files / npm responses verified; verdicts: ${[...statuses].map(([s, n]) => `${s} ${n}`).join(', ')}`);
  console.log(`releases: ${releases.map((r) => `${r.registry}:${r.name}@${r.version}`).join(' ')}`);
  finishBench('worker memory', [
    { figure: `worker heap after ${REQUESTS} verdict requests, after GC`, median: `${mb(end.usedSize)} (start ${mb(start.usedSize)})`, target: `<= ${TARGET_MB} MB`, verdict: against(end.usedSize / 2 ** 20, TARGET_MB) },
    { figure: 'worker heap at round ends, largest, before GC', median: mb(largest), target: 'info', verdict: `${files} files/responses verified` },
  ]);
} finally {
  await devtools.disconnect();
  await browser.close();
  await server.stop();
}

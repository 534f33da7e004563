// Round trips in series before a badge, on a registry far away: the worker's verdict service
// (continuity notes included, as the extension runs it) over test-CA-signed registries whose
// every answer waits RTT ms. On the loopback fixture server a round trip is a few milliseconds
// and lost in the noise; on the real network it is what people wait for. Figure: median cold
// verdict time / RTT (the CPU between answers adds a little), and the requests it made.
//   npx tsx bench/round-trips.ts [reps]
import { verifyNpmAttestations, verifyPypiProvenance } from '../src/core/index';
import type { PackageRef } from '../src/core/verdict';
import { createVerdictCache } from '../src/background/cache';
import { createContinuityService } from '../src/background/continuity-service';
import { fakeStorage } from '../src/background/testing/fake-storage';
import { npmPackageRoutes, pypiProjectRoutes, testTrust } from '../src/background/testing/testca-registry';
import { createVerdictService } from '../src/background/verdicts';
import { distributionNames } from '../e2e/testca/generate-pypi';
import { DEFAULT_LIMITS } from '../src/background/fetch-limited';
import { HostLimiter } from '../src/background/host-limiter';
import { releaseUrl } from '../src/registries/pypi/api';
import { pypiReleaseRoutes } from '../src/registries/testing/real-pypi-release';
import type { Fetcher } from '../src/registries/fetcher';
import { fakeFetcher, type FakeRoute } from '../src/registries/testing/fake-fetcher';
import { createTestSigstore, fakeSha256, githubIdentity } from '../src/testing/testca/index';
import { against, finishBench, median, ms, renderTable, type SummaryRow } from './lib/stats';

const REPS = Number(process.argv[2] ?? 5);
const RTTS = [50, 100];
const ts = await createTestSigstore();
const owner = githubIdentity('acme/demo');
const verifiers = { verifyPypiProvenance, verifyNpmAttestations };

interface Case {
  label: string;
  pkg: PackageRef;
  routes: () => Record<string, FakeRoute>;
  /** The fewest round trips in series the registry's API allows for this page. */
  minimum: number;
}

const CASES: Case[] = [
  {
    label: 'PyPI release page (2 releases, continuity note)',
    pkg: { registry: 'pypi', name: 'demo', version: '1.1' },
    routes: () => pypiProjectRoutes(ts, 'demo', [{ version: '1.0', identity: owner }, { version: '1.1', identity: owner }]),
    // The release's JSON, then its files' provenance (in parallel).
    minimum: 2,
  },
  {
    label: 'PyPI "latest" page (2 releases, continuity note)',
    pkg: { registry: 'pypi', name: 'demo' },
    routes: () => pypiProjectRoutes(ts, 'demo', [{ version: '1.0', identity: owner }, { version: '1.1', identity: owner }]),
    // The project JSON names the files; then their provenance; the earlier release's after both.
    minimum: 2,
  },
  {
    label: 'npm version page (2 versions, continuity note)',
    pkg: { registry: 'npm', name: 'demo', version: '1.1.0' },
    routes: () => npmPackageRoutes(ts, 'demo', [{ version: '1.0.0', identity: owner }, { version: '1.1.0', identity: owner }]),
    // The version document, then its attestations.
    minimum: 2,
  },
  {
    label: 'PyPI release page, 60 files',
    pkg: { registry: 'pypi', name: 'wide', version: '1.0' },
    routes: () => pypiRelease('wide', '1.0', 60),
    // The release's JSON, the Simple API (which files have provenance), then every file's
    // provenance at once: only as many at a time as the worker lets through per host.
    minimum: 3,
  },
];

/** One release of `count` files signed in one session (as pypi-publish does), no other release. */
function pypiRelease(name: string, version: string, count: number): Record<string, FakeRoute> {
  const session = ts.keylessSession(owner);
  const files = distributionNames(name, version, count).map(({ filename }) => {
    const sha256 = fakeSha256(`${name}/${filename}`);
    const attestation = ts.pypiAttestation({ filename, sha256, identity: owner, session });
    return { filename, sha256, provenance: ts.pypiProvenance({ publisher: owner, attestations: [attestation] }) };
  });
  const routes = pypiReleaseRoutes(name, version, files) as Record<string, FakeRoute>;
  // PyPI's project JSON also lists every release's files.
  const latest = routes[releaseUrl(name).href] as { urls: unknown[] };
  routes[releaseUrl(name).href] = { ...latest, releases: { [version]: latest.urls } };
  return routes;
}

async function coldVerdict(c: Case, rtt: number): Promise<{ ms: number; requests: number }> {
  const registry = fakeFetcher(c.routes());
  // The worker's own per-host limit (fetch-limited.ts) around a registry RTT ms away.
  const limiter = new HostLimiter(DEFAULT_LIMITS.perHost);
  const fetcher: Fetcher = (url, init) =>
    limiter.run(url.origin, async () => {
      await new Promise((resolve) => setTimeout(resolve, rtt));
      return registry(url, init);
    });
  const cache = createVerdictCache(fakeStorage(), { trustVersion: () => 'bench' });
  const trust = testTrust(ts);
  const continuity = createContinuityService({ fetcher, verifiers, cache });
  const service = createVerdictService({ fetcher, verifiers, trust: () => trust, cache, continuity });
  const started = performance.now();
  const verdict = await service.getVerdict(c.pkg);
  if (verdict.status !== 'verified') throw new Error(`${c.label}: ${verdict.status}, expected verified`);
  return { ms: performance.now() - started, requests: registry.requests.length };
}

const table: string[][] = [];
const summary: SummaryRow[] = [];
for (const c of CASES) await coldVerdict(c, 0); // compile the verification path once
for (const rtt of RTTS) {
  for (const c of CASES) {
    const runs: { ms: number; requests: number }[] = [];
    for (let i = 0; i < REPS; i++) runs.push(await coldVerdict(c, rtt));
    const t = median(runs.map((r) => r.ms));
    const trips = t / rtt;
    table.push([c.label, `${rtt} ms`, ms(t), trips.toFixed(1), String(runs[0]?.requests ?? 0)]);
    summary.push({ figure: `round trips in series, ${c.label}, RTT ${rtt} ms`, median: `${trips.toFixed(1)} (${ms(t)})`, target: `<= ${c.minimum + 0.5}`, verdict: against(trips, c.minimum + 0.5) });
  }
}
console.log(renderTable(['page (cold verdict, worker service)', 'RTT', 'median', 'round trips', 'requests'], table));
console.log(`\nmedians of ${REPS} cold verdicts each; round trips = median / RTT (CPU between answers included).`);
finishBench('round trips in series', summary);

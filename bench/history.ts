// A 200-release timeline (issue 17.3), cold and warm: generated PyPI and npm histories signed by
// the test CA, served on loopback over HTTP, built by the timeline service through the worker's
// fetcher (4 requests per host) with the real core. Cold = an empty verdict cache; warm = the
// same timeline again with the cache the cold run filled (one listing request). Verification
// runs as the CLI runs it (node's crypto) and as the worker does (background/verifiers.ts: the
// browser crypto adapter, its ECDSA checks answered ahead by WebCrypto). Crypto memos are
// cleared before every cold run.
//   npx tsx bench/history.ts [reps]
import { createLimitedFetcher, DEFAULT_LIMITS } from '../src/background/fetch-limited';
import { createWorkerVerifiers } from '../src/background/verifiers';
import { testTrust } from '../src/background/testing/testca-registry';
import { fetcherOnBases } from '../src/cli/audit/registry-endpoints';
import { clearCryptoMemos } from '../src/core/crypto/node-crypto';
import { withCrypto } from '../src/core/crypto/testing/swap-node-crypto';
import type { Verifiers } from '../src/registries/adapter';
import { verifyNpmAttestations, verifyPypiProvenance } from '../src/core/index';
import type { Registry } from '../src/core/verdict';
import { buildTimeline, createMemoryVerdictCache, type HistoryVerdictCache, type Timeline } from '../src/registries/history/index';
import { serveRoutes } from '../src/registries/history/testing/route-server';
import { npmHistoryRoutes, pypiHistoryRoutes, steadyHistory } from '../src/registries/history/testing/testca-history';
import { createTestSigstore, githubIdentity } from '../src/testing/testca/index';
import { against, finishBench, median, ms, renderTable, type SummaryRow } from './lib/stats';

const REPS = Number(process.argv[2] ?? 5);
const RELEASES = 200;
const COLD_TARGET_MS = 10_000;
const WARM_TARGET_MS = 100;
/** The worker's per-host cap. */
const PER_HOST = DEFAULT_LIMITS.perHost;

const ts = await createTestSigstore();
type Mode = 'cli' | 'worker';
// Trust material holds key objects of the crypto it was built with: one per mode.
const trustOn = { cli: withCrypto('native', () => testTrust(ts)), worker: withCrypto('adapter', () => testTrust(ts)) };
const underAdapter = {
  verifyPypiProvenance: (...args: Parameters<typeof verifyPypiProvenance>) => withCrypto('adapter', () => verifyPypiProvenance(...args)),
  verifyNpmAttestations: (...args: Parameters<typeof verifyNpmAttestations>) => withCrypto('adapter', () => verifyNpmAttestations(...args)),
};
const verifiersOn: Record<Mode, Verifiers> = {
  cli: { verifyPypiProvenance, verifyNpmAttestations },
  worker: createWorkerVerifiers({ core: underAdapter, subtle: globalThis.crypto.subtle }),
};
const identity = githubIdentity('acme/demo');
console.log(`generating ${RELEASES}-release histories signed by the test CA...`);
const server = await serveRoutes({ ...pypiHistoryRoutes(ts, 'demo', steadyHistory(RELEASES, identity)), ...npmHistoryRoutes(ts, 'demo', steadyHistory(RELEASES, identity)) });
const fetcher = fetcherOnBases(createLimitedFetcher({ perHost: PER_HOST }), { npm: new URL(server.npmUrl), pypi: new URL(server.pypiUrl) });

async function timed(registry: Registry, mode: Mode, cache: HistoryVerdictCache): Promise<{ ms: number; timeline: Timeline }> {
  const start = performance.now();
  const timeline = await buildTimeline(registry, 'demo', { fetcher, verifiers: verifiersOn[mode], trust: trustOn[mode], cache });
  const elapsed = performance.now() - start;
  const verified = timeline.releases.filter((r) => r.status === 'verified').length;
  if (verified !== RELEASES) throw new Error(`${registry}/${mode}: ${verified} of ${RELEASES} releases verified`);
  return { ms: elapsed, timeline };
}

const table: string[][] = [];
const summary: SummaryRow[] = [];
try {
  for (const registry of ['pypi', 'npm'] as const) {
    for (const mode of ['cli', 'worker'] as const) {
      const cold: number[] = [];
      const warm: number[] = [];
      let coldRequests = 0;
      let warmRequests = 0;
      // One unmeasured pair first: the JIT settles, as in a browser that has been open a while.
      for (let rep = -1; rep < REPS; rep++) {
        const cache = createMemoryVerdictCache();
        clearCryptoMemos();
        const c = await timed(registry, mode, cache);
        const w = await timed(registry, mode, cache);
        if (rep < 0) continue;
        cold.push(c.ms);
        warm.push(w.ms);
        coldRequests = c.timeline.requests;
        warmRequests = w.timeline.requests;
      }
      const label = `${registry}, ${mode === 'cli' ? 'CLI: node crypto' : 'worker: adapter + WebCrypto'}`;
      table.push([label, ms(median(cold)), ms(median(warm)), `${coldRequests} / ${warmRequests}`]);
      summary.push({ figure: `timeline, ${RELEASES} releases (${label}), cold`, median: ms(median(cold)), target: `<= ${COLD_TARGET_MS / 1000} s`, verdict: against(median(cold), COLD_TARGET_MS) });
      summary.push({ figure: `timeline, ${RELEASES} releases (${label}), warm`, median: ms(median(warm)), target: `<= ${WARM_TARGET_MS} ms`, verdict: against(median(warm), WARM_TARGET_MS) });
    }
  }
} finally {
  await server.close();
}

console.log(`\n${RELEASES}-release timelines, ${REPS} reps each (medians); loopback HTTP, ${PER_HOST} requests per host\n`);
console.log(renderTable(['history', 'cold', 'warm', 'requests cold / warm'], table));
finishBench('history', summary);

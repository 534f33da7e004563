// `provenance-lens audit` on a 1,000-package package-lock.json (issue 18 item 6), as a whole
// process, against `npm audit signatures` on the same tree and registry. The tree is generated
// and signed by the test Sigstore instance (lib/audit-tree.ts) and served on loopback
// (lib/audit-registry.ts); the CLI gets that instance's trusted root and npm keys as files.
// Cold: an empty cache folder (XDG_CACHE_HOME for the CLI, --cache for npm); warm: the same
// command again on the cache the cold run left. npm gets its TUF repository through a loopback
// proxy (lib/audit-tuf-proxy.ts): offline it cannot run at all. Each run must have verified
// the whole tree, or the benchmark fails; times are only printed (medians), never asserted.
// Beside the wall clock (what the target is about), each process's own CPU time: on a busy
// shared machine the wall clock swings with the neighbours, the CPU time hardly at all.
// What each side checks per package: npm, the registry's ECDSA signature over
// `name@version:integrity` for every package and, when listed, both attestation bundles
// (subject = the packument's integrity and purl, Sigstore verification, no signer policy); it
// reads the packument's integrity, not the lockfile's or the installed tarball's.
// provenance-lens, for attested versions: the same bundles and registry signature, the SLSA
// predicate against the certificate, the lockfile's integrity bound to the attested digest,
// and publisher continuity (the nearest earlier attested release is verified too).
//   npx tsx bench/audit.ts [reps=3] [packages=1000]
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestSigstore } from '../src/testing/testca/index';
import { startBenchRegistry } from './lib/audit-registry';
import { buildCliCopy, npmCi, runTimed, timeAudit, timeNpmAudit, type Expected, type Timing } from './lib/audit-runs';
import { generateTree, projectFiles } from './lib/audit-tree';
import { startTufProxy } from './lib/audit-tuf-proxy';
import { against, finishBench, median, ratio, renderTable, type SummaryRow } from './lib/stats';

const REPS = Number(process.argv[2] ?? 3);
const PACKAGES = Number(process.argv[3] ?? 1000);
const COLD_TARGET_MS = 30_000;
const WARM_TARGET_MS = 2_000;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

const scratch = mkdtempSync(join(tmpdir(), 'provenance-lens-bench-audit-'));
const fresh = (name: string) => mkdtempSync(join(scratch, `${name}-`));
const registry = await startBenchRegistry();
const ts = await createTestSigstore();

interface Side {
  label: string;
  /** A cache folder for one cold run (and the warm run after it). */
  newCache: () => string;
  time: (cache: string) => Promise<Timing>;
  cold: Timing[];
  warm: Timing[];
  requests: { cold: number; warm: number };
}

const side = (label: string, newCache: () => string, time: (cache: string) => Promise<Timing>): Side => ({ label, newCache, time, cold: [], warm: [], requests: { cold: 0, warm: 0 } });

/** Cold then warm on a fresh cache, for one side; registry requests counted per run. */
async function coldWarm(s: Side, rep: number): Promise<void> {
  const cache = s.newCache();
  for (const kind of ['cold', 'warm'] as const) {
    registry.requests = 0;
    s[kind].push(await s.time(cache));
    s.requests[kind] = registry.requests;
  }
  const shown = (t: Timing | undefined) => `${seconds(t?.ms ?? NaN)} (CPU ${seconds(t?.cpuMs ?? NaN)})`;
  console.log(`${s.label}, run ${rep + 1}/${REPS}: cold ${shown(s.cold.at(-1))}, warm ${shown(s.warm.at(-1))}`);
}

try {
  const bin = buildCliCopy();
  let started = performance.now();
  const tree = generateTree(ts, PACKAGES);
  registry.publish(ts, tree);
  const attested = tree.filter((p) => p.versions.at(-1)?.identity).length;
  const expected: Expected = { packages: PACKAGES, attested };
  const signed = tree.reduce((n, p) => n + p.versions.filter((v) => v.attestations).length, 0);
  console.log(`tree: ${PACKAGES} packages (${attested} attested, ${PACKAGES - attested} without provenance), ${signed} attested versions signed in ${seconds(performance.now() - started)}`);

  const project = join(scratch, 'project');
  mkdirSync(project);
  const { packageJson, packageLock } = projectFiles(tree, registry.url);
  writeFileSync(join(project, 'package.json'), `${JSON.stringify(packageJson, null, 2)}\n`);
  writeFileSync(join(project, 'package-lock.json'), `${JSON.stringify(packageLock, null, 2)}\n`);
  writeFileSync(join(scratch, 'trusted_root.json'), JSON.stringify(ts.trustedRoot));
  writeFileSync(join(scratch, 'npm-keys.json'), JSON.stringify(ts.npmKeys));

  const cli = {
    bin,
    lockfile: join(project, 'package-lock.json'),
    trustArgs: ['--trusted-root', join(scratch, 'trusted_root.json'), '--keys', join(scratch, 'npm-keys.json')],
    env: { PROVENANCE_LENS_NPM_REGISTRY_URL: registry.url },
  };
  const audit = side('provenance-lens audit', () => fresh('xdg'), (cache) => timeAudit({ ...cli, env: { ...cli.env, XDG_CACHE_HOME: cache } }, expected));

  // npm reads no configuration of the developer's (an empty user config) and never phones home.
  const npmrc = join(scratch, 'empty-npmrc');
  writeFileSync(npmrc, '');
  const proxy = await startTufProxy(ts, scratch);
  const npmEnv = { ...proxy.env, NPM_CONFIG_USERCONFIG: npmrc, NPM_CONFIG_UPDATE_NOTIFIER: 'false' };
  const npmVersion = (await runTimed('npm', ['--version'], { cwd: project, env: npmEnv })).stdout.trim();
  started = performance.now();
  await npmCi(project, registry.url, fresh('npm-install-cache'), npmEnv);
  console.log(`npm ${npmVersion}: npm ci of the tree in ${seconds(performance.now() - started)}`);
  const newNpmCache = () => {
    const cache = fresh('npm-cache');
    proxy.seed(cache);
    return cache;
  };
  const npm = side('npm audit signatures', newNpmCache, (cache) => timeNpmAudit(project, registry.url, cache, npmEnv, expected));
  try {
    // Interleaved, first one side then the other: a busy moment on a shared machine hits both.
    for (let rep = 0; rep < REPS; rep++) for (const s of rep % 2 === 0 ? [audit, npm] : [npm, audit]) await coldWarm(s, rep);
  } finally {
    await proxy.close();
  }
  const refused = proxy.requests.filter((r) => r.startsWith('REFUSED'));
  if (refused.length > 0) throw new Error(`npm tried to leave the machine: ${refused.join(', ')}`);

  const of = (runs: Timing[]) => ({ ms: median(runs.map((r) => r.ms)), cpu: median(runs.map((r) => r.cpuMs)) });
  const medians = (x: Side) => ({ cold: of(x.cold), warm: of(x.warm) });
  const [a, n] = [medians(audit), medians(npm)];
  const label = `${PACKAGES}-package package-lock.json`;
  const table = [
    [`provenance-lens audit, ${label}, cold`, a.cold, COLD_TARGET_MS, n.cold],
    [`provenance-lens audit, ${label}, warm`, a.warm, WARM_TARGET_MS, n.warm],
    [`npm audit signatures (npm ${npmVersion}), same tree, cold`, n.cold],
    [`npm audit signatures (npm ${npmVersion}), same tree, warm`, n.warm],
  ] as const;
  const cells = table.map(([figure, t, target, npmSide]) => [
    figure,
    seconds(t.ms),
    seconds(t.cpu),
    target ? `<= ${target / 1000} s` : '-',
    target ? against(t.ms, target) : 'info',
    npmSide ? `${ratio(t.ms / npmSide.ms)} (CPU ${ratio(t.cpu / npmSide.cpu)})` : '-',
  ]);
  console.log(`\n${REPS} runs each (medians); registry requests per run: audit ${audit.requests.cold} cold / ${audit.requests.warm} warm, npm audit signatures ${npm.requests.cold} / ${npm.requests.warm}\n`);
  console.log(renderTable(['figure', 'median', 'CPU', 'target', 'verdict', 'ratio to npm audit signatures'], cells));
  const rows: SummaryRow[] = cells.map(([figure = '', median = '', cpu = '', target = '', verdict = '', toNpm = '']) => ({
    figure,
    median,
    target,
    verdict: verdict === 'info' ? `info (CPU ${cpu})` : `${verdict}; ${toNpm} npm audit signatures; CPU ${cpu}`,
  }));
  finishBench('audit', rows);
} finally {
  await registry.close();
  rmSync(scratch, { recursive: true, force: true });
}

// What the `provenance-lens` command costs as a whole process, against the floor: a bare node
// script doing only the library's share of the same work (@sigstore/verify's Verifier on the
// same bundles, with the same trusted root and npm keys). Runs alternate in pairs, so a busy
// moment on a shared machine hits both sides; prints medians and the ratio (target <= 1.2x,
// issue 18), for the CLI given the fixture's trust files and for its default embedded material.
// Asserts nothing about time; a run that does not verify fails the benchmark.
//   npx tsx bench/cli-startup.ts [pairs]
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FIXTURES_DIR } from '../src/testing/fixtures';
import { finishBench, median, ms, ratio, ratioVerdict, renderTable, type SummaryRow } from './lib/stats';

const PAIRS = Number(process.argv[2] ?? 21);
const WARMUP_PAIRS = 2;
const TARGET = 1.2;
const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
// The package's layout (bin/ beside dist/cli/), built here from the current sources: a
// concurrent build in the checkout cannot swap the code under a running benchmark.
const CLI_COPY = join(REPO_ROOT, '.tmp', 'bench', 'cli');
const CLI_BIN = join(CLI_COPY, 'bin', 'provenance-lens.mjs');

const fixture = (rel: string): string => join(FIXTURES_DIR, rel);
const ATTESTATIONS = fixture('npm/sigstore/sigstore@2.3.1.attestations.json');
const VERSION_DOC = fixture('npm/sigstore/sigstore@2.3.1.version.json');
const TRUSTED_ROOT = fixture('sigstore/trusted_root.json');
const NPM_KEYS = fixture('sigstore/npm-registry-keys.json');

// The bare script resolves the same installed packages the CLI bundles, by absolute path (it
// lives in a temp folder, away from node_modules); CommonJS, as those packages are.
const resolveDep = createRequire(join(REPO_ROOT, 'package.json')).resolve;
const bareScript = `'use strict';
const { readFileSync } = require('node:fs');
const { bundleFromJSON } = require(${JSON.stringify(resolveDep('@sigstore/bundle'))});
const { crypto } = require(${JSON.stringify(resolveDep('@sigstore/core'))});
const { TrustedRoot } = require(${JSON.stringify(resolveDep('@sigstore/protobuf-specs'))});
const { toSignedEntity, toTrustMaterial, Verifier } = require(${JSON.stringify(resolveDep('@sigstore/verify'))});
const [attestationsFile, rootFile, keysFile] = process.argv.slice(2);
const json = (file) => JSON.parse(readFileSync(file, 'utf8'));
const keys = json(keysFile).keys.filter((k) => k.keyUsage === 'npm:attestations');
// npm's publish attestations are signed by a registry key, valid for a period of time.
const keyFinder = (hint) => {
  const key = keys.find((k) => k.keyId === hint);
  if (!key) throw new Error('no npm key ' + hint);
  const start = new Date(key.publicKey.validFor.start);
  const end = key.publicKey.validFor.end ? new Date(key.publicKey.validFor.end) : undefined;
  return { publicKey: crypto.createPublicKey(key.publicKey.rawBytes), validFor: (d) => d >= start && (!end || d <= end) };
};
const verifier = new Verifier(toTrustMaterial(TrustedRoot.fromJSON(json(rootFile)), keyFinder), { tlogThreshold: 1, ctlogThreshold: 1 });
const { attestations } = json(attestationsFile);
for (const a of attestations) verifier.verify(toSignedEntity(bundleFromJSON(a.bundle)));
console.log('verified ' + attestations.length);
`;

interface Side {
  name: string;
  args: string[];
  /** stdout of a run that verified. */
  ok: RegExp;
}

const version = JSON.parse(readFileSync(VERSION_DOC, 'utf8')) as { name: string; version: string; dist: { integrity: string } };
const cliArgs = [
  CLI_BIN, 'verify', 'npm', '--attestations', ATTESTATIONS,
  '--name', version.name, '--version', version.version, '--integrity', version.dist.integrity, '--version-doc', VERSION_DOC,
];
const scratch = mkdtempSync(join(tmpdir(), 'provenance-lens-bench-cli-'));
const barePath = join(scratch, 'bare-verify.cjs');
const cliFiles: Side = { name: 'CLI, fixture trust files', args: [...cliArgs, '--trusted-root', TRUSTED_ROOT, '--keys', NPM_KEYS], ok: /^verified / };
const cliEmbedded: Side = { name: 'CLI, embedded trust, --offline', args: [...cliArgs, '--offline'], ok: /^verified / };
const bare: Side = { name: 'bare @sigstore/verify script', args: [barePath, ATTESTATIONS, TRUSTED_ROOT, NPM_KEYS], ok: /^verified 2$/m };

function timeRun(side: Side): number {
  const started = performance.now();
  // An empty cache folder: the embedded-trust run must not pick up a developer's cached material.
  const out = spawnSync(process.execPath, side.args, { encoding: 'utf8', env: { ...process.env, XDG_CACHE_HOME: scratch, NO_COLOR: '1' } });
  const elapsed = performance.now() - started;
  if (out.status !== 0 || !side.ok.test(out.stdout)) {
    throw new Error(`${side.name}: exit ${out.status}, stdout ${JSON.stringify(out.stdout.slice(0, 200))}, stderr ${JSON.stringify(out.stderr.slice(0, 300))}`);
  }
  return elapsed;
}

/** Paired runs of `cli` and `bare`, alternating which goes first; per-pair ratios kept too. */
function pairs(cli: Side): { cli: number[]; bare: number[]; ratios: number[] } {
  const result = { cli: [] as number[], bare: [] as number[], ratios: [] as number[] };
  for (let i = 0; i < WARMUP_PAIRS + PAIRS; i++) {
    const cliFirst = i % 2 === 0;
    const first = timeRun(cliFirst ? cli : bare);
    const second = timeRun(cliFirst ? bare : cli);
    const [c, b] = cliFirst ? [first, second] : [second, first];
    if (i < WARMUP_PAIRS) continue;
    result.cli.push(c);
    result.bare.push(b);
    result.ratios.push(c / b);
  }
  return result;
}

try {
  mkdirSync(join(CLI_COPY, 'bin'), { recursive: true });
  copyFileSync(join(REPO_ROOT, 'bin', 'provenance-lens.mjs'), CLI_BIN);
  const built = spawnSync(process.execPath, [join(REPO_ROOT, 'scripts', 'build-cli.mjs'), join(CLI_COPY, 'dist', 'cli')], { stdio: 'inherit' });
  if (built.status !== 0) throw new Error('scripts/build-cli.mjs failed');
  writeFileSync(barePath, bareScript);
  console.log(`${PAIRS} pairs (+${WARMUP_PAIRS} warm-up) of whole processes on ${version.name}@${version.version}, fixtures from ${FIXTURES_DIR}\n`);
  const measured = [cliFiles, cliEmbedded].map((side) => ({ side, ...pairs(side) }));
  const table = measured.map((m) => [m.side.name, ms(median(m.cli)), ms(median(m.bare)), ratio(median(m.cli) / median(m.bare)), ratio(median(m.ratios))]);
  const rows: SummaryRow[] = [
    { figure: 'bare @sigstore/verify script, whole process', median: ms(median(measured[0]?.bare ?? [])), target: '-', verdict: 'info' },
    ...measured.map((m) => ({
      figure: `provenance-lens verify npm (${m.side.name.replace('CLI, ', '')}) / bare`,
      median: ms(median(m.cli)),
      target: `<= ${TARGET}x`,
      verdict: ratioVerdict(median(m.cli) / median(m.bare), TARGET),
    })),
  ];
  console.log(renderTable(['command', 'CLI median', 'bare median', 'ratio of medians', 'median pair ratio'], table));
  finishBench('CLI start-up', rows);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

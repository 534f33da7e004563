// The CLI as npm ships it: `npm pack` holds the bin and the bundle (nothing else of the repo),
// and the unpacked tarball runs, help and a real verification, with no node_modules anywhere:
// the bundle is self-contained. Also: the build is deterministic, and a checkout without the
// bundle says how to build it. Offline, a few seconds (the vitest global setup built dist/cli).
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeRealData, fixturePath, readFixtureJson } from '../testing/fixtures';
import { BIN, CLI_BUNDLE, REPO_ROOT, STACK_LINE } from './testing/run-cli';

const run = promisify(execFile);
const SHIPPED = ['bin/provenance-lens.mjs', 'dist/cli/provenance-lens.mjs', 'dist/cli/THIRD-PARTY-NOTICES.txt'];
// npm adds these on its own; LICENSE whenever the repository has one.
const NPM_ALWAYS = ['package.json', 'README.md', 'LICENSE', 'LICENSE.md'];

let scratch = '';
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'provenance-lens-pack-'));
});
afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

/** Runs a node script with no module path but its own, from an empty folder. */
async function node(script: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env, NODE_PATH: '', XDG_CACHE_HOME: join(scratch, 'cache'), NO_COLOR: '1' };
  try {
    const { stdout, stderr } = await run(process.execPath, [script, ...args], { cwd: scratch, env, encoding: 'utf8' });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: unknown; stdout?: string; stderr?: string };
    if (typeof e.code !== 'number') throw error;
    return { code: e.code, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

describe('CLI package (npm pack)', () => {
  let files: string[] = [];
  let unpackedBin = '';

  beforeAll(async () => {
    // --ignore-scripts: `prepare` would rebuild dist/cli, which the global setup has just done.
    const { stdout } = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', scratch], { cwd: REPO_ROOT, encoding: 'utf8' });
    const [packed] = JSON.parse(stdout) as { filename: string; files: { path: string }[] }[];
    if (!packed) throw new Error(`npm pack printed no package: ${stdout}`);
    files = packed.files.map((f) => f.path).sort();
    const unpacked = join(scratch, 'unpacked');
    mkdirSync(unpacked);
    await run('tar', ['-xzf', join(scratch, packed.filename), '-C', unpacked]);
    unpackedBin = join(unpacked, 'package', 'bin', 'provenance-lens.mjs');
  }, 60_000);

  it('holds the bin, the bundle and its notices, and nothing else of the repository', () => {
    expect(files).toEqual(expect.arrayContaining([...SHIPPED, 'package.json']));
    expect(files.filter((f) => !SHIPPED.includes(f) && !NPM_ALWAYS.includes(f))).toEqual([]);
    const manifest = JSON.parse(readFileSync(join(dirname(dirname(unpackedBin)), 'package.json'), 'utf8')) as { bin?: unknown };
    expect(manifest.bin).toEqual({ 'provenance-lens': 'bin/provenance-lens.mjs' });
  });

  it('runs from the unpacked tarball with no node_modules in reach', async () => {
    // Otherwise a missing dependency could still be found, and the test would prove nothing.
    for (let dir = dirname(unpackedBin); dir !== dirname(dir); dir = dirname(dir)) {
      expect(existsSync(join(dir, 'node_modules')), `${dir}/node_modules`).toBe(false);
    }
    const help = await node(unpackedBin, ['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage:/m);
  });

  describeRealData('a real verification from the unpacked tarball', () => {
    const response = 'npm/sigstore/sigstore@2.3.1.attestations.json';
    const version = () => readFixtureJson<{ name: string; version: string; dist: { integrity: string } }>('npm/sigstore/sigstore@2.3.1.version.json');
    const verifyNpm = (attestations: string) => {
      const v = version();
      return ['verify', 'npm', '--attestations', fixturePath(attestations), '--name', v.name, '--version', v.version, '--integrity', v.dist.integrity, '--offline'];
    };

    it('verifies the real sigstore@2.3.1 attestations with the embedded trust material (exit 0)', async () => {
      const result = await node(unpackedBin, verifyNpm(response));
      expect(result.stderr).toBe('');
      expect(result.stdout).toMatch(/^verified · sigstore\/sigstore-js · /);
      expect(result.code).toBe(0);
    });

    it('rejects the same file with its provenance tampered with (exit 1)', async () => {
      const result = await node(unpackedBin, verifyNpm('npm/sigstore/sigstore@2.3.1.attestations.tampered-provenance.json'));
      expect(result.stdout).toMatch(/^invalid \[TLOG_BODY\]/);
      expect(result.code).toBe(1);
    });
  });
});

describe('CLI bundle (scripts/build-cli.mjs)', () => {
  it('loads nothing but node built-ins: every import and require names one', () => {
    const code = readFileSync(CLI_BUNDLE, 'utf8');
    const specifiers = [...code.matchAll(/\bfrom\s*["']([^"']+)["']|\bimport\s*\(\s*["']([^"']+)["']/g)].map((m) => m[1] ?? m[2]);
    const required = [...code.matchAll(/require\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
    // A require() of anything but a string literal could load a module this check cannot see.
    expect(required).toHaveLength(code.split('require(').length - 1);
    expect([...specifiers, ...required].filter((s) => s === undefined || !isBuiltin(s))).toEqual([]);
  });

  it('is deterministic: two builds of the same sources are byte for byte the same', async () => {
    const build = async (out: string) => {
      await run(process.execPath, [join(REPO_ROOT, 'scripts', 'build-cli.mjs'), join(scratch, out)], { cwd: REPO_ROOT });
      return readFileSync(join(scratch, out, 'provenance-lens.mjs'));
    };
    const [first, second] = await Promise.all([build('build-a'), build('build-b')]);
    expect(first?.equals(second as Buffer)).toBe(true);
  }, 60_000);

  it('a checkout without the bundle: one line saying how to build it, exit 2, no stack', async () => {
    const lone = join(scratch, 'lone', 'bin', 'provenance-lens.mjs');
    mkdirSync(dirname(lone), { recursive: true });
    copyFileSync(BIN, lone);
    const result = await node(lone, ['--help']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^provenance-lens: cannot start: .*dist\/cli\/provenance-lens\.mjs is missing; run `npm run build`/);
    expect(result.stderr).not.toMatch(STACK_LINE);
  });
});

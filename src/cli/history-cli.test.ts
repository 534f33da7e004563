// `provenance-lens history` as users run it: the real CLI process against a loopback registry
// serving generated histories signed by the test CA (trusted through --trusted-root/--keys).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSigstore, githubIdentity } from '../testing/testca/index';
import { serveRoutes, type RouteServer } from '../registries/history/testing/route-server';
import { npmHistoryRoutes, pypiHistoryRoutes, type HistoryRelease } from '../registries/history/testing/testca-history';
import { jsonOf, runCli, STACK_LINE } from './testing/run-cli';

const acme = githubIdentity('acme/demo');
const evil = githubIdentity('evil/demo');
const history: HistoryRelease[] = [
  { version: '1.0.0', files: [null] },
  { version: '1.1.0', files: [acme] },
  { version: '1.2.0', files: [evil] },
  { version: '1.2.1', files: [acme] },
];

let server: RouteServer;
let dir = '';
let trustArgs: string[] = [];
let env: NodeJS.ProcessEnv = {};

beforeAll(async () => {
  const ts = await createTestSigstore();
  server = await serveRoutes({ ...pypiHistoryRoutes(ts, 'demo', history), ...npmHistoryRoutes(ts, 'demo', history) });
  dir = mkdtempSync(join(tmpdir(), 'provenance-lens-history-'));
  writeFileSync(join(dir, 'root.json'), JSON.stringify(ts.trustedRoot));
  writeFileSync(join(dir, 'keys.json'), JSON.stringify(ts.npmKeys));
  trustArgs = ['--trusted-root', join(dir, 'root.json'), '--keys', join(dir, 'keys.json')];
  env = { PROVENANCE_LENS_PYPI_URL: server.pypiUrl, PROVENANCE_LENS_NPM_REGISTRY_URL: server.npmUrl };
});

afterAll(async () => {
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const NOTES = [
  'Provenance began at 1.1.0',
  'Publisher changed at 1.2.0: acme/demo · release.yml → evil/demo · release.yml',
  'Back to acme/demo · release.yml at 1.2.1',
];

describe('provenance-lens history', () => {
  it('prints the PyPI timeline as a table, newest first, with the notes below', async () => {
    const run = await runCli(['history', 'pypi', 'demo', ...trustArgs], env);
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines.slice(0, 2)).toEqual(['pypi demo: 4 releases, all checked', 'Published by acme/demo · release.yml since 1.2.1']);
    expect(lines[3]).toMatch(/^VERSION\s+DATE\s+STATUS\s+IDENTITY$/);
    expect(lines.slice(4, 8).map((l) => l.split(/\s{2,}/))).toEqual([
      ['1.2.1', '2023-01-04', 'verified', 'acme/demo · release.yml'],
      ['1.2.0', '2023-01-03', 'verified', 'evil/demo · release.yml'],
      ['1.1.0', '2023-01-02', 'verified', 'acme/demo · release.yml'],
      ['1.0.0', '2023-01-01', 'none'],
    ]);
    expect(lines.slice(9)).toEqual(['Notes:', ...NOTES.map((n) => `  - ${n}`)]);
  });

  it('prints the npm timeline as one JSON object with --json; a second run reads only the listing', async () => {
    const before = server.requests.length;
    const run = await runCli(['history', 'npm', 'demo', '--json', ...trustArgs], env);
    expect(run.exitCode).toBe(0);
    const json = jsonOf(run);
    expect(json).toMatchObject({ status: 'ok', registry: 'npm', name: 'demo', notes: NOTES, coverage: { listed: 4, checked: 4, bisected: false } });
    expect((json?.releases as { version: string; status: string }[]).map((r) => [r.version, r.status])).toEqual([
      ['1.2.1', 'verified'],
      ['1.2.0', 'verified'],
      ['1.1.0', 'verified'],
      ['1.0.0', 'none'],
    ]);
    expect(server.requests.length - before).toBe(4);
    const again = server.requests.length;
    const warm = await runCli(['history', 'npm', 'demo', '--json', ...trustArgs], env);
    expect(jsonOf(warm)?.notes).toEqual(NOTES);
    expect(server.requests.slice(again)).toEqual(['/npm/demo']);
  });

  it('exits 1 when the release list cannot be read, saying so', async () => {
    const run = await runCli(['history', 'npm', 'missing', ...trustArgs], env);
    expect(run.exitCode).toBe(1);
    expect(run.stdout.trim()).toBe("npm missing: couldn't read the release list (FETCH_NOT_FOUND: npm packument: HTTP 404)");
  });

  it.each([
    [['history']],
    [['history', 'cargo', 'demo']],
    [['history', 'npm']],
    [['history', 'npm', '../etc']],
    [['history', 'pypi', 'demo', 'extra']],
    [['history', 'pypi', 'demo', '--frobnicate']],
  ])('%j: exit 2, one stderr line, and JSON with --json', async (args) => {
    const run = await runCli([...args, '--json'], env);
    expect(run.exitCode).toBe(2);
    expect(jsonOf(run)).toMatchObject({ status: 'error', code: 'CLI_USAGE' });
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr).not.toMatch(STACK_LINE);
  });

  it('has its own help, and the main help lists it', async () => {
    const own = await runCli(['history', '--help']);
    expect(own.exitCode).toBe(0);
    expect(own.stdout).toMatch(/^Usage: provenance-lens history \(pypi\|npm\) NAME/);
    expect((await runCli(['--help'])).stdout).toContain('provenance-lens history (pypi|npm) NAME');
  });
});

// The CLI process on bad command lines and unreadable input: exit 2, one stderr line, no stack.
// None of this needs the shared fixtures, so it runs everywhere.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_CONCURRENCY, STACK_LINE, jsonOf, mapLimit, runCli, type CliRun } from './testing/run-cli';

const SHA = 'cbd2b946fe160793606dee4516ef58ac5959456e69630a7f03e7de73aa7f2737';

describe('CLI process: usage and input errors', () => {
  let dir = '';
  const runs = new Map<string, CliRun>();
  const file = (name: string) => join(dir, name);
  const pypi = (provenance: string, ...more: string[]) => [
    'verify', 'pypi', '--provenance', provenance, '--filename', 'x-1.0.tar.gz', '--sha256', SHA, ...more,
  ];

  const exit2: Record<string, () => string[]> = {
    'no arguments': () => [],
    'unknown command': () => ['check', 'pypi'],
    'unknown option': () => [...pypi(file('p.json')), '--frobnicate'],
    'missing required option': () => ['verify', 'pypi', '--provenance', file('p.json')],
    'malformed sha256': () => ['verify', 'pypi', '--provenance', file('p.json'), '--filename', 'x', '--sha256', 'zz'],
    'option of another target': () => [...pypi(file('p.json')), '--bundle', 'b.json'],
    'bundle without a policy': () => ['verify', 'bundle', '--bundle', file('p.json'), '--digest', `sha256:${SHA}`],
    'provenance file missing': () => pypi(file('missing.json')),
    'provenance path is a directory': () => pypi(dir),
    'trusted root missing': () => pypi(file('p.json'), '--trusted-root', file('missing-root.json')),
    'trusted root not JSON': () => pypi(file('p.json'), '--trusted-root', file('broken.json')),
    'trusted root not a trusted root': () => pypi(file('p.json'), '--trusted-root', file('array.json')),
    'npm keys not JSON': () => pypi(file('p.json'), '--keys', file('broken.json')),
    'invalid --identity-regexp': () => [
      'verify', 'bundle', '--bundle', file('p.json'), '--digest', `sha256:${SHA}`, '--identity-regexp', '(unclosed', '--issuer', 'https://x',
    ],
    '--identity with --identity-regexp': () => [
      'verify', 'bundle', '--bundle', file('p.json'), '--digest', `sha256:${SHA}`, '--identity', 'a', '--identity-regexp', 'a', '--issuer', 'https://x',
    ],
    'key file missing': () => ['verify', 'bundle', '--bundle', file('p.json'), '--digest', `sha256:${SHA}`, '--key', file('k.pem')],
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'provenance-lens-usage-'));
    writeFileSync(file('p.json'), JSON.stringify({ version: 1, attestation_bundles: [] }));
    writeFileSync(file('broken.json'), '{"mediaType": ');
    writeFileSync(file('array.json'), '[1, 2, 3]');
    const names = Object.keys(exit2);
    const done = await mapLimit(names, CLI_CONCURRENCY, (name) => runCli((exit2[name] as () => string[])()));
    names.forEach((name, i) => runs.set(name, done[i] as CliRun));
  }, 120_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it.each(Object.keys(exit2))('%s: exit 2 with one stderr line and no stack trace', (name) => {
    const run = runs.get(name);
    if (!run) throw new Error(`no run for ${name}`);
    expect(run.exitCode).toBe(2);
    expect(run.stdout).toBe('');
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines, run.stderr).toHaveLength(1);
    expect(lines[0]).toMatch(/^provenance-lens: \S/);
    expect(run.stderr).not.toMatch(STACK_LINE);
  });

  it('answers a script in JSON even on bad usage', async () => {
    const run = await runCli(['verify', 'pypi', '--json', '--sha256', 'nope']);
    expect(run.exitCode).toBe(2);
    expect(jsonOf(run)).toMatchObject({ status: 'error', code: 'CLI_USAGE' });
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('judges malformed provenance JSON as an invalid attestation (exit 1), not as bad usage', async () => {
    const run = await runCli([...pypi(file('broken.json')), '--json']);
    expect(run.exitCode).toBe(1);
    expect(jsonOf(run)).toMatchObject({ status: 'invalid', code: 'PARSE_JSON' });
  });

  it('prints help and exits 0', async () => {
    const run = await runCli(['--help']);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain('provenance-lens verify pypi --provenance FILE --filename NAME --sha256 HEX');
    expect(run.stdout).toContain('--digest sha256:HEX');
    expect(run.stderr).toBe('');
  });
});

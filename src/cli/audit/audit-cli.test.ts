// End to end: `provenance-lens audit` as a user runs it (bin, child process) against a local
// registry serving recorded real data (audit-fixtures.ts), for an npm and a PyPI lockfile,
// with exact statuses, the exit code, pins, the cache and --offline.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeRealData, fixturePath } from '../../testing/fixtures';
import { jsonOf, runCli } from '../testing/run-cli';
import { startLocalRegistry, type LocalRegistry } from '../testing/local-registry';
import { npmData, packageLockV3, pypiData, SIGSTORE_WHEEL_SHA256, uvLock } from './audit-fixtures';

describeRealData('provenance-lens audit against a local registry', () => {
  let registry: LocalRegistry;
  let dir: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    registry = await startLocalRegistry({ npm: npmData(), pypi: pypiData() });
    dir = mkdtempSync(join(tmpdir(), 'provenance-lens-audit-'));
    env = {
      PROVENANCE_LENS_NPM_REGISTRY_URL: registry.npmUrl,
      PROVENANCE_LENS_PYPI_URL: registry.pypiUrl,
      // Trust material: the refresh fails at once on loopback (404), the embedded one is used.
      PROVENANCE_LENS_TUF_URL: `${registry.npmUrl}no-tuf/`,
    };
  });
  afterAll(() => registry.close());

  const write = (name: string, text: string, sub = name) => {
    const folder = mkdtempSync(join(dir, `${sub.replace(/\W/g, '')}-`));
    const path = join(folder, name);
    writeFileSync(path, text);
    return path;
  };
  const statuses = (json: Record<string, unknown> | undefined) =>
    Object.fromEntries(((json?.packages ?? []) as { name: string; status: string; code?: string }[]).map((p) => [p.name, p.code ? `${p.status} ${p.code}` : p.status]));

  it('npm package-lock.json v3: exact statuses, git and workspace entries listed, exit 1 for the invalid one', async () => {
    const lock = write('package-lock.json', JSON.stringify(packageLockV3(), null, 2));
    const run = await runCli(['audit', lock, '--json'], { ...env, XDG_CACHE_HOME: mkdtempSync(join(dir, 'cache-')) });
    const json = jsonOf(run);
    expect(statuses(json)).toEqual({
      sigstore: 'verified',
      'tuf-js': 'verified',
      '@trishankatdatadog/supreme-goggles': 'invalid TLOG_BODY',
      'left-pad': 'none',
    });
    const sigstore = (json?.packages as { name: string; continuity?: { kind: string; previousVersion: string } }[]).find((p) => p.name === 'sigstore');
    expect(sigstore?.continuity).toMatchObject({ kind: 'publisher-changed', previousVersion: '1.0.0' });
    expect(json?.notFromRegistry).toEqual([
      { registry: 'npm', name: 'from-git', source: 'git', version: '0.1.0' },
      { registry: 'npm', name: 'ui', source: 'workspace' },
      { registry: 'npm', name: 'ui', source: 'workspace' },
    ]);
    expect(run.exitCode).toBe(1);
  });

  it("npm: a lockfile integrity that is not the attested tarball's is invalid SUBJECT_DIGEST", async () => {
    const data = packageLockV3() as { packages: Record<string, { integrity?: string }> };
    const tuf = data.packages['node_modules/tuf-js'] as { integrity: string };
    // Another sha512 than the registry's (and the provenance's): one base64 character changed.
    tuf.integrity = tuf.integrity.replace(/^sha512-./, (m) => (m.endsWith('A') ? 'sha512-B' : 'sha512-A'));
    const run = await runCli(['audit', write('package-lock.json', JSON.stringify(data), 'tampered'), '--json'], { ...env, XDG_CACHE_HOME: mkdtempSync(join(dir, 'cache-')) });
    expect(statuses(jsonOf(run))['tuf-js']).toBe('invalid SUBJECT_DIGEST');
    expect(run.exitCode).toBe(1);
  });

  it('uv.lock: only the locked files are judged; the cache answers a second run with --offline and no request', async () => {
    const cache = mkdtempSync(join(dir, 'cache-'));
    const lock = write('uv.lock', uvLock());
    const first = await runCli(['audit', lock, '--json'], { ...env, XDG_CACHE_HOME: cache });
    expect(statuses(jsonOf(first))).toEqual({ sampleproject: 'verified', sigstore: 'verified' });
    expect(jsonOf(first)?.notFromRegistry).toEqual([{ registry: 'pypi', name: 'app', source: 'workspace' }]);
    expect(first.exitCode).toBe(0);
    const asked = registry.requests.length;
    const second = await runCli(['audit', lock, '--json', '--offline'], { ...env, XDG_CACHE_HOME: cache });
    expect(statuses(jsonOf(second))).toEqual({ sampleproject: 'verified', sigstore: 'verified' });
    expect(registry.requests.length).toBe(asked);
  });

  it('requirements.txt with the unattested wheel hashed too: partial, and --require verified fails it', async () => {
    const sdist = pypiData()[1]?.files[0]?.sha256 ?? '';
    const text = `sigstore==3.6.1 \\\n    --hash=sha256:${sdist} \\\n    --hash=sha256:${SIGSTORE_WHEEL_SHA256}\n`;
    const lock = write('requirements.txt', text);
    const cache = { ...env, XDG_CACHE_HOME: mkdtempSync(join(dir, 'cache-')) };
    const any = await runCli(['audit', lock, '--json'], cache);
    expect(statuses(jsonOf(any))).toEqual({ sigstore: 'partial' });
    expect(any.exitCode).toBe(0);
    const strict = await runCli(['audit', lock, '--require', 'verified'], cache);
    expect(strict.exitCode).toBe(1);
    expect(strict.stdout).toMatch(/^FAILED\n {2}partial +pypi:sigstore@3\.6\.1 +not verified \(--require verified\)/);
  });

  it('--diff: an update to a release of another workflow fails; a new package without provenance is a note; unchanged ones are not listed', async () => {
    const newer = packageLockV3() as { packages: Record<string, Record<string, unknown>> };
    const older = structuredClone(newer);
    const v100 = JSON.parse(readFileSync(fixturePath('npm/sigstore/sigstore@1.0.0.version.json'), 'utf8')) as { dist: { integrity: string } };
    older.packages['node_modules/sigstore'] = { version: '1.0.0', resolved: 'https://registry.npmjs.org/sigstore/-/sigstore-1.0.0.tgz', integrity: v100.dist.integrity };
    delete older.packages['node_modules/left-pad'];
    const oldPath = write('package-lock.json', JSON.stringify(older), 'old');
    const newPath = write('package-lock.json', JSON.stringify(newer), 'new');
    const cache = { ...env, XDG_CACHE_HOME: mkdtempSync(join(dir, 'cache-')) };
    const forward = await runCli(['audit', '--diff', oldPath, newPath, '--json'], cache);
    const changes = (jsonOf(forward)?.changes ?? []) as { kind: string; name: string; from?: string; version: string; failing: boolean }[];
    expect(changes.map((c) => [c.kind, c.name, c.from ?? '', c.version, c.failing])).toEqual([
      ['publisher-changed', 'sigstore', '1.0.0', '2.3.1', true],
      ['newly-unattested', 'left-pad', '', '1.3.0', false],
    ]);
    expect(forward.exitCode).toBe(1);
    const back = await runCli(['audit', '--diff', newPath, oldPath], cache);
    expect(back.stdout).toMatch(/FAIL npm:sigstore +2\.3\.1 → 1\.0\.0 +publisher changed: workflowPath/);
    expect(back.stdout).toMatch(/note npm:sigstore +2\.3\.1 → 1\.0\.0 +downgraded from 2\.3\.1/);
    expect(back.exitCode).toBe(1);
  });

  it('a tarball URL on another host in the lockfile is listed, never requested', async () => {
    const data = packageLockV3() as { packages: Record<string, Record<string, unknown>> };
    // Another origin (localhost, not 127.0.0.1) on the same server: a request would be logged.
    const evil = `${registry.npmUrl.replace('127.0.0.1', 'localhost').replace('/npm/', '/evil/')}sigstore/-/sigstore-2.3.1.tgz`;
    data.packages['node_modules/sigstore'] = { ...data.packages['node_modules/sigstore'], resolved: evil };
    const run = await runCli(['audit', write('package-lock.json', JSON.stringify(data), 'evil'), '--json'], { ...env, XDG_CACHE_HOME: mkdtempSync(join(dir, 'cache-')) });
    expect(jsonOf(run)?.notFromRegistry).toContainEqual({ registry: 'npm', name: 'sigstore', source: 'other registry', version: '2.3.1' });
    expect(registry.requests.filter((path) => path.startsWith('/evil/'))).toEqual([]);
  });

  it('--pins: a package pinned to another repository fails with IDENTITY_PIN; pinned to its own, it passes', async () => {
    const lock = write('uv.lock', uvLock(), 'pins');
    const pinsFile = (repository: string) =>
      write('pins.json', JSON.stringify({ version: 1, pins: [{ registry: 'pypi', name: 'sampleproject', pin: { issuer: 'https://token.actions.githubusercontent.com', repository }, createdAt: 1 }], history: [] }), repository);
    const cache = { ...env, XDG_CACHE_HOME: mkdtempSync(join(dir, 'cache-')) };
    const other = await runCli(['audit', lock, '--json', '--pins', pinsFile('evil/sampleproject')], cache);
    expect(statuses(jsonOf(other)).sampleproject).toBe('invalid IDENTITY_PIN');
    expect(other.exitCode).toBe(1);
    const own = await runCli(['audit', lock, '--json', '--pins', pinsFile('pypa/sampleproject')], cache);
    expect(statuses(jsonOf(own)).sampleproject).toBe('verified');
    expect(own.exitCode).toBe(0);
  });
});

describe('provenance-lens audit: bad usage and unreadable input exit 2 with one line', () => {
  it('names the lockfile and the line of the fault', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'provenance-lens-audit-bad-'));
    const path = join(folder, 'package-lock.json');
    writeFileSync(path, '{\n  "lockfileVersion": 3,\n  "packages": {\n    "node_modules/a": {},\n    "node_modules/a": {}\n  }\n}\n');
    const run = await runCli(['audit', path, '--offline']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toBe(`provenance-lens: ${path}:5: duplicate key "node_modules/a"\n`);
    expect(run.stdout).toBe('');
  });

  it('an unknown option is bad usage', async () => {
    const run = await runCli(['audit', 'uv.lock', '--identity', 'x']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/option --identity does not apply to `audit`/);
  });
});

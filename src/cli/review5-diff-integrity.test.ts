// Review 5: `audit --diff` must judge the install NEW actually has. A NEW lockfile that keeps
// a package's name and version but changes its integrity (to bytes the provenance does not
// attest) is a change a dependency update makes, and it must fail the run as `audit NEW` does.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeRealData } from '../testing/fixtures';
import { jsonOf, runCli } from './testing/run-cli';
import { startLocalRegistry, type LocalRegistry } from './testing/local-registry';
import { npmData, packageLockV3, pypiData } from './audit/audit-fixtures';

describeRealData('review 5: --diff with a changed integrity for the same version', () => {
  let registry: LocalRegistry;
  let dir: string;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    registry = await startLocalRegistry({ npm: npmData(), pypi: pypiData() });
    dir = mkdtempSync(join(tmpdir(), 'review5-diff-'));
    env = { PROVENANCE_LENS_NPM_REGISTRY_URL: registry.npmUrl, PROVENANCE_LENS_PYPI_URL: registry.pypiUrl, PROVENANCE_LENS_TUF_URL: `${registry.npmUrl}no-tuf/` };
  });
  afterAll(() => registry.close());

  const write = (sub: string, text: string) => {
    const folder = mkdtempSync(join(dir, `${sub}-`));
    const path = join(folder, 'package-lock.json');
    writeFileSync(path, text);
    return path;
  };

  it('tuf-js 1.0.0 kept, its integrity swapped for another sha512: audit NEW fails, and so must --diff OLD NEW', async () => {
    const older = packageLockV3() as { packages: Record<string, Record<string, unknown>> };
    delete older.packages['node_modules/@trishankatdatadog/supreme-goggles'];
    const newer = structuredClone(older);
    const tuf = newer.packages['node_modules/tuf-js'] as { integrity: string };
    tuf.integrity = tuf.integrity.replace(/^sha512-./, (m) => (m.endsWith('A') ? 'sha512-B' : 'sha512-A'));
    const oldPath = write('old', JSON.stringify(older));
    const newPath = write('new', JSON.stringify(newer));

    const plain = await runCli(['audit', newPath, '--json'], { ...env, XDG_CACHE_HOME: mkdtempSync(join(dir, 'cache-')) });
    expect((jsonOf(plain)?.packages as { name: string; code?: string }[]).find((p) => p.name === 'tuf-js')?.code).toBe('SUBJECT_DIGEST');
    expect(plain.exitCode).toBe(1);

    const diff = await runCli(['audit', '--diff', oldPath, newPath, '--json'], { ...env, XDG_CACHE_HOME: mkdtempSync(join(dir, 'cache-')) });
    const changes = (jsonOf(diff)?.changes ?? []) as { kind: string; name: string; code?: string; failing: boolean }[];
    expect(changes).toContainEqual(expect.objectContaining({ kind: 'check-failed', name: 'tuf-js', code: 'SUBJECT_DIGEST', failing: true }));
    expect(diff.exitCode).toBe(1);
  });
});

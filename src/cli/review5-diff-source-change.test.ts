// Review 5: `audit --diff OLD NEW` sees only NEW's registry packages. An update that moves a
// verified registry package to a tarball on another host (or a git URL) changes what is
// installed from attested bytes to unattested ones, yet the diff lists no change and passes,
// even under --require verified, while `audit NEW --require verified` fails the same entry.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeRealData } from '../testing/fixtures';
import { jsonOf, runCli } from './testing/run-cli';
import { startLocalRegistry, type LocalRegistry } from './testing/local-registry';
import { npmData, packageLockV3, pypiData } from './audit/audit-fixtures';

describeRealData('review 5: --diff when a registry package moves to another source', () => {
  let registry: LocalRegistry;
  let dir: string;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    registry = await startLocalRegistry({ npm: npmData(), pypi: pypiData() });
    dir = mkdtempSync(join(tmpdir(), 'review5-source-'));
    env = { PROVENANCE_LENS_NPM_REGISTRY_URL: registry.npmUrl, PROVENANCE_LENS_PYPI_URL: registry.pypiUrl, PROVENANCE_LENS_TUF_URL: `${registry.npmUrl}no-tuf/` };
  });
  afterAll(() => registry.close());

  const write = (sub: string, value: unknown) => {
    const path = join(mkdtempSync(join(dir, `${sub}-`)), 'package-lock.json');
    writeFileSync(path, JSON.stringify(value));
    return path;
  };

  it('sigstore 2.3.1 from the registry → the same version from https://evil.example: reported, and fails --require verified', async () => {
    const older = packageLockV3() as { packages: Record<string, Record<string, unknown>> };
    for (const k of ['node_modules/@trishankatdatadog/supreme-goggles', 'node_modules/left-pad', 'node_modules/from-git']) delete older.packages[k];
    const newer = structuredClone(older);
    newer.packages['node_modules/sigstore'] = { version: '2.3.1', resolved: 'https://evil.example/sigstore/-/sigstore-2.3.1.tgz' };
    const oldPath = write('old', older);
    const newPath = write('new', newer);

    const plain = await runCli(['audit', newPath, '--require', 'verified'], { ...env, XDG_CACHE_HOME: mkdtempSync(join(dir, 'cache-')) });
    expect(plain.exitCode).toBe(1);

    const diff = await runCli(['audit', '--diff', oldPath, newPath, '--require', 'verified', '--json'], { ...env, XDG_CACHE_HOME: mkdtempSync(join(dir, 'cache-')) });
    const changes = (jsonOf(diff)?.changes ?? []) as { name: string }[];
    expect(changes.map((c) => c.name)).toContain('sigstore');
    expect(diff.exitCode).toBe(1);
  });
});

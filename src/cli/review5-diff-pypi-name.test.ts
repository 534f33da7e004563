// Review 5: PyPI names are compared normalized (PEP 503). uv.lock writes them normalized
// (`sampleproject`), PyPI's JSON API answers with the project's own spelling (`SampleProject`,
// as for Django, PyYAML, Jinja2...). `audit --diff` must still report what the update changes:
// here the new version has no provenance where the old one was verified (provenance lost).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeRealData } from '../testing/fixtures';
import { jsonOf, runCli } from './testing/run-cli';
import { startLocalRegistry, type LocalRegistry } from './testing/local-registry';
import { pypiData } from './audit/audit-fixtures';

const NEW_SDIST_SHA256 = 'ab'.repeat(32);

describeRealData('review 5: --diff over a PyPI project whose display name is not its normalized name', () => {
  let registry: LocalRegistry;
  let front: ReturnType<typeof createServer>;
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let control: LocalRegistry;
  let controlEnv: NodeJS.ProcessEnv;

  beforeAll(async () => {
    const sp0 = pypiData()[0]!;
    // Control: the same data under the normalized name, straight from the local registry.
    control = await startLocalRegistry({
      npm: {},
      pypi: [sp0, { name: 'sampleproject', version: '4.0.1', uploaded: '2024-12-01T00:00:00Z', files: [{ filename: 'sampleproject-4.0.1.tar.gz', sha256: NEW_SDIST_SHA256, packagetype: 'sdist' }] }],
    });
    controlEnv = { PROVENANCE_LENS_NPM_REGISTRY_URL: control.npmUrl, PROVENANCE_LENS_PYPI_URL: control.pypiUrl, PROVENANCE_LENS_TUF_URL: `${control.npmUrl}no-tuf/` };
    const sp = pypiData()[0]!;
    // The real sampleproject 4.0.0 files (the sdist carries its real PEP 740 provenance), and a
    // 4.0.1 whose sdist has none, both under PyPI's display name.
    registry = await startLocalRegistry({
      npm: {},
      pypi: [
        { ...sp, name: 'SampleProject' },
        { name: 'SampleProject', version: '4.0.1', uploaded: '2024-12-01T00:00:00Z', files: [{ filename: 'sampleproject-4.0.1.tar.gz', sha256: NEW_SDIST_SHA256, packagetype: 'sdist' }] },
      ],
    });
    // Like PyPI: any spelling of the name in the path reaches the project.
    front = createServer((req, res) => {
      const path = (req.url ?? '/').replace(/\/sampleproject\//gi, '/SampleProject/');
      fetch(`${registry.pypiUrl.replace(/\/$/, '')}${path}`)
        .then(async (r) => {
          res.writeHead(r.status, { 'content-type': r.headers.get('content-type') ?? 'application/json' });
          res.end(Buffer.from(await r.arrayBuffer()));
        })
        .catch(() => res.destroy());
    });
    await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
    const port = (front.address() as AddressInfo).port;
    dir = mkdtempSync(join(tmpdir(), 'review5-pypi-name-'));
    env = {
      PROVENANCE_LENS_NPM_REGISTRY_URL: registry.npmUrl,
      PROVENANCE_LENS_PYPI_URL: `http://127.0.0.1:${port}/`,
      PROVENANCE_LENS_TUF_URL: `${registry.npmUrl}no-tuf/`,
    };
  });
  afterAll(async () => {
    await new Promise((resolve) => front.close(resolve));
    await registry.close();
    await control.close();
  });

  const uv = (version: string, filename: string, sha256: string) =>
    [
      'version = 1',
      '',
      '[[package]]',
      'name = "sampleproject"',
      `version = "${version}"`,
      'source = { registry = "https://pypi.org/simple" }',
      `sdist = { url = "https://files.pythonhosted.org/packages/ab/cd/${filename}", hash = "sha256:${sha256}", size = 1000 }`,
      '',
    ].join('\n');
  const write = (sub: string, text: string) => {
    const path = join(mkdtempSync(join(dir, `${sub}-`)), 'uv.lock');
    writeFileSync(path, text);
    return path;
  };

  it('control: with PyPI answering the normalized name, the same diff reports provenance lost', async () => {
    const sdist = pypiData()[0]!.files[0]!;
    const oldPath = write('old', uv('4.0.0', sdist.filename, sdist.sha256));
    const newPath = write('new', uv('4.0.1', 'sampleproject-4.0.1.tar.gz', NEW_SDIST_SHA256));
    const diff = await runCli(['audit', '--diff', oldPath, newPath, '--json'], { ...controlEnv, XDG_CACHE_HOME: mkdtempSync(join(dir, 'cache-')) });
    expect((jsonOf(diff)?.changes as { kind: string }[]).map((c) => c.kind)).toEqual(['provenance-lost']);
    expect(diff.exitCode).toBe(1);
  });

  it('4.0.0 (verified) → 4.0.1 (no provenance) is "provenance lost" and fails the run', async () => {
    const sdist = pypiData()[0]!.files[0]!;
    const oldPath = write('old', uv('4.0.0', sdist.filename, sdist.sha256));
    const newPath = write('new', uv('4.0.1', 'sampleproject-4.0.1.tar.gz', NEW_SDIST_SHA256));

    // Each lock on its own is read and checked (the names match PyPI's after normalization).
    const before = await runCli(['audit', oldPath, '--json'], { ...env, XDG_CACHE_HOME: mkdtempSync(join(dir, 'cache-')) });
    expect((jsonOf(before)?.packages as { status: string }[]).map((p) => p.status)).toEqual(['verified']);

    const diff = await runCli(['audit', '--diff', oldPath, newPath, '--json'], { ...env, XDG_CACHE_HOME: mkdtempSync(join(dir, 'cache-')) });
    const changes = (jsonOf(diff)?.changes ?? []) as { kind: string; failing: boolean }[];
    expect(changes).toContainEqual(expect.objectContaining({ kind: 'provenance-lost', failing: true }));
    expect(diff.exitCode).toBe(1);
  });
});

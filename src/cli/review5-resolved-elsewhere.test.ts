// Review 5: a lockfile entry without an integrity whose tarball URL, on the public registry,
// is ANOTHER package's tarball. npm, pnpm and yarn install the bytes that URL serves (there is
// no integrity to refuse them), so the audit's verdict on the entry's name and version is about
// a package the lockfile does not install. It must not come out "verified" and pass
// --require verified (it may be listed as not from the registry, or fail).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeRealData } from '../testing/fixtures';
import { jsonOf, runCli } from './testing/run-cli';
import { startLocalRegistry, type LocalRegistry } from './testing/local-registry';
import { npmData, pypiData } from './audit/audit-fixtures';

const LEFT_PAD_TGZ = 'https://registry.npmjs.org/left-pad/-/left-pad-1.3.0.tgz';

const LOCKS: [string, string][] = [
  ['package-lock.json', JSON.stringify({ lockfileVersion: 3, packages: { '': { name: 'app' }, 'node_modules/tuf-js': { version: '1.0.0', resolved: LEFT_PAD_TGZ } } })],
  ['pnpm-lock.yaml', `lockfileVersion: '9.0'\n\npackages:\n\n  tuf-js@1.0.0:\n    resolution: {tarball: ${LEFT_PAD_TGZ}}\n`],
  ['yarn.lock', `# yarn lockfile v1\n\n\ntuf-js@^1.0.0:\n  version "1.0.0"\n  resolved "${LEFT_PAD_TGZ.replace('registry.npmjs.org', 'registry.yarnpkg.com')}#5b8a3a7765dfe001261dde915589e782f8c94d1e"\n`],
];

describeRealData('review 5: a registry tarball URL of another package, no integrity', () => {
  let registry: LocalRegistry;
  let dir: string;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    registry = await startLocalRegistry({ npm: npmData(), pypi: pypiData() });
    dir = mkdtempSync(join(tmpdir(), 'review5-elsewhere-'));
    env = { PROVENANCE_LENS_NPM_REGISTRY_URL: registry.npmUrl, PROVENANCE_LENS_PYPI_URL: registry.pypiUrl, PROVENANCE_LENS_TUF_URL: `${registry.npmUrl}no-tuf/` };
  });
  afterAll(() => registry.close());

  it.each(LOCKS)('%s: tuf-js@1.0.0 resolved to left-pad-1.3.0.tgz is not a verified pass', async (name, text) => {
    const path = join(mkdtempSync(join(dir, 'lock-')), name);
    writeFileSync(path, text);
    const run = await runCli(['audit', path, '--require', 'verified', '--json'], { ...env, XDG_CACHE_HOME: mkdtempSync(join(dir, 'cache-')) });
    const tuf = (jsonOf(run)?.packages as { name: string; status: string; failure?: string }[] | undefined)?.find((p) => p.name === 'tuf-js');
    expect(tuf === undefined || tuf.status !== 'verified' || tuf.failure !== undefined).toBe(true);
    expect(run.exitCode).toBe(1);
  });
});

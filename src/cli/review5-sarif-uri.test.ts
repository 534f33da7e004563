// Review 5: SARIF 2.1.0 requires artifactLocation.uri to be a valid URI reference (RFC 3986;
// the schema's "format": "uri-reference"). The lockfile path is written into it as is, so a
// folder name with a space, `#` or `%` yields a uri that is invalid or names another file
// (`#` starts a fragment, `%20` decodes to a space). It must be percent-encoded.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { runCli } from './testing/run-cli';

it('--sarif: artifactLocation.uri of a lockfile under "my deps #1 %20" resolves back to that file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'review5-sarif-'));
  const folder = join(dir, 'my deps #1 %20');
  mkdirSync(folder);
  const lock = join(folder, 'package-lock.json');
  const git = { version: '0.1.0', resolved: 'git+ssh://git@github.com/example/from-git.git#0123456789abcdef0123456789abcdef01234567' };
  writeFileSync(lock, JSON.stringify({ lockfileVersion: 3, packages: { '': { name: 'app' }, 'node_modules/from-git': git } }));
  const run = await runCli(['audit', lock, '--sarif', '--require', 'attested', '--offline'], { XDG_CACHE_HOME: mkdtempSync(join(dir, 'cache-')) });
  expect(run.exitCode).toBe(1);
  const sarif = JSON.parse(run.stdout) as { version: string; runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
  expect(sarif.version).toBe('2.1.0');
  const uris = sarif.runs[0]!.results.flatMap((r) => r.locations.map((l) => l.physicalLocation.artifactLocation.uri));
  expect(uris.length).toBeGreaterThan(0);
  for (const uri of uris) {
    // A URI reference has no raw space; resolved as a file URI it must name the lockfile.
    expect(uri).not.toMatch(/\s/);
    const resolved = new URL(uri, 'file:///');
    expect(resolved.hash).toBe('');
    expect(decodeURIComponent(resolved.pathname)).toBe(lock);
  }
});

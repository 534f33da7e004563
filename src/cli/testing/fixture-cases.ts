// The shared fixtures as CLI invocations: which file, with which registry data.
import { fixturePath } from '../../testing/fixtures';
import type { FixtureCase } from '../../testing/fixture-cases';

/** CLI arguments that verify a fixture case with its own registry data. */
export function cliArgsFor(c: FixtureCase): string[] {
  if (c.pypi) {
    return ['verify', 'pypi', '--provenance', fixturePath(c.path), '--filename', c.pypi.filename, '--sha256', c.pypi.sha256];
  }
  if (!c.npm) throw new Error(`case ${c.path} has no registry data`);
  const { doc, versionDocPath } = c.npm;
  return [
    'verify', 'npm', '--attestations', fixturePath(c.path),
    '--name', doc.name, '--version', doc.version, '--integrity', doc.dist.integrity,
    '--version-doc', fixturePath(versionDocPath),
  ];
}

// Turns the shared fixtures' index.json into CLI invocations: which file, which registry data
// (PyPI dists.json digest, npm *.version.json) and what MANIFEST says the result must be.
import { basename, dirname } from 'node:path';
import { fixturePath, readFixtureJson } from '../../testing/fixtures';

interface IndexFile {
  path: string;
  kind: string;
  details?: { attestations?: { verifyProduction?: boolean }[] };
}

interface DistsJson {
  distributions: { filename: string; sha256: string; attestation_files: string[] }[];
}

export interface NpmVersionDoc {
  name: string;
  version: string;
  dist: { integrity: string; signatures?: { keyid: string; sig: string }[] };
}

export interface FixtureCase {
  /** Path relative to the fixtures folder. */
  path: string;
  registry: 'pypi' | 'npm';
  /** MANIFEST: every attestation in the file verifies against the production root. */
  expectVerified: boolean;
  pypi?: { filename: string; sha256: string };
  npm?: { versionDocPath: string; doc: NpmVersionDoc };
}

export function fixtureIndex(): IndexFile[] {
  return readFixtureJson<{ files: IndexFile[] }>('index.json').files;
}

export function fixtureCases(): FixtureCase[] {
  const files = fixtureIndex();
  return files.flatMap((file): FixtureCase[] => {
    if (file.kind !== 'pypi' && file.kind !== 'npm') return [];
    const attestations = file.details?.attestations ?? [];
    if (attestations.length === 0) throw new Error(`index.json: ${file.path} has no expectations`);
    const expectVerified = attestations.every((a) => a.verifyProduction === true);
    if (file.kind === 'pypi') return [{ path: file.path, registry: 'pypi', expectVerified, pypi: pypiDist(file.path) }];
    return [{ path: file.path, registry: 'npm', expectVerified, npm: npmVersion(file.path) }];
  });
}

function pypiDist(path: string): { filename: string; sha256: string } {
  const dists = readFixtureJson<DistsJson>(`${dirname(path)}/dists.json`);
  const dist = dists.distributions.find((d) => d.attestation_files.includes(path));
  if (!dist) throw new Error(`no dists.json entry lists ${path}`);
  return { filename: dist.filename, sha256: dist.sha256 };
}

/** `cli@0.1.1.attestations.json` -> sibling `cli@0.1.1.version.json`. */
function npmVersion(path: string): { versionDocPath: string; doc: NpmVersionDoc } {
  const match = /^(.+@\d+\.\d+\.\d+)\./.exec(basename(path));
  if (!match) throw new Error(`cannot tell the version of ${path}`);
  const versionDocPath = `${dirname(path)}/${match[1]}.version.json`;
  return { versionDocPath, doc: readFixtureJson<NpmVersionDoc>(versionDocPath) };
}

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

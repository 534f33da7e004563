// The shared fixtures' index.json as test cases: each PyPI or npm file with the registry data it
// binds to (PyPI dists.json digest, npm *.version.json) and what MANIFEST says the result is.
import { basename, dirname } from 'node:path';
import type { DistributionFile, NpmVersionInfo } from '../core/api';
import { readFixtureJson } from './fixtures';

export interface IndexFile {
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
  pypi?: DistributionFile;
  npm?: { versionDocPath: string; doc: NpmVersionDoc };
}

export function fixtureIndex(): IndexFile[] {
  return readFixtureJson<{ files: IndexFile[] }>('index.json').files;
}

/** Every attestation in the file verifies against the production trusted root. */
export function productionValid(file: IndexFile): boolean {
  const attestations = file.details?.attestations ?? [];
  return attestations.length > 0 && attestations.every((a) => a.verifyProduction === true);
}

export function fixtureCases(): FixtureCase[] {
  return fixtureIndex().flatMap((file): FixtureCase[] => {
    if (file.kind !== 'pypi' && file.kind !== 'npm') return [];
    if ((file.details?.attestations ?? []).length === 0) throw new Error(`index.json: ${file.path} has no expectations`);
    const expectVerified = productionValid(file);
    if (file.kind === 'pypi') return [{ path: file.path, registry: 'pypi', expectVerified, pypi: pypiFileOf(file.path) }];
    return [{ path: file.path, registry: 'npm', expectVerified, npm: npmVersionDocOf(file.path) }];
  });
}

/** The distribution a PyPI attestation file is about, from its project's dists.json. */
export function pypiFileOf(path: string): DistributionFile {
  const dists = readFixtureJson<DistsJson>(`${dirname(path)}/dists.json`);
  const dist = dists.distributions.find((d) => d.attestation_files.includes(path));
  if (!dist) throw new Error(`no dists.json entry lists ${path}`);
  return { filename: dist.filename, sha256: dist.sha256 };
}

/** `cli@0.1.1.attestations.json` -> its sibling `cli@0.1.1.version.json`. */
export function npmVersionDocOf(path: string): { versionDocPath: string; doc: NpmVersionDoc } {
  const match = /^(.+@\d+\.\d+\.\d+)\./.exec(basename(path));
  if (!match) throw new Error(`cannot tell the version of ${path}`);
  const versionDocPath = `${dirname(path)}/${match[1]}.version.json`;
  return { versionDocPath, doc: readFixtureJson<NpmVersionDoc>(versionDocPath) };
}

export function npmVersionOf(path: string): NpmVersionInfo {
  const { doc } = npmVersionDocOf(path);
  const info: NpmVersionInfo = { name: doc.name, version: doc.version, integrity: doc.dist.integrity };
  if (doc.dist.signatures) info.signatures = doc.dist.signatures;
  return info;
}

// Real package-level inputs for the core's verify functions, exactly what the worker hands the
// core after fetching: a PyPI provenance object plus the file's registry digest, or an npm
// attestations response plus the version document's integrity and signatures. Plain JSON, so
// the same cases can be sent into a browser context by value.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface PypiPackageCase {
  registry: 'pypi';
  name: string;
  doc: unknown;
  file: { filename: string; sha256: string };
}

export interface NpmPackageCase {
  registry: 'npm';
  name: string;
  doc: unknown;
  version: { name: string; version: string; integrity: string; signatures?: { keyid: string; sig: string }[] };
}

export type PackageCase = PypiPackageCase | NpmPackageCase;

export interface PackageCaseSet {
  trustInput: { trustedRoot: unknown; npmKeys: unknown };
  cases: PackageCase[];
}

interface Dists {
  distributions: { filename: string; sha256: string }[];
}

interface VersionDoc {
  name: string;
  version: string;
  dist: { integrity: string; signatures?: { keyid: string; sig: string }[] };
}

const readJson = (dir: string, rel: string): unknown => JSON.parse(readFileSync(join(dir, rel), 'utf8'));

function pypiCases(dir: string): PypiPackageCase[] {
  const cases: PypiPackageCase[] = [];
  for (const project of readdirSync(join(dir, 'pypi')).sort()) {
    const dists = readJson(dir, `pypi/${project}/dists.json`) as Dists;
    for (const entry of readdirSync(join(dir, 'pypi', project)).sort()) {
      // Only Integrity API provenance objects: what the worker actually fetches per file.
      const filename = entry.match(/^(.+)\.provenance(\.json)?$/)?.[1];
      const dist = dists.distributions.find((d) => d.filename === filename);
      if (!filename || !dist) continue;
      cases.push({ registry: 'pypi', name: filename, doc: readJson(dir, `pypi/${project}/${entry}`), file: { filename, sha256: dist.sha256 } });
    }
  }
  return cases;
}

function filesUnder(root: string, rel: string): string[] {
  return readdirSync(join(root, rel), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(root, `${rel}/${e.name}`) : [`${rel}/${e.name}`],
  );
}

function npmCases(dir: string): NpmPackageCase[] {
  const cases: NpmPackageCase[] = [];
  // Untampered responses only (`<name>@<v>.attestations.json`) with their version document.
  for (const rel of filesUnder(dir, 'npm').sort()) {
    const stem = rel.match(/^(.+)\.attestations\.json$/)?.[1];
    if (!stem) continue;
    let doc: VersionDoc;
    try {
      doc = readJson(dir, `${stem}.version.json`) as VersionDoc;
    } catch {
      continue;
    }
    const version = { name: doc.name, version: doc.version, integrity: doc.dist.integrity, signatures: doc.dist.signatures };
    cases.push({ registry: 'npm', name: `${doc.name}@${doc.version}`, doc: readJson(dir, rel), version });
  }
  return cases;
}

export function loadPackageCases(fixturesDir: string): PackageCaseSet {
  return {
    trustInput: {
      trustedRoot: readJson(fixturesDir, 'sigstore/trusted_root.json'),
      npmKeys: readJson(fixturesDir, 'sigstore/npm-registry-keys.json'),
    },
    cases: [...pypiCases(fixturesDir), ...npmCases(fixturesDir)],
  };
}

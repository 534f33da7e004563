// The real, production-valid documents the tamper corpus starts from, each with the registry
// data it must bind to (PyPI dists.json digest, npm *.version.json) and its verify call.
import { basename, dirname } from 'node:path';
import { readFixtureJson } from '../../testing/fixtures';
import type { DistributionFile, NpmVersionInfo, TrustContext } from '../api';
import { verifyNpmAttestations, verifyPypiProvenance } from '../index';
import type { ArtifactVerdict } from '../verdict';
import { npmUnits, pep740Units, type SignedUnit } from './signed-units';

export interface TamperTarget {
  /** Fixture path, relative to the fixtures folder. */
  label: string;
  registry: 'pypi' | 'npm';
  doc: unknown;
  units(doc: unknown): SignedUnit[];
  verify(doc: unknown, trust: TrustContext): ArtifactVerdict;
}

interface IndexFile {
  path: string;
  kind: string;
  details?: { attestations?: { verifyProduction?: boolean }[] };
}

interface DistsJson {
  distributions: { filename: string; sha256: string; attestation_files: string[] }[];
}

interface VersionDoc {
  name: string;
  version: string;
  dist: { integrity: string; signatures?: { keyid: string; sig: string }[] };
}

function productionValid(file: IndexFile): boolean {
  const attestations = file.details?.attestations ?? [];
  return attestations.length > 0 && attestations.every((a) => a.verifyProduction === true);
}

export function pypiFileOf(path: string): DistributionFile {
  const dist = readFixtureJson<DistsJson>(`${dirname(path)}/dists.json`).distributions.find((d) =>
    d.attestation_files.includes(path),
  );
  if (!dist) throw new Error(`no dists.json entry for ${path}`);
  return { filename: dist.filename, sha256: dist.sha256 };
}

export function npmVersionOf(path: string): NpmVersionInfo {
  const prefix = /^(.+@\d+\.\d+\.\d+)\./.exec(basename(path))?.[1];
  if (!prefix) throw new Error(`cannot tell the version of ${path}`);
  const doc = readFixtureJson<VersionDoc>(`${dirname(path)}/${prefix}.version.json`);
  const info: NpmVersionInfo = { name: doc.name, version: doc.version, integrity: doc.dist.integrity };
  if (doc.dist.signatures) info.signatures = doc.dist.signatures;
  return info;
}

export function pypiTarget(path: string, file: DistributionFile = pypiFileOf(path)): TamperTarget {
  return {
    label: path,
    registry: 'pypi',
    doc: readFixtureJson(path),
    units: pep740Units,
    verify: (doc, trust) => verifyPypiProvenance(doc, file, trust),
  };
}

export function npmTarget(path: string, version: NpmVersionInfo = npmVersionOf(path)): TamperTarget {
  return {
    label: path,
    registry: 'npm',
    doc: readFixtureJson(path),
    units: npmUnits,
    verify: (doc, trust) => verifyNpmAttestations(doc, version, trust),
  };
}

/**
 * Every production-valid PEP 740 document (provenance objects and bare attestations; the
 * `.sigstore` bundle copies are left to the bundle tests) and every full npm response.
 */
export function tamperTargets(): TamperTarget[] {
  const files = readFixtureJson<{ files: IndexFile[] }>('index.json').files.filter(productionValid);
  const pypi = files.filter((f) => f.kind === 'pypi' && !f.path.endsWith('.sigstore')).map((f) => pypiTarget(f.path));
  const npm = files
    .filter((f) => f.kind === 'npm' && f.path.endsWith('.attestations.json'))
    .map((f) => npmTarget(f.path));
  return [...pypi, ...npm];
}

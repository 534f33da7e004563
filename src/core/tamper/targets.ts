// The real, production-valid documents the tamper corpus starts from, each with the registry
// data it must bind to (PyPI dists.json digest, npm *.version.json) and its verify call.
import { fixtureIndex, npmVersionOf, productionValid, pypiFileOf } from '../../testing/fixture-cases';
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
  const files = fixtureIndex().filter(productionValid);
  const pypi = files.filter((f) => f.kind === 'pypi' && !f.path.endsWith('.sigstore')).map((f) => pypiTarget(f.path));
  const npm = files
    .filter((f) => f.kind === 'npm' && f.path.endsWith('.attestations.json'))
    .map((f) => npmTarget(f.path));
  return [...pypi, ...npm];
}

// Which npm packages the fixture server knows. Version documents and attestation responses are
// the real shared fixtures; the one package without provenance is authored.
import { createHash } from 'node:crypto';
import { readFixtureJson } from '../support/fixtures-dir';

export interface NpmPackage {
  name: string;
  version: string;
  description: string;
  /** Real `*.version.json`, or null for the authored package. */
  versionDocPath: string | null;
  /** Attestations endpoint response served for this version; null = no dist.attestations. */
  attestationsPath: string | null;
}

export const NPM_PACKAGES: readonly NpmPackage[] = [
  {
    name: 'sigstore',
    version: '2.3.1',
    description: 'Verified fixture: real attestations response',
    versionDocPath: 'npm/sigstore/sigstore@2.3.1.version.json',
    attestationsPath: 'npm/sigstore/sigstore@2.3.1.attestations.json',
  },
  {
    name: '@playwright/cli',
    version: '0.1.1',
    description: 'Verified fixture: scoped package, 2026 attestations',
    versionDocPath: 'npm/@playwright/cli/cli@0.1.1.version.json',
    attestationsPath: 'npm/@playwright/cli/cli@0.1.1.attestations.json',
  },
  {
    name: '@trishankatdatadog/supreme-goggles',
    version: '1.0.5',
    description: 'Invalid fixture: provenance payload altered after signing',
    versionDocPath: 'npm/@trishankatdatadog/supreme-goggles/supreme-goggles@1.0.5.version.json',
    attestationsPath: 'npm/@trishankatdatadog/supreme-goggles/supreme-goggles@1.0.5.attestations.tampered-provenance.json',
  },
  {
    name: 'lens-fixture-plain',
    version: '1.0.0',
    description: 'Authored fixture without provenance',
    versionDocPath: null,
    attestationsPath: null,
  },
];

interface VersionDoc {
  name: string;
  version: string;
  dist: Record<string, unknown>;
}

interface AttestationsResponse {
  attestations: { predicateType: string }[];
}

const PUBLISH_PREDICATE = 'https://github.com/npm/attestation/tree/main/specs/publish/v0.1';

/** The registry spells scoped names as `@scope%2fname` in the attestations URL. */
export function registryName(name: string): string {
  return name.replace('/', '%2f');
}

function authoredDoc(pkg: NpmPackage): VersionDoc {
  const digest = createHash('sha512').update(`provenance-lens e2e authored tarball ${pkg.name}`).digest('base64');
  return {
    name: pkg.name,
    version: pkg.version,
    dist: { integrity: `sha512-${digest}`, tarball: `https://registry.npmjs.org/${pkg.name}/-/${pkg.name}-${pkg.version}.tgz` },
  };
}

/** The version document as the registry serves it, with `dist.attestations` added as the real one does. */
export function versionDocument(pkg: NpmPackage): VersionDoc {
  const doc = pkg.versionDocPath ? readFixtureJson<VersionDoc>(pkg.versionDocPath) : authoredDoc(pkg);
  if (!pkg.attestationsPath) return { ...doc, description: pkg.description } as VersionDoc;
  const response = readFixtureJson<AttestationsResponse>(pkg.attestationsPath);
  const provenance = response.attestations.find((a) => a.predicateType !== PUBLISH_PREDICATE);
  const attestations = {
    url: `https://registry.npmjs.org/-/npm/v1/attestations/${registryName(pkg.name)}@${pkg.version}`,
    provenance: { predicateType: provenance?.predicateType ?? 'https://slsa.dev/provenance/v1' },
  };
  return { ...doc, description: pkg.description, dist: { ...doc.dist, attestations } } as VersionDoc;
}

export function findNpmPackage(name: string): NpmPackage | undefined {
  return NPM_PACKAGES.find((p) => p.name === name);
}

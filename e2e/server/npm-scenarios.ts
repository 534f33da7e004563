// Which npm packages the fixture server knows. Version documents and attestation responses are
// the real shared fixtures; the one package without provenance is authored. sigstore has two
// releases attested for real (1.0.0 and 2.3.1), so a spec can move between versions, and an
// authored one from before npm had provenance (0.4.0), so its Versions tab lists a release without.
// Publish times are authored (the version documents carry none).
import { createHash } from 'node:crypto';
import { readFixtureJson } from '../support/fixtures-dir';

export interface NpmRelease {
  version: string;
  /** Publish time as the packument's `time` object gives it. */
  published: string;
  /** Real `*.version.json`, or null for the authored package. */
  versionDocPath: string | null;
  /** Attestations endpoint response served for this version; null = no dist.attestations. */
  attestationsPath: string | null;
  /** Served by version, but left out of the packument (see sigstore 1.0.0). */
  unlisted?: true;
}

export interface NpmPackage {
  name: string;
  description: string;
  /** The `latest` dist-tag. */
  latest: string;
  releases: readonly NpmRelease[];
}

export const NPM_PACKAGES: readonly NpmPackage[] = [
  {
    name: 'sigstore',
    description: 'Verified fixture: real attestations response',
    latest: '2.3.1',
    releases: [
      // Authored version document (no dist.attestations); unlisted, as 1.0.0 is, so the packument
      // and the publisher continuity other specs expect stay as they are.
      { version: '0.4.0', published: '2022-11-22T12:00:00.000Z', versionDocPath: null, attestationsPath: null, unlisted: true },
      {
        version: '1.0.0',
        published: '2023-01-24T18:41:13.000Z',
        versionDocPath: 'npm/sigstore/sigstore@1.0.0.version.json',
        attestationsPath: 'npm/sigstore/sigstore@1.0.0.attestations.json',
        // Listed, it would be the release publisher continuity compares 2.3.1 with, across the
        // years of releases we have no attestations for, and report a workflow change
        // (publish.yml to release.yml) that a comparison with the real 2.3.0 may not show.
        unlisted: true,
      },
      {
        version: '2.3.1',
        published: '2024-05-29T16:25:36.000Z',
        versionDocPath: 'npm/sigstore/sigstore@2.3.1.version.json',
        attestationsPath: 'npm/sigstore/sigstore@2.3.1.attestations.json',
      },
    ],
  },
  {
    name: '@playwright/cli',
    description: 'Verified fixture: scoped package, 2026 attestations',
    latest: '0.1.1',
    releases: [
      {
        version: '0.1.1',
        published: '2026-01-20T10:00:00.000Z',
        versionDocPath: 'npm/@playwright/cli/cli@0.1.1.version.json',
        attestationsPath: 'npm/@playwright/cli/cli@0.1.1.attestations.json',
      },
    ],
  },
  {
    name: '@trishankatdatadog/supreme-goggles',
    description: 'Invalid fixture: provenance payload altered after signing',
    latest: '1.0.5',
    releases: [
      {
        version: '1.0.5',
        published: '2023-03-01T12:00:00.000Z',
        versionDocPath: 'npm/@trishankatdatadog/supreme-goggles/supreme-goggles@1.0.5.version.json',
        attestationsPath: 'npm/@trishankatdatadog/supreme-goggles/supreme-goggles@1.0.5.attestations.tampered-provenance.json',
      },
    ],
  },
  {
    name: 'lens-fixture-plain',
    description: 'Authored fixture without provenance',
    latest: '1.0.0',
    releases: [{ version: '1.0.0', published: '2025-06-01T09:00:00.000Z', versionDocPath: null, attestationsPath: null }],
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

function authoredDoc(pkg: NpmPackage, release: NpmRelease): VersionDoc {
  const digest = createHash('sha512').update(`provenance-lens e2e authored tarball ${pkg.name}`).digest('base64');
  return {
    name: pkg.name,
    version: release.version,
    dist: { integrity: `sha512-${digest}`, tarball: `https://registry.npmjs.org/${pkg.name}/-/${pkg.name}-${release.version}.tgz` },
  };
}

/** The version document as the registry serves it, with `dist.attestations` added as the real one does. */
export function versionDocument(pkg: NpmPackage, release: NpmRelease): VersionDoc {
  const doc = release.versionDocPath ? readFixtureJson<VersionDoc>(release.versionDocPath) : authoredDoc(pkg, release);
  if (!release.attestationsPath) return { ...doc, description: pkg.description } as VersionDoc;
  const response = readFixtureJson<AttestationsResponse>(release.attestationsPath);
  const provenance = response.attestations.find((a) => a.predicateType !== PUBLISH_PREDICATE);
  const attestations = {
    url: `https://registry.npmjs.org/-/npm/v1/attestations/${registryName(pkg.name)}@${release.version}`,
    provenance: { predicateType: provenance?.predicateType ?? 'https://slsa.dev/provenance/v1' },
  };
  return { ...doc, description: pkg.description, dist: { ...doc.dist, attestations } } as VersionDoc;
}

export function findNpmPackage(name: string): NpmPackage | undefined {
  return NPM_PACKAGES.find((p) => p.name === name);
}

/** A release by version, or by the `latest` dist-tag. */
export function findRelease(pkg: NpmPackage, which: string): NpmRelease | undefined {
  const version = which === 'latest' ? pkg.latest : which;
  return pkg.releases.find((r) => r.version === version);
}

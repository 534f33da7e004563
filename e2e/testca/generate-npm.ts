// Signed npm packages for the e2e suite (publisher continuity): packuments with several versions,
// each with dist.integrity, a registry signature and dist.attestations pointing at a generated
// attestations response.
import { fakeIntegrity, githubIdentity, SLSA_PROVENANCE_V1, type IdentitySpec, type TestSigstore } from '../../src/testing/testca/index';
import type { DocumentSink } from './generate-pypi';
import type { GeneratedNpmPackage, GeneratedNpmVersion } from './scenario-manifest';

interface VersionSpec {
  version: string;
  published: string;
  identity: IdentitySpec | null;
}

function attestationsUrl(name: string, version: string): string {
  return `https://registry.npmjs.org/-/npm/v1/attestations/${name.replace('/', '%2f')}@${version}`;
}

function npmVersion(ca: TestSigstore, sink: DocumentSink, name: string, spec: VersionSpec): GeneratedNpmVersion {
  const { version } = spec;
  const integrity = fakeIntegrity(`${name}@${version}`);
  const dist: Record<string, unknown> = {
    integrity,
    tarball: `https://registry.npmjs.org/${name}/-/${name.split('/').at(-1) ?? name}-${version}.tgz`,
    signatures: [ca.npmRegistrySignature({ name, version, integrity })],
  };
  let attestations: string | null = null;
  if (spec.identity) {
    const response = ca.npmAttestations({ name, version, integrity, identity: spec.identity });
    attestations = sink(`npm/${name}/${version}.attestations.json`, response);
    dist.attestations = { url: attestationsUrl(name, version), provenance: { predicateType: SLSA_PROVENANCE_V1 } };
  }
  return { version, published: spec.published, document: { name, version, description: `Test-CA package ${name}`, dist }, attestations };
}

function npmPackage(ca: TestSigstore, sink: DocumentSink, name: string, description: string, versions: VersionSpec[]): GeneratedNpmPackage {
  return { name, description, latest: versions.at(-1)?.version ?? '1.0.0', versions: versions.map((v) => npmVersion(ca, sink, name, v)) };
}

export function generateNpmPackages(ca: TestSigstore, sink: DocumentSink): GeneratedNpmPackage[] {
  const T0 = '2026-01-10T12:00:00.000Z';
  const T1 = '2026-02-10T12:00:00.000Z';
  const repo = 'lens-e2e/npm-changed';
  // With the two above, exactly 20 results for npm search `lens-npm`: the bench's npm search page.
  const fillers: GeneratedNpmPackage[] = [];
  for (let i = 1; i <= 9; i++) {
    const v = (identity: IdentitySpec | null): VersionSpec[] => [{ version: '1.0.0', published: T0, identity }];
    fillers.push(npmPackage(ca, sink, `lens-npm-search-verified-${i}`, 'Test-CA search filler, attested', v(githubIdentity(`lens-e2e/npm-search-${i}`, { ref: 'refs/tags/v1.0.0' }))));
    fillers.push(npmPackage(ca, sink, `lens-npm-search-none-${i}`, 'Test-CA search filler without provenance', v(null)));
  }
  return [
    npmPackage(ca, sink, 'lens-npm-changed', 'Versions built by different workflows', [
      { version: '1.0.0', published: T0, identity: githubIdentity(repo, { ref: 'refs/tags/v1.0.0', workflowPath: '.github/workflows/release.yml' }) },
      { version: '1.1.0', published: T1, identity: githubIdentity(repo, { ref: 'refs/tags/v1.1.0', workflowPath: '.github/workflows/other.yml' }) },
    ]),
    npmPackage(ca, sink, 'lens-npm-same', 'Versions built by the same workflow', [
      { version: '1.0.0', published: T0, identity: githubIdentity('lens-e2e/npm-same', { ref: 'refs/tags/v1.0.0' }) },
      { version: '1.1.0', published: T1, identity: githubIdentity('lens-e2e/npm-same', { ref: 'refs/tags/v1.1.0' }) },
    ]),
    ...fillers,
  ];
}

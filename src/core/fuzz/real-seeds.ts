// Seed documents from the shared real-data fixtures: every PyPI and npm attestation file with
// the distribution or version it binds, and the conformance happy-path bundles.
import { createHash } from 'node:crypto';
import { readFixture, readFixtureJson } from '../../testing/fixtures';
import {
  createTrustContext,
  verifyBundle,
  verifyNpmAttestations,
  verifyPypiProvenance,
  type BundleArtifact,
  type BundlePolicy,
  type DistributionFile,
  type NpmVersionInfo,
  type TrustContext,
} from '../index';
import type { JsonPath } from './json-tree';
import type { FuzzSeed } from './run-fuzz';
import { bundleView, npmView, pypiView } from './signed-view';

interface IndexFile {
  path: string;
  kind: string;
}
interface Dists {
  distributions: { filename: string; sha256: string; attestation_files: string[] }[];
}

const indexFiles = (kind: string) => readFixtureJson<{ files: IndexFile[] }>('index.json').files.filter((f) => f.kind === kind);

/** Where PEP 740 attestations (or npm entries) sit: list items, or the whole document. */
export function unitPaths(doc: unknown): JsonPath[] {
  const root = doc as { attestation_bundles?: { attestations?: unknown[] }[]; attestations?: unknown[] };
  if (Array.isArray(root.attestation_bundles)) {
    return root.attestation_bundles.flatMap((g, i) => (Array.isArray(g?.attestations) ? g.attestations.map((_a, j) => ['attestation_bundles', i, 'attestations', j]) : []));
  }
  if (Array.isArray(root.attestations)) return root.attestations.map((_a, i) => ['attestations', i]);
  return [[]];
}

export function realPypiSeeds(): FuzzSeed[] {
  const trust = createTrustContext({ trustedRoot: readFixtureJson('sigstore/trusted_root.json') });
  return indexFiles('pypi').map((f) => {
    const dists = readFixtureJson<Dists>(`${f.path.slice(0, f.path.lastIndexOf('/'))}/dists.json`);
    const dist = dists.distributions.find((d) => d.attestation_files.includes(f.path));
    if (!dist) throw new Error(`no dists.json entry for ${f.path}`);
    const file: DistributionFile = { filename: dist.filename, sha256: dist.sha256 };
    return {
      id: f.path.slice(f.path.lastIndexOf('/') + 1),
      doc: readFixtureJson(f.path),
      binding: file,
      group: file.filename,
      verify: (doc, binding) => verifyPypiProvenance(doc, binding as DistributionFile, trust),
      view: pypiView,
      unitPaths,
    };
  });
}

export function npmVersionFor(path: string): NpmVersionInfo {
  const base = path.slice(0, path.indexOf('@', path.lastIndexOf('/') + 1));
  const version = path.slice(base.length + 1).split('.').slice(0, 3).join('.');
  const doc = readFixtureJson<{ name: string; version: string; dist: { integrity: string; signatures?: NpmVersionInfo['signatures'] } }>(
    `${base}@${version}.version.json`,
  );
  return { name: doc.name, version: doc.version, integrity: doc.dist.integrity, signatures: doc.dist.signatures };
}

export function realNpmSeeds(): FuzzSeed[] {
  const trust = createTrustContext({
    trustedRoot: readFixtureJson('sigstore/trusted_root.json'),
    npmKeys: readFixtureJson('sigstore/npm-registry-keys.json'),
  });
  return indexFiles('npm')
    .filter((f) => !f.path.endsWith('.version.json'))
    .map((f) => {
      const version = npmVersionFor(f.path);
      return {
        id: f.path.slice(f.path.lastIndexOf('/') + 1),
        doc: readFixtureJson(f.path),
        binding: version,
        group: `${version.name}@${version.version}`,
        verify: (doc, binding) => verifyNpmAttestations(doc, binding as NpmVersionInfo, trust),
        view: npmView,
        unitPaths,
      };
    });
}

const C = 'sigstore/conformance';
const BEACON: BundlePolicy = {
  identity: 'https://github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon/.github/workflows/extremely-dangerous-oidc-beacon.yml@refs/heads/main',
  issuer: 'https://token.actions.githubusercontent.com',
};

export interface BundleBinding {
  artifact: BundleArtifact;
  policy: BundlePolicy;
}

export function bundleSeed(id: string, doc: unknown, binding: BundleBinding, group: string, trust: TrustContext): FuzzSeed {
  return {
    id,
    doc,
    binding,
    group,
    verify: (d, b) => verifyBundle(d, (b as BundleBinding).artifact, (b as BundleBinding).policy, trust),
    view: bundleView,
    unitPaths: () => [[]],
  };
}

export function realBundleSeeds(): FuzzSeed[] {
  const production = createTrustContext({ trustedRoot: readFixtureJson('sigstore/trusted_root.json') });
  const aTxt = new Uint8Array(readFixture(`${C}/a.txt`));
  const sha256 = createHash('sha256').update(aTxt).digest('hex');
  const keyPem = readFixture(`${C}/managed-key-happy-path/key.pub`).toString('utf8');
  const rekor2 = createTrustContext({ trustedRoot: readFixtureJson(`${C}/rekor2-happy-path/trusted_root.json`) });
  const cases: [string, BundleBinding, TrustContext][] = [
    ['happy-path-v0.2', { artifact: { bytes: aTxt }, policy: BEACON }, production],
    ['happy-path-v0.3', { artifact: { bytes: aTxt }, policy: BEACON }, production],
    ['happy-path-intoto-in-dsse-v3', { artifact: { sha256 }, policy: BEACON }, production],
    ['managed-key-happy-path', { artifact: { bytes: aTxt }, policy: { publicKeyPem: keyPem } }, production],
    ['rekor2-happy-path', { artifact: { bytes: aTxt }, policy: BEACON }, rekor2],
  ];
  return cases.map(([name, binding, trust]) => bundleSeed(name, readFixtureJson(`${C}/${name}/bundle.sigstore.json`), binding, 'a.txt', trust));
}

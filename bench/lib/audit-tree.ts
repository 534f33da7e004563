// The audit benchmark's npm tree: `count` packages, every one signed by the generated test
// Sigstore instance (src/testing/testca), so the whole tree really verifies (recorded real
// bundles bind the real tarballs, which `npm ci` would have to download). The mix follows what
// a provenance-heavy tree looks like: most locked versions attested from GitHub Actions (SLSA
// v1), a few from GitLab CI (SLSA v0.2), the rest without provenance; a third of the packages
// have one earlier release and a third two (publisher continuity verifies the nearest attested
// one), a fifth are scoped. Locked versions have real tarballs, so the lockfile's integrity is
// the sha512 the provenance attests and `npm ci` can install them.
import { createHash } from 'node:crypto';
import { githubIdentity, gitlabIdentity, type IdentitySpec, type NpmAttestationsJson, type TestSigstore } from '../../src/testing/testca/index';
import { npmTarball } from './audit-tarball';

export interface TreeVersion {
  version: string;
  integrity: string;
  published: string;
  identity: IdentitySpec | null;
  /** Only the locked (last) version has bytes: nothing installs the earlier ones. */
  tarball?: Buffer;
  /** `dist.signatures`: the registry's ECDSA signature over `<name>@<version>:<integrity>`. */
  signatures: { keyid: string; sig: string }[];
  /** The attestations endpoint's answer, when the version has provenance. */
  attestations?: NpmAttestationsJson;
}

export interface TreePackage {
  name: string;
  /** Oldest first; the last one is the version the lockfile pins. */
  versions: TreeVersion[];
  /** Dependencies of the locked version (name -> range). */
  dependencies: Record<string, string>;
}

/** Packages the root package.json depends on; every other one hangs below one of them. */
export const DIRECT_DEPENDENCIES = 100;
const DAY_MS = 24 * 3600 * 1000;

const nameOf = (i: number) => (i % 5 === 0 ? `@bench-scope-${i % 7}/pkg-${i}` : `bench-pkg-${i}`);
/** Package i >= DIRECT_DEPENDENCIES is a dependency of package floor(i / 2): a tree 10 deep. */
const parentOf = (i: number) => Math.floor(i / 2);

/** null: no provenance (about 15%); GitLab for about 5%; GitHub Actions for the rest. */
function identityOf(i: number): IdentitySpec | null {
  if (i % 20 === 3 || i % 20 === 11 || i % 20 === 17) return null;
  return i % 20 === 7 ? gitlabIdentity(`bench-group/pkg-${i}`) : githubIdentity(`bench-org/pkg-${i}`);
}

function lockedTarball(name: string, version: string, dependencies: Record<string, string>, i: number): Buffer {
  const manifest = { name, version, description: `provenance-lens audit benchmark package ${i}`, main: 'index.js', license: 'MIT', dependencies };
  return npmTarball({ 'package.json': `${JSON.stringify(manifest, null, 2)}\n`, 'index.js': `module.exports = ${i};\n` });
}

export function generateTree(ts: TestSigstore, count: number): TreePackage[] {
  const names = Array.from({ length: count }, (_, i) => nameOf(i));
  const lockedVersion = (i: number) => `1.${i % 3}.0`;
  const children = new Map<number, number[]>();
  for (let i = DIRECT_DEPENDENCIES; i < count; i++) children.set(parentOf(i), [...(children.get(parentOf(i)) ?? []), i]);
  const now = Date.now();
  return names.map((name, i) => {
    const identity = identityOf(i);
    const dependencies = Object.fromEntries((children.get(i) ?? []).map((c) => [names[c] as string, `^${lockedVersion(c)}`]));
    const releases = i % 3;
    const versions = Array.from({ length: releases + 1 }, (_, k): TreeVersion => {
      const version = `1.${k}.0`;
      const tarball = k === releases ? lockedTarball(name, version, dependencies, i) : undefined;
      const integrity = `sha512-${createHash('sha512').update(tarball ?? `earlier release ${name}@${version}`).digest('base64')}`;
      const spec = { name, version, integrity };
      return {
        version,
        integrity,
        published: new Date(now - (releases - k + 1) * 30 * DAY_MS).toISOString(),
        identity,
        ...(tarball ? { tarball } : {}),
        signatures: [ts.npmRegistrySignature(spec)],
        ...(identity ? { attestations: ts.npmAttestations({ ...spec, identity }) } : {}),
      };
    });
    return { name, versions, dependencies };
  });
}

export const lockedOf = (pkg: TreePackage): TreeVersion => pkg.versions[pkg.versions.length - 1] as TreeVersion;

/** Where the registry serves a tarball: `<base><name>/-/<bare name>-<version>.tgz`. */
export function tarballUrl(base: string, name: string, version: string): string {
  return `${base}${name}/-/${name.split('/').pop() ?? name}-${version}.tgz`;
}

/** package.json and package-lock.json (v3, flat as npm hoists it) of the project that uses the tree. */
export function projectFiles(packages: readonly TreePackage[], registryBase: string): { packageJson: object; packageLock: object } {
  const direct = Object.fromEntries(packages.slice(0, DIRECT_DEPENDENCIES).map((p) => [p.name, `^${lockedOf(p).version}`]));
  const root = { name: 'audit-bench-app', version: '1.0.0', dependencies: direct };
  const entries = packages.map((p) => {
    const locked = lockedOf(p);
    const deps = Object.keys(p.dependencies).length > 0 ? { dependencies: p.dependencies } : {};
    return [`node_modules/${p.name}`, { version: locked.version, resolved: tarballUrl(registryBase, p.name, locked.version), integrity: locked.integrity, license: 'MIT', ...deps }];
  });
  const packageLock = { name: root.name, version: root.version, lockfileVersion: 3, requires: true, packages: { '': root, ...Object.fromEntries(entries) } };
  return { packageJson: root, packageLock };
}

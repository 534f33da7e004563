// npm's package-lock.json and npm-shrinkwrap.json, lockfileVersion 2 and 3: the `packages`
// map, keyed by install path (`node_modules/a/node_modules/@s/b`). The package name is the
// last `node_modules/` segment, or the entry's `name` for an alias (`npm:real@1`).
import { checkedIntegrity, checkedName, checkedVersion, countGuard, isRecord, LockfileError, shown, type ParsedLockfile } from './locked-package';
import { isRegistryTarballOf, npmSourceOf } from './registry-sources';
import { parseJsonLockfile } from './structured-text';

const NODE_MODULES = '/node_modules/';

function nameFromPath(path: string): string | undefined {
  const at = `/${path}`.lastIndexOf(NODE_MODULES);
  return at < 0 ? undefined : `/${path}`.slice(at + NODE_MODULES.length);
}

export function parseNpmPackageLock(text: string, options: { npmOrigin?: string } = {}): ParsedLockfile {
  const doc = parseJsonLockfile(text);
  if (!isRecord(doc)) throw new LockfileError('not a package-lock object');
  const version = doc.lockfileVersion;
  if (version !== 2 && version !== 3) {
    throw new LockfileError(`lockfileVersion ${shown(String(version))} is not supported (2 or 3; \`npm install\` upgrades a version 1 file)`);
  }
  if (!isRecord(doc.packages)) throw new LockfileError('no `packages` object');
  const entries = Object.entries(doc.packages);
  countGuard(entries.length);
  const result: ParsedLockfile = { format: `package-lock.json v${version}`, packages: [], other: [] };
  for (const [path, entry] of entries) {
    if (path === '') continue; // the project itself
    const where = `packages[${shown(path)}]`;
    if (!isRecord(entry)) throw new LockfileError(`${where} is not an object`);
    const installedAs = nameFromPath(path);
    // A workspace folder (no node_modules in its path) or a link to one: the project's own code.
    if (installedAs === undefined || entry.link === true) {
      const name = typeof entry.name === 'string' ? entry.name : (installedAs ?? path);
      result.other.push({ registry: 'npm', name: name.slice(0, 214), source: 'workspace' });
      continue;
    }
    const name = checkedName('npm', typeof entry.name === 'string' ? entry.name : installedAs, where);
    if (entry.resolved !== undefined && typeof entry.resolved !== 'string') throw new LockfileError(`${where}: resolved is not a string`);
    if (entry.inBundle === true) {
      // Shipped inside its parent's tarball: the parent's provenance covers these bytes.
      result.other.push({ registry: 'npm', name, source: 'bundled' });
      continue;
    }
    const source = npmSourceOf(entry.resolved, options.npmOrigin);
    if (source !== 'registry') {
      result.other.push({ registry: 'npm', name, source, ...(typeof entry.version === 'string' ? { version: entry.version.slice(0, 64) } : {}) });
      continue;
    }
    const v = checkedVersion('npm', entry.version, where);
    if (entry.resolved !== undefined && !isRegistryTarballOf(entry.resolved, name, v, options.npmOrigin)) {
      // Another package's tarball (or an unusual path) on the registry host: npm installs it, not name@v.
      result.other.push({ registry: 'npm', name, source: 'url', version: v });
      continue;
    }
    const integrity = checkedIntegrity(entry.integrity, where);
    result.packages.push({ registry: 'npm', name, version: v, ...(integrity !== undefined ? { integrity } : {}) });
  }
  return result;
}

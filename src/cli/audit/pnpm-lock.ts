// pnpm-lock.yaml, lockfileVersion 5.x, 6.x and 9.x: the `packages` map. Keys name the package
// and version (`/name/1.0.0_peer` in 5, `/name@1.0.0(peer@2)` in 6, `name@1.0.0` in 9);
// `resolution` holds the registry integrity, or a tarball URL, git repository or directory.
import { isNpmVersion } from '../../shared/package-names';
import { checkedIntegrity, checkedName, checkedVersion, countGuard, isRecord, LockfileError, shown, type ParsedLockfile } from './locked-package';
import { isRegistryTarballOf, npmSourceOf } from './registry-sources';
import { parseYamlLockfile } from './structured-text';

/** `{name, version}` from a packages key; version may be a non-registry spec (URL, git, file). */
export function splitPnpmKey(key: string, major: number): { name: string; version: string } | null {
  let spec = key.startsWith('/') ? key.slice(1) : key;
  if (major < 6) {
    // `@scope/name/1.0.0_peer@2` or `name/1.0.0`: the version is the last path segment.
    const slash = spec.lastIndexOf('/');
    if (slash <= 0) return null;
    const version = spec.slice(slash + 1).split('_')[0] ?? '';
    return { name: spec.slice(0, slash), version };
  }
  const paren = spec.indexOf('(');
  if (paren > 0) spec = spec.slice(0, paren);
  const at = spec.indexOf('@', 1);
  if (at <= 0) return null;
  return { name: spec.slice(0, at), version: spec.slice(at + 1) };
}

function majorOf(raw: unknown): number {
  const text = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw : '';
  const match = /^(\d{1,2})(\.\d{1,3})?$/.exec(text);
  const major = match ? Number(match[1]) : NaN;
  if (!(major >= 5 && major <= 9)) throw new LockfileError(`lockfileVersion ${shown(text)} is not supported (5.x, 6.x or 9.x)`);
  return major;
}

export function parsePnpmLock(text: string, options: { npmOrigin?: string } = {}): ParsedLockfile {
  const doc = parseYamlLockfile(text);
  if (!isRecord(doc)) throw new LockfileError('not a pnpm lockfile (no top-level mapping)');
  const major = majorOf(doc.lockfileVersion);
  const packages = doc.packages ?? {};
  if (!isRecord(packages)) throw new LockfileError('`packages` is not a mapping');
  const entries = Object.entries(packages);
  countGuard(entries.length);
  const result: ParsedLockfile = { format: `pnpm-lock.yaml v${major}`, packages: [], other: [] };
  for (const [key, entry] of entries) {
    const where = `packages[${shown(key)}]`;
    if (!isRecord(entry)) throw new LockfileError(`${where} is not a mapping`);
    const split = splitPnpmKey(key, major);
    if (!split) throw new LockfileError(`${where}: the key names no package and version`);
    // Non-registry entries carry their real name and version beside the spec-shaped key.
    const name = checkedName('npm', typeof entry.name === 'string' ? entry.name : split.name, where);
    const resolution = entry.resolution;
    if (!isRecord(resolution)) throw new LockfileError(`${where}: no resolution mapping`);
    const tarball = typeof resolution.tarball === 'string' ? resolution.tarball : undefined;
    const kind = typeof resolution.type === 'string' ? resolution.type : undefined;
    const source = kind === 'git' ? 'git' : kind === 'directory' ? 'file' : tarball !== undefined ? npmSourceOf(tarball, options.npmOrigin) : 'registry';
    if (source !== 'registry' || !isNpmVersion(split.version)) {
      result.other.push({ registry: 'npm', name, source: source === 'registry' ? 'url' : source });
      continue;
    }
    const version = checkedVersion('npm', typeof entry.version === 'string' ? entry.version : split.version, where);
    if (tarball !== undefined && !isRegistryTarballOf(tarball, name, version, options.npmOrigin)) {
      // pnpm installs what the tarball URL serves: on the registry host, it must be name@version's.
      result.other.push({ registry: 'npm', name, source: 'url', version });
      continue;
    }
    const integrity = checkedIntegrity(resolution.integrity, where);
    result.packages.push({ registry: 'npm', name, version, ...(integrity !== undefined ? { integrity } : {}) });
  }
  return result;
}

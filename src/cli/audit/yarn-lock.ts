// yarn.lock, classic (v1, yarn's own format, read with @yarnpkg/parsers) and berry (2+, YAML
// with a `__metadata` entry). Classic entries carry npm's `integrity` and the tarball URL;
// berry's `checksum` is of yarn's cache zip, not of the npm tarball, so it binds nothing the
// provenance attests: berry packages are checked as the registry serves them, unbound.
import { parseSyml } from '@yarnpkg/parsers';
import { checkedIntegrity, checkedName, checkedVersion, countGuard, isRecord, LockfileError, shown, type ParsedLockfile } from './locked-package';
import { isRegistryTarballOf, npmSourceOf } from './registry-sources';
import { lineAt, parseYamlLockfile } from './structured-text';

const CLASSIC_HEADER = /^# yarn lockfile v1$/m;

/** Name before the version range in a spec; an alias `a@npm:b@^1` is package `b`. */
function nameOfSpec(spec: string): string {
  const npmAlias = spec.indexOf('@npm:', 1);
  const real = npmAlias > 0 ? spec.slice(npmAlias + 5) : spec;
  const at = real.lastIndexOf('@');
  return at > 0 ? real.slice(0, at) : real;
}

/** @yarnpkg/parsers keeps the last of two equal keys: refuse them first, naming the line. */
function refuseDuplicateSpecs(text: string): void {
  const seen = new Set<string>();
  let offset = 0;
  for (const line of text.split('\n')) {
    if (/^[^\s#].*:\s*$/.test(line)) {
      for (const raw of line.replace(/:\s*$/, '').split(',')) {
        const spec = raw.trim().replace(/^"|"$/g, '');
        if (seen.has(spec)) throw new LockfileError(`duplicate entry ${shown(spec)}`, lineAt(text, offset));
        seen.add(spec);
      }
    }
    offset += line.length + 1;
  }
}

function parseClassic(text: string, npmOrigin: string | undefined): ParsedLockfile {
  refuseDuplicateSpecs(text);
  let doc: unknown;
  try {
    doc = parseSyml(text);
  } catch (error) {
    const line = isRecord(error) && isRecord(error.location) && isRecord(error.location.start) ? error.location.start.line : undefined;
    throw new LockfileError(`not a valid yarn.lock (${error instanceof Error ? error.message.slice(0, 120) : 'syntax error'})`, typeof line === 'number' ? line : undefined);
  }
  if (!isRecord(doc)) throw new LockfileError('not a yarn.lock mapping');
  const result: ParsedLockfile = { format: 'yarn.lock v1', packages: [], other: [] };
  const entries = Object.entries(doc);
  countGuard(entries.length);
  const done = new Set<unknown>();
  for (const [spec, entry] of entries) {
    if (done.has(entry)) continue; // `a@^1, a@^1.2` share one entry
    done.add(entry);
    const where = `entry ${shown(spec)}`;
    if (!isRecord(entry)) throw new LockfileError(`${where} is not a mapping`);
    const name = checkedName('npm', nameOfSpec(spec), where);
    if (entry.resolved !== undefined && typeof entry.resolved !== 'string') throw new LockfileError(`${where}: resolved is not a string`);
    const source = entry.resolved === undefined ? 'file' : npmSourceOf(entry.resolved, npmOrigin);
    if (source !== 'registry') {
      result.other.push({ registry: 'npm', name, source });
      continue;
    }
    const version = checkedVersion('npm', entry.version, where);
    if (entry.resolved !== undefined && !isRegistryTarballOf(entry.resolved, name, version, npmOrigin)) {
      // yarn installs what `resolved` serves (its #sha1 is that file's): it must be name@version's.
      result.other.push({ registry: 'npm', name, source: 'url', version });
      continue;
    }
    const integrity = checkedIntegrity(entry.integrity, where);
    result.packages.push({ registry: 'npm', name, version, ...(integrity !== undefined ? { integrity } : {}) });
  }
  return result;
}

function parseBerry(text: string): ParsedLockfile {
  const doc = parseYamlLockfile(text);
  if (!isRecord(doc) || !isRecord(doc.__metadata)) throw new LockfileError('not a yarn.lock (no `# yarn lockfile v1` header, no __metadata)');
  const result: ParsedLockfile = { format: 'yarn.lock (berry)', packages: [], other: [] };
  const entries = Object.entries(doc).filter(([key]) => key !== '__metadata');
  countGuard(entries.length);
  for (const [spec, entry] of entries) {
    const where = `entry ${shown(spec)}`;
    if (!isRecord(entry) || typeof entry.resolution !== 'string') throw new LockfileError(`${where} has no resolution`);
    const at = entry.resolution.indexOf('@', 1);
    if (at <= 0) throw new LockfileError(`${where}: resolution ${shown(entry.resolution)} names no package`);
    const name = checkedName('npm', entry.resolution.slice(0, at), where);
    const locator = entry.resolution.slice(at + 1);
    if (!locator.startsWith('npm:')) {
      const protocol = /^([a-z]+):/.exec(locator)?.[1] ?? 'url';
      const source = protocol === 'workspace' ? 'workspace' : protocol === 'patch' ? 'patched' : /^(git|github)/.test(protocol) ? 'git' : ['file', 'link', 'portal', 'exec'].includes(protocol) ? 'file' : 'url';
      result.other.push({ registry: 'npm', name, source });
      continue;
    }
    const version = checkedVersion('npm', locator.slice(4), where);
    result.packages.push({ registry: 'npm', name, version });
  }
  return result;
}

export function parseYarnLock(text: string, options: { npmOrigin?: string } = {}): ParsedLockfile {
  return CLASSIC_HEADER.test(text.slice(0, 4096)) ? parseClassic(text, options.npmOrigin) : parseBerry(text);
}

// PEP 751 `pylock.toml` (lock-version 1.x): `[[packages]]` with `wheels` and `sdist` (from an
// index) or `vcs`, `directory`, `archive` (not from the registry). Each file lists `hashes`.
import { checkedFiles, checkedName, checkedSha256, checkedVersion, countGuard, isRecord, LockfileError, shown, type LockedFile, type ParsedLockfile } from './locked-package';
import { filenameOfUrl, isDistFilename, isPypiIndex, lockedFile } from './registry-sources';
import { parseTomlLockfile } from './structured-text';

function fileOf(raw: unknown, where: string): LockedFile {
  if (!isRecord(raw) || !isRecord(raw.hashes)) throw new LockfileError(`${where}: a file without hashes`);
  if (raw.hashes.sha256 === undefined) throw new LockfileError(`${where}: a file without a sha256 hash`);
  const name = isDistFilename(raw.name) ? raw.name : filenameOfUrl(raw.url);
  return lockedFile(name, checkedSha256(raw.hashes.sha256, where));
}

export function parsePylockToml(text: string, options: { pypiBase?: string } = {}): ParsedLockfile {
  const doc = parseTomlLockfile(text);
  if (!isRecord(doc) || typeof doc['lock-version'] !== 'string') throw new LockfileError('not a pylock.toml (no lock-version)');
  if (!/^1\.\d{1,3}$/.test(doc['lock-version'])) throw new LockfileError(`lock-version ${shown(doc['lock-version'])} is not supported (1.x)`);
  const list = doc.packages ?? [];
  if (!Array.isArray(list)) throw new LockfileError('`packages` is not an array of tables');
  countGuard(list.length);
  const result: ParsedLockfile = { format: 'pylock.toml', packages: [], other: [] };
  for (const [i, entry] of list.entries()) {
    const where = `packages[${i}]`;
    if (!isRecord(entry)) throw new LockfileError(`${where} is not a table`);
    const name = checkedName('pypi', entry.name, where);
    const source = entry.vcs !== undefined ? 'git' : entry.directory !== undefined ? 'file' : entry.archive !== undefined ? 'url' : undefined;
    if (source !== undefined) {
      result.other.push({ registry: 'pypi', name, source });
      continue;
    }
    if (entry.index !== undefined && !isPypiIndex(entry.index, options.pypiBase)) {
      result.other.push({ registry: 'pypi', name, source: 'other registry' });
      continue;
    }
    const version = checkedVersion('pypi', entry.version, where);
    if (entry.wheels !== undefined && !Array.isArray(entry.wheels)) throw new LockfileError(`${where}: wheels is not an array`);
    const files = [...((entry.wheels as unknown[] | undefined) ?? []), ...(entry.sdist !== undefined ? [entry.sdist] : [])].map((f) => fileOf(f, where));
    result.packages.push({ registry: 'pypi', name, version, files: checkedFiles(files, where) });
  }
  return result;
}

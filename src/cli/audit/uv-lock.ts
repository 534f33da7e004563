// uv's `uv.lock` (version 1): `[[package]]` with `source = { registry = URL }` (or git, url,
// path, directory, editable, virtual), and `sdist` / `wheels` entries with `hash = "sha256:…"`.
import { checkedFiles, checkedName, checkedVersion, countGuard, isRecord, LockfileError, shown, type LockedFile, type ParsedLockfile } from './locked-package';
import { filenameOfUrl, isPypiIndex, lockedFile, sha256OfPrefixed } from './registry-sources';
import { parseTomlLockfile } from './structured-text';

function fileOf(raw: unknown, where: string): LockedFile {
  if (!isRecord(raw)) throw new LockfileError(`${where}: a file entry is not a table`);
  return lockedFile(filenameOfUrl(raw.url), sha256OfPrefixed(raw.hash, where));
}

function sourceKind(source: Record<string, unknown>, pypiBase: string | undefined): string {
  if (source.registry !== undefined) return isPypiIndex(source.registry, pypiBase) ? 'registry' : 'other registry';
  if (source.git !== undefined) return 'git';
  if (source.url !== undefined) return 'url';
  if (source.editable !== undefined || source.virtual !== undefined) return 'workspace';
  return 'file';
}

export function parseUvLock(text: string, options: { pypiBase?: string } = {}): ParsedLockfile {
  const doc = parseTomlLockfile(text);
  if (!isRecord(doc) || doc.version !== 1) throw new LockfileError(`not a supported uv.lock (version ${shown(String(isRecord(doc) ? doc.version : ''))}, expected 1)`);
  const list = doc.package ?? [];
  if (!Array.isArray(list)) throw new LockfileError('`package` is not an array of tables');
  countGuard(list.length);
  const result: ParsedLockfile = { format: 'uv.lock', packages: [], other: [] };
  for (const [i, entry] of list.entries()) {
    const where = `package[${i}]`;
    if (!isRecord(entry) || !isRecord(entry.source)) throw new LockfileError(`${where} has no source table`);
    const name = checkedName('pypi', entry.name, where);
    const kind = sourceKind(entry.source, options.pypiBase);
    if (kind !== 'registry') {
      result.other.push({ registry: 'pypi', name, source: kind });
      continue;
    }
    const version = checkedVersion('pypi', entry.version, where);
    if (entry.wheels !== undefined && !Array.isArray(entry.wheels)) throw new LockfileError(`${where}: wheels is not an array`);
    const raw = [...((entry.wheels as unknown[] | undefined) ?? []), ...(entry.sdist !== undefined ? [entry.sdist] : [])];
    result.packages.push({ registry: 'pypi', name, version, files: checkedFiles(raw.map((f) => fileOf(f, where)), where) });
  }
  return result;
}

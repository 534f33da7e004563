// Python distribution filenames, parsed so that equivalent spellings compare equal (PEP 427/491,
// PEP 503 names, PEP 440 versions, PEP 625 sdists) and different files never do.

export type DistFilename =
  | { kind: 'wheel'; name: string; version: string; build: string; tags: string[] }
  | { kind: 'sdist'; name: string; version: string; extension: '.tar.gz' | '.zip' };

/** PEP 503: `re.sub(r"[-_.]+", "-", name).lower()`. */
export function normalizeName(name: string): string {
  return name.replace(/[-_.]+/g, '-').toLowerCase();
}

const VERSION =
  /^v?(?:(\d+)!)?(\d+(?:\.\d+)*)(?:[-_.]?(alpha|beta|preview|pre|a|b|c|rc)[-_.]?(\d+)?)?(?:-(\d+)|[-_.]?(post|rev|r)[-_.]?(\d+)?)?(?:[-_.]?(dev)[-_.]?(\d+)?)?(?:\+([a-z0-9]+(?:[-_.][a-z0-9]+)*))?$/i;
const PRE: Record<string, string> = { alpha: 'a', a: 'a', beta: 'b', b: 'b', c: 'rc', pre: 'rc', preview: 'rc', rc: 'rc' };

/** PEP 440 normal form (release trailing zeros dropped, as Version equality ignores them). */
export function normalizeVersion(version: string): string {
  const m = VERSION.exec(version.trim());
  if (!m) return version.toLowerCase();
  const [, epoch, release, pre, preN, postImplicit, post, postN, dev, devN, local] = m;
  const num = (s: string | undefined) => String(BigInt(s ?? '0'));
  const parts = release!.split('.').map(num);
  while (parts.length > 1 && parts[parts.length - 1] === '0') parts.pop();
  let out = epoch && num(epoch) !== '0' ? `${num(epoch)}!` : '';
  out += parts.join('.');
  if (pre) out += PRE[pre.toLowerCase()]! + num(preN);
  if (postImplicit !== undefined) out += `.post${num(postImplicit)}`;
  else if (post) out += `.post${num(postN)}`;
  if (dev) out += `.dev${num(devN)}`;
  if (local) out += `+${local.toLowerCase().replace(/[-_]/g, '.')}`;
  return out;
}

/** Returns undefined for anything that is not a wheel or sdist filename. */
export function parseDistFilename(filename: string): DistFilename | undefined {
  if (filename.includes('/') || filename.includes('\\')) return undefined;
  if (filename.endsWith('.whl')) return parseWheel(filename.slice(0, -4));
  for (const extension of ['.tar.gz', '.zip'] as const) {
    if (!filename.endsWith(extension)) continue;
    const stem = filename.slice(0, -extension.length);
    // Legacy sdist names may contain dashes; the version is after the last one.
    const dash = stem.lastIndexOf('-');
    if (dash <= 0 || dash === stem.length - 1) return undefined;
    return { kind: 'sdist', name: normalizeName(stem.slice(0, dash)), version: normalizeVersion(stem.slice(dash + 1)), extension };
  }
  return undefined;
}

function parseWheel(stem: string): DistFilename | undefined {
  const parts = stem.split('-');
  if (parts.length !== 5 && parts.length !== 6) return undefined;
  if (parts.some((p) => p === '')) return undefined;
  const [name, version] = parts as [string, string];
  const build = parts.length === 6 ? parts[2]! : '';
  if (build && !/^\d/.test(build)) return undefined;
  const [py, abi, platform] = parts.slice(-3) as [string, string, string];
  // Compressed tag sets (py2.py3-none-any) stand for every combination; compare them as sets.
  const tags = new Set<string>();
  for (const p of py.split('.')) for (const a of abi.split('.')) for (const pl of platform.split('.')) tags.add(`${p}-${a}-${pl}`.toLowerCase());
  return { kind: 'wheel', name: normalizeName(name), version: normalizeVersion(version), build, tags: [...tags].sort() };
}

/** Whether two filenames name the same distribution file. */
export function sameDistribution(a: string, b: string): boolean {
  const pa = parseDistFilename(a);
  const pb = parseDistFilename(b);
  if (!pa || !pb) return false;
  return JSON.stringify(pa) === JSON.stringify(pb);
}

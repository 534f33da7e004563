// Version ordering for finding "the release before this one" when a registry gives no usable
// upload times (PyPI), and for npm only as the fallback when the packument's `time` is missing
// (npm/history.ts orders by publish time, so a backport is compared with what came before it).

/** SemVer 2.0 precedence (build metadata ignored); null when either is not SemVer. */
export function compareSemver(a: string, b: string): number | null {
  const pa = parseSemver(a);
  const pb = parseSemver(b);
  if (!pa || !pb) return null;
  for (let i = 0; i < 3; i++) {
    const d = (pa.core[i] ?? 0n) - (pb.core[i] ?? 0n);
    if (d !== 0n) return d < 0n ? -1 : 1;
  }
  // A version without prerelease outranks the same version with one.
  if (pa.pre.length === 0 && pb.pre.length === 0) return 0;
  if (pa.pre.length === 0) return 1;
  if (pb.pre.length === 0) return -1;
  for (let i = 0; i < Math.max(pa.pre.length, pb.pre.length); i++) {
    const x = pa.pre[i];
    const y = pb.pre[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const c = compareIdentifier(x, y);
    if (c !== 0) return c;
  }
  return 0;
}

export function isSemverPrerelease(version: string): boolean {
  return (parseSemver(version)?.pre.length ?? 0) > 0;
}

function parseSemver(v: string): { core: bigint[]; pre: string[] } | null {
  const m = /^(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/.exec(v);
  if (!m) return null;
  return { core: [BigInt(m[1] ?? 0), BigInt(m[2] ?? 0), BigInt(m[3] ?? 0)], pre: m[4] ? m[4].split('.') : [] };
}

function compareIdentifier(x: string, y: string): number {
  const nx = /^\d+$/.test(x);
  const ny = /^\d+$/.test(y);
  if (nx && ny) return BigInt(x) < BigInt(y) ? -1 : BigInt(x) > BigInt(y) ? 1 : 0;
  if (nx !== ny) return nx ? -1 : 1; // numeric identifiers sort before alphanumeric ones
  return x < y ? -1 : x > y ? 1 : 0;
}

const PRE_PHASES: Record<string, number> = { a: 1, alpha: 1, b: 2, beta: 2, c: 3, rc: 3, pre: 3, preview: 3 };
const PEP440 =
  /^v?(?:(\d+)!)?(\d+(?:\.\d+)*)(?:[-_.]?(a|alpha|b|beta|c|rc|pre|preview)[-_.]?(\d*))?(?:[-_.]?(?:post|rev|r)[-_.]?(\d*)|-(\d+))?(?:[-_.]?dev[-_.]?(\d*))?(?:\+[a-z0-9.]*)?$/i;

interface Pep440 {
  epoch: number;
  release: number[];
  /** [phase, n]: a dev-only release sorts before its pre-releases, a final one after. */
  pre: [number, number];
  post: number;
  dev: number;
}

function parsePep440(v: string): Pep440 | null {
  const m = PEP440.exec(v.trim());
  if (!m) return null;
  const post = m[5] ?? m[6];
  const dev = m[7];
  const pre: [number, number] = m[3]
    ? [PRE_PHASES[m[3].toLowerCase()] ?? 1, Number(m[4] || 0)]
    : dev !== undefined && post === undefined
      ? [0, 0]
      : [4, 0];
  return {
    epoch: Number(m[1] ?? 0),
    release: (m[2] ?? '0').split('.').map(Number),
    pre,
    post: post === undefined ? -1 : Number(post || 0),
    dev: dev === undefined ? Number.POSITIVE_INFINITY : Number(dev || 0),
  };
}

/** PEP 440 ordering of two PyPI versions; a legacy (unparsable) version sorts lowest. */
export function comparePep440(a: string, b: string): number {
  const pa = parsePep440(a);
  const pb = parsePep440(b);
  if (!pa || !pb) return pa ? 1 : pb ? -1 : 0;
  const ra = pa.release;
  const rb = pb.release;
  const parts: [number, number][] = [[pa.epoch, pb.epoch]];
  for (let i = 0; i < Math.max(ra.length, rb.length); i++) parts.push([ra[i] ?? 0, rb[i] ?? 0]);
  parts.push([pa.pre[0], pb.pre[0]], [pa.pre[1], pb.pre[1]], [pa.post, pb.post], [pa.dev, pb.dev]);
  for (const [x, y] of parts) if (x !== y) return x < y ? -1 : 1;
  return 0;
}

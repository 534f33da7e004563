// One release as a registry's full listing describes it (PyPI project JSON, npm packument), with
// the means to verify it through the adapters the badge uses, and how its verdict becomes a
// timeline row. Dates are read strictly: anything looser than an ISO 8601 timestamp is no date.
import type { TimelineRelease } from '../../core/history/timeline-types';
import type { ErrorCode } from '../../core/errors';
import type { PackageRef, PackageVerdict } from '../../core/verdict';
import type { AdapterDeps } from '../adapter';
import { unavailableVerdict } from '../combine';

export interface ListedRelease {
  version: string;
  publishedAt?: string;
  prerelease: boolean;
  yanked?: boolean;
  deprecated?: boolean;
  /** The release's verdict, from the per-release adapter (files and digests already listed). */
  verify(deps: AdapterDeps): Promise<PackageVerdict>;
}

/** What the registries write (`2024-01-02T03:04:05.123456Z`); anything else is not a time to us. */
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;

/** Epoch ms of a registry timestamp, or undefined. */
export function timeOf(raw: unknown): number | undefined {
  if (typeof raw !== 'string' || !ISO_TIME.test(raw)) return undefined;
  const ms = Date.parse(raw);
  return Number.isFinite(ms) ? ms : undefined;
}

export function isoOf(ms: number | undefined): { publishedAt?: string } {
  return ms === undefined ? {} : { publishedAt: new Date(ms).toISOString() };
}

/** Newest first by the registry's version order; equal versions by date, then by spelling. */
export function newestFirst(releases: ListedRelease[], compare: (a: string, b: string) => number): ListedRelease[] {
  const at = (r: ListedRelease) => (r.publishedAt === undefined ? 0 : Date.parse(r.publishedAt));
  return releases.sort((x, y) => compare(y.version, x.version) || at(y) - at(x) || (x.version < y.version ? 1 : x.version > y.version ? -1 : 0));
}

/** A timeline row from the release's verdict; `budget` when the request budget stopped its check. */
export function timelineRow(listed: ListedRelease, verdict: PackageVerdict, budget: boolean): TimelineRelease {
  const { version, publishedAt, prerelease, yanked, deprecated } = listed;
  const row: TimelineRelease = { version, prerelease, status: 'unknown' };
  if (publishedAt !== undefined) row.publishedAt = publishedAt;
  if (yanked) row.yanked = true;
  if (deprecated) row.deprecated = true;
  switch (verdict.status) {
    case 'verified':
    case 'partial':
      Object.assign(row, { status: verdict.status, identity: verdict.identity });
      if (verdict.inconsistent) row.inconsistent = verdict.inconsistent;
      if (verdict.status === 'partial') Object.assign(row, { verifiedCount: verdict.verifiedCount, totalCount: verdict.totalCount });
      return row;
    case 'none':
      return { ...row, status: 'none' };
    case 'invalid':
      return { ...row, status: 'invalid', code: verdict.code, message: verdict.message };
    case 'unavailable':
      return budget ? { ...row, notChecked: 'budget' } : { ...row, code: verdict.code, message: verdict.message };
  }
}

/** A listed entry too malformed to verify: it stays in the timeline as "couldn't check". */
export function unreadable(pkg: PackageRef & { version: string }, code: ErrorCode, message: string): ListedRelease['verify'] {
  return (deps) => Promise.resolve(unavailableVerdict(pkg, code, message, deps.now()));
}

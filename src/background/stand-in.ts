// Offline, the last answer beats none: when the last good verdict may be shown for a check that
// could not finish.
import type { ErrorCode } from '../core/errors';
import type { FileVerdict, PackageVerdict } from '../core/verdict';
import { sameName, sameRelease } from './page-match';

/** Trouble a later try can clear; any other failure is what the registry or the files say now. */
const TRANSIENT: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['FETCH_NETWORK', 'FETCH_TIMEOUT', 'FETCH_HTTP_STATUS', 'FETCH_RATE_LIMITED', 'FETCH_THROTTLED', 'TRUST_MATERIAL']);

const fileSet = (files: FileVerdict[]) => files.map((f) => `${f.filename}\n${f.sha256}`).sort().join('\n\n');

/**
 * Only for transient trouble, and only when the registry named nothing else: it did not answer at
 * all, or it named exactly the cached release with exactly the files that verdict was decided
 * over. A release the registry now resolves to (a moved "latest") or a file it now lists (an added
 * wheel) has never been checked, so an old green must not cover it; and an `invalid` file is never
 * covered by anything.
 */
export function mayStandIn(last: PackageVerdict, now: PackageVerdict): boolean {
  if (now.status !== 'unavailable' || !TRANSIENT.has(now.code)) return false;
  const failed = now.files.some((f) => f.verdict.status === 'invalid' || (f.verdict.status === 'unavailable' && !TRANSIENT.has(f.verdict.code)));
  if (failed) return false;
  // No file list: the release document never arrived, so the verdict names only what was asked.
  if (now.files.length === 0) return now.pkg.version === '' ? sameName(now.pkg, last.pkg) : sameRelease(now.pkg, last.pkg);
  return sameRelease(now.pkg, last.pkg) && fileSet(now.files) === fileSet(last.files);
}

// The verdict for the release a package page shows: the version its header names, and the
// files it lists, as the registry says now.
import type { PackageRef, PackageVerdict } from '../core/verdict';
import { isValidPackageRef } from '../registries/verify-package';
import type { VerdictOptions, VerdictService } from './verdicts';

/** What the page shows, besides its URL: a "latest" page's header version, a PyPI page's file list. */
export interface ShownOnPage {
  shownVersion?: string;
  files?: readonly string[];
}

/**
 * A "latest" page's verdict, for the version its header shows: right after an upload the page can
 * show a release the JSON API does not call latest yet, and a verdict for the one before it would
 * stand beside the new one's header. Then that version is asked for by name.
 */
async function forShownVersion(pkg: PackageRef, shownVersion: string | undefined, verdicts: VerdictService, options: VerdictOptions): Promise<PackageVerdict> {
  const latest = await verdicts.getVerdict(pkg, options);
  if (pkg.version !== undefined || shownVersion === undefined || latest.pkg.version === shownVersion) return latest;
  if (latest.pkg.version === '' && !refusedByBrowser(latest)) return latest;
  const shown = { ...pkg, version: shownVersion };
  const { tabId: _prepared, ...asked } = options;
  return isValidPackageRef(shown) ? verdicts.getVerdict(shown, asked) : latest;
}

/**
 * "Latest" could not be learnt because the browser refused the request (server-errors.ts): then
 * the header's release is asked for by name, at another URL. Chromium refuses an extension's
 * requests to a URL that answered 5xx a few times in a row for a while, so right after an outage
 * the popup's Retry of the header's release verifies while the page's re-ask of "latest", which
 * it triggers, is refused in milliseconds: the page said couldn't check beside a popup that said
 * verified. Not after a 5xx, a time-out, a reset connection or a body cut short: a registry in
 * trouble is not asked twice as much, nor a page kept waiting twice as long.
 */
const refusedByBrowser = (latest: PackageVerdict): boolean => latest.status === 'unavailable' && latest.code === 'FETCH_THROTTLED';

/** A file on the page that the verdict never saw (an upload after its documents were read). */
function listsUnseenFile(verdict: PackageVerdict, files: readonly string[] | undefined): boolean {
  if (files === undefined || verdict.pkg.registry !== 'pypi' || verdict.status === 'unavailable') return false;
  const seen = new Set(verdict.files.map((f) => f.filename));
  return files.some((name) => !seen.has(name));
}

/**
 * The page's own ask: it takes what was prepared for its tab while it loaded (prepared-answers.ts)
 * or a cached answer the registry's documents still call fresh. When the page lists a file that
 * answer never saw, the registry is asked once more past every cache (the browser's HTTP cache
 * would hand back the same document for as long as its Cache-Control allows); a file it still
 * does not list is then the page's couldn't-check (page-files.ts).
 */
export async function onScreen(pkg: PackageRef, page: ShownOnPage, verdicts: VerdictService, tabId: number): Promise<PackageVerdict> {
  const first = await forShownVersion(pkg, page.shownVersion, verdicts, { tabId });
  if (!listsUnseenFile(first, page.files)) return first;
  return forShownVersion(pkg, page.shownVersion, verdicts, { revalidate: true });
}

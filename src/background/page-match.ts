// Whether a request names the package a page shows. PyPI compares names in their PEP 503
// form (the site accepts any spelling); npm names are exact.
import type { PackageRef } from '../core/verdict';
import { viewOf } from '../registries/sites';
import { sameName } from '../shared/package-names';

export { sameName };

/** The package a page URL shows, or null (not a registry package page, or unparsable). */
export function packageShownAt(pageUrl: string | undefined): PackageRef | null {
  if (pageUrl === undefined) return null;
  let url: URL;
  try {
    url = new URL(pageUrl);
  } catch {
    return null;
  }
  const found = viewOf(url);
  return found?.view.kind === 'package' ? found.view.pkg : null;
}

/** Same name, and the same version when the page pins one. */
export function pageShows(page: PackageRef, pkg: PackageRef): boolean {
  return sameName(page, pkg) && (page.version === undefined || page.version === pkg.version);
}

/** The same release: same name, and both name the same version (none is not "any" here). */
export function sameRelease(a: PackageRef, b: PackageRef): boolean {
  return sameName(a, b) && a.version !== undefined && a.version === b.version;
}

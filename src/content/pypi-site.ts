// The PyPI website, in both the 2026 markup (`project-header__*`) and the previous one (`package-header__*`),
// and the files table, Security tab and sidebar "Provenance" block of the redesign branches
// (pypi/warehouse `2026-ui-update-files-tab`, `2026-ui-update-security-tab`).
import { normalizePypiName } from '../shared/package-names';
import { parsePypiPath } from '../shared/page-path';
import { type PypiNotice, pypiNoticeOf } from '../shared/pypi-notices';
import { pypiQuery } from './pypi-dom';
import { findFileLinks, mountFileBadges } from './pypi-files';
import { after, type Locate } from './mount';
import { mountPackageBadge } from './package-badge';
import { sameSitePath, type SearchResult } from './search-badges';
import type { Site } from './site-runner';
import { createVerdictSource } from './verdict-source';
import { takeEarlyVerdict } from './early-verdict';
import type { PackageRef, PackageVerdict } from '../core/verdict';
import type { PageInputs } from '../shared/messages';

/** Normalised, since the header shows the display name (`Foo_Bar`) of the URL's `foo-bar`. */
function sameProject(shown: string | undefined, name: string): boolean {
  return shown !== undefined && shown !== '' && normalizePypiName(shown) === normalizePypiName(name);
}

/**
 * The project header, only while it shows the URL's project: its h1 reads `<name> <version>`.
 * Both generations always render the h1 (the pip command is left out for a release without files).
 */
function titleAnchor(name: string): () => Element | null {
  return () => {
    const h1 = pypiQuery('h1.project-header__name, h1.package-header__name');
    return h1 !== null && sameProject(h1.textContent?.trim().split(/\s+/)[0], name) ? h1 : null;
  };
}

// The redesign's own release-level provenance notices, where ours goes beside PyPI's: the sidebar
// "Provenance" block (the one sidebar section linking to the Security tab) and the Security tab's
// status callout.
const SIDEBAR = '.sidebar-section:has(a[href="#security"])';
const SECURITY = '#security .provenance-status';

/** The version the project header shows (`<name> <version>`), when it shows this project. */
function headerVersion(name: string): string | undefined {
  const words = titleAnchor(name)()?.textContent?.trim().split(/\s+/);
  return words?.[1];
}

/** Which of PyPI's release notices the page shows (Security tab heading, else the sidebar block's text). */
function pageNotice(): PypiNotice | undefined {
  const shown = pypiQuery(`${SECURITY} .callout-block__heading`) ?? pypiQuery(`${SIDEBAR} strong`);
  return pypiNoticeOf(shown?.textContent ?? '');
}

// After the result's link, never inside it: a button in a link is a control in a control, and
// its words would join the link's name.
function resultPlacement(link: Element): Locate {
  return after(() => (link.isConnected ? link : null));
}

/** What a PyPI page says beside its URL, sent with each ask: the worker judges the verdict by it. */
type PageRead = PageInputs & { files: string[] };

function readPage(pkg: PackageRef): PageRead {
  const notice = pageNotice();
  const shown = pkg.version === undefined ? headerVersion(pkg.name) : undefined;
  return { files: [...findFileLinks().keys()], ...(notice ? { notice } : {}), ...(shown ? { shownVersion: shown } : {}) };
}

/**
 * The worker's early verdict, where the page read at start cannot change it (the worker judges
 * the page's ask by the same inputs: page-inputs.ts, on-screen.ts): every file the page lists is
 * one it checked, PyPI shows no notice of its own, and a "latest" page's header names that release.
 */
function unchangedByPage(pkg: PackageRef, page: PageRead, early: PackageVerdict | undefined): PackageVerdict | undefined {
  if (early === undefined || page.notice !== undefined || !sameProject(early.pkg.name, pkg.name)) return undefined;
  if (pkg.version === undefined && page.shownVersion !== early.pkg.version) return undefined;
  const checked = new Set(early.files.map((f) => f.filename));
  return page.files.every((name) => checked.has(name)) ? early : undefined;
}

/** The early verdict this page may draw at once; nothing when anything about it is odd. */
function earlyFor(pkg: PackageRef, page: PageRead): PackageVerdict | undefined {
  try {
    return unchangedByPage(pkg, page, takeEarlyVerdict(pkg));
  } catch {
    return undefined; // the page's own ask follows regardless
  }
}

export const pypiSite: Site = {
  parsePath: parsePypiPath,

  packagePage(pkg, ask) {
    // The files the page lists go with each request: the verdict is of the files on screen.
    // So does PyPI's own notice, which the worker compares with its verdict.
    // On a "latest" page, also the version its header shows (the worker's answer must be that one's).
    // Read once at start for the early check and the first ask; a retry reads the page anew.
    let atStart: PageRead | undefined = readPage(pkg);
    const early = earlyFor(pkg, atStart);
    const source = createVerdictSource(
      pkg,
      (p) => {
        const page = atStart ?? readPage(pkg);
        atStart = undefined;
        return ask({ type: 'content/verdict', pkg: p, ...page });
      },
      early,
    );
    // Ours beside PyPI's own notices: the sidebar block's title and the Security tab's status heading.
    const stops = [
      // After each heading, not in it: a button inside would become part of the heading's name.
      mountPackageBadge(source, after(titleAnchor(pkg.name))),
      mountFileBadges(source),
      ...[`${SIDEBAR} .sidebar-section__title`, `${SECURITY} .callout-block__heading`].map((notice) =>
        mountPackageBadge(source, after(() => pypiQuery(notice)), 'compact'),
      ),
    ];
    return {
      stop() {
        for (const stop of stops) stop();
        source.dispose();
      },
      refresh: () => source.retry(),
    };
  },

  searchResults() {
    const results: SearchResult[] = [];
    for (const link of document.querySelectorAll('a.package-snippet')) {
      const path = sameSitePath(link);
      const view = path === null ? null : parsePypiPath(path.pathname, path.search);
      if (view?.kind !== 'package') continue;
      results.push({ element: link, pkg: view.pkg, locate: resultPlacement(link) });
    }
    return results;
  },
};

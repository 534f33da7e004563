// The PyPI website, in both the 2026 markup (`project-header__*`) and the previous one (`package-header__*`).
import { normalizePypiName } from '../shared/package-names';
import { parsePypiPath } from '../shared/page-path';
import { mountFileBadges } from './pypi-files';
import { appendTo, type Locate } from './mount';
import { mountPackageBadge } from './package-badge';
import { sameSitePath, type SearchResult } from './search-badges';
import type { Site } from './site-runner';
import { createVerdictSource } from './verdict-source';

/** Normalised, since the header shows the display name (`Foo_Bar`) of the URL's `foo-bar`. */
function sameProject(shown: string | undefined, name: string): boolean {
  return shown !== undefined && shown !== '' && normalizePypiName(shown) === normalizePypiName(name);
}

/**
 * The project header, only while it shows the URL's project: its h1 reads `<name> <version>`,
 * the pip command `pip install <name>==<version>`.
 */
function titleAnchor(name: string): () => Element | null {
  return () => {
    const h1 = document.querySelector('h1.project-header__name') ?? document.querySelector('h1.package-header__name');
    if (h1 !== null) return sameProject(h1.textContent?.trim().split(/\s+/)[0], name) ? h1 : null;
    // `#pip-command` is the one landmark both generations share.
    const pip = document.getElementById('pip-command');
    const spec = pip?.textContent?.trim().split(/\s+/).at(-1);
    return pip?.parentElement != null && sameProject(spec?.split('==')[0], name) ? pip.parentElement : null;
  };
}

function resultPlacement(link: Element): Locate {
  return () => {
    if (!link.isConnected) return null;
    const name = link.querySelector('.package-snippet__name');
    if (name?.parentNode != null) return { parent: name.parentNode, before: name.nextSibling };
    return { parent: link.querySelector('.package-snippet__title') ?? link, before: null };
  };
}

export const pypiSite: Site = {
  parsePath: parsePypiPath,

  packagePage(pkg, ask) {
    const source = createVerdictSource(pkg, (p) => ask({ type: 'content/verdict', pkg: p }));
    const stopTitle = mountPackageBadge(source, appendTo(titleAnchor(pkg.name)));
    const stopFiles = mountFileBadges(source);
    return () => {
      stopTitle();
      stopFiles();
      source.dispose();
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

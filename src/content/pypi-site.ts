// The PyPI website, in both the 2026 markup (`project-header__*`) and the previous one (`package-header__*`).
import { parsePypiPath } from '../shared/page-path';
import { mountFileBadges } from './pypi-files';
import { appendTo, type Locate } from './mount';
import { mountPackageBadge } from './package-badge';
import { sameSitePath, type SearchResult } from './search-badges';
import type { Site } from './site-runner';
import { createVerdictSource } from './verdict-source';

function titleAnchor(): Element | null {
  return (
    document.querySelector('h1.project-header__name') ??
    document.querySelector('h1.package-header__name') ??
    // `#pip-command` is the one landmark both generations share.
    document.getElementById('pip-command')?.parentElement ??
    null
  );
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
    const stopTitle = mountPackageBadge(source, appendTo(titleAnchor));
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

// The npm website: a React app with hashed class names, so only ids, tags and link targets are
// used to place badges (LANDMARKS: `#top` is the main column).
import { parseNpmPath } from '../shared/page-path';
import type { Locate } from './mount';
import { mountPackageBadge } from './package-badge';
import { sameSitePath, type SearchResult } from './search-badges';
import type { Site } from './site-runner';
import { createVerdictSource } from './verdict-source';

const titleLocate: Locate = () => {
  const top = document.getElementById('top');
  if (top === null) return null;
  const heading = top.querySelector('h1');
  return heading !== null ? { parent: heading, before: null } : { parent: top, before: top.firstChild };
};

function resultLocate(link: Element): Locate {
  return () => {
    if (!link.isConnected) return null;
    const heading = link.querySelector('h3, h2');
    if (heading !== null) return { parent: heading, before: null };
    return link.parentNode === null ? null : { parent: link.parentNode, before: link.nextSibling };
  };
}

export const npmSite: Site = {
  parsePath: parseNpmPath,

  packagePage(pkg, ask) {
    const source = createVerdictSource(pkg, (p) => ask({ type: 'content/verdict', pkg: p }));
    const stop = mountPackageBadge(source, titleLocate);
    return () => {
      stop();
      source.dispose();
    };
  },

  searchResults() {
    // A result may link its package more than once; badge the link holding its title.
    const byName = new Map<string, SearchResult & { titled: boolean }>();
    const scope = document.querySelector('main') ?? document.body;
    if (scope === null) return [];
    for (const link of scope.querySelectorAll('a[href^="/package/"]')) {
      if (link.closest('header, nav, footer') !== null) continue;
      const path = sameSitePath(link);
      const view = path === null ? null : parseNpmPath(path.pathname, path.search);
      if (view?.kind !== 'package') continue;
      const titled = link.querySelector('h3, h2') !== null;
      const known = byName.get(view.pkg.name);
      if (known !== undefined && (known.titled || !titled)) continue;
      byName.set(view.pkg.name, { element: link, pkg: view.pkg, locate: resultLocate(link), titled });
    }
    return [...byName.values()].map(({ element, pkg, locate }) => ({ element, pkg, locate }));
  },
};

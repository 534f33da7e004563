// npm's Versions tab (`?activeTab=versions`, also reached by the site's client-side tab switch):
// `#tabpanel-versions` holds a "Current Tags" table and a "Version History" table
// (`table[aria-labelledby="current-tags"]`, `table[aria-labelledby="version-history"]`), each
// row's first cell a link to `/package/<name>/v/<version>` whose text is the version (the
// landmarks bluwy/npm-userscript's better-versions feature reads). Earlier the tab listed `li`
// rows with the same links (`a.code`), so any such link in the panel is a row, whatever holds it.
// Class names are build hashes and are never used.
import { parseNpmPath } from '../shared/page-path';
import type { HistoryTab, ReleaseRow } from './history-badges';
import type { Locate } from './mount';
import { afterHydration } from './npm-site';
import { sameSitePath } from './search-badges';

// As on the package page (npm-site.ts), nothing of ours goes into the server's HTML before React
// has hydrated it: the rows are found and their verdicts asked for meanwhile, and the badges are
// placed once it has.
function rowLocate(link: Element): Locate {
  return () => (afterHydration() && link.isConnected && link.parentNode !== null ? { parent: link.parentNode, before: link.nextSibling } : null);
}

export const npmHistory: HistoryTab = {
  panel() {
    afterHydration();
    // The site's own panel: a README is rendered in #tabpanel-readme and may carry any id.
    for (const panel of document.querySelectorAll('[id="tabpanel-versions"]')) if (panel.closest('#tabpanel-readme') === null) return panel;
    return null;
  },

  rows(panel, pkg) {
    const rows: ReleaseRow[] = [];
    for (const link of panel.querySelectorAll('a[href]')) {
      const path = sameSitePath(link);
      const view = path === null ? null : parseNpmPath(path.pathname, path.search);
      const version = view?.kind === 'package' && view.pkg.name === pkg.name ? view.pkg.version : undefined;
      // One badge per row: the version's own link (its text is the version), not another link to it.
      if (version === undefined || link.textContent?.trim() !== version) continue;
      rows.push({ link, version, locate: rowLocate(link) });
    }
    return rows;
  },
};

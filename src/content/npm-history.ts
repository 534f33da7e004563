// npm's Versions tab (`?activeTab=versions`, also reached by the site's client-side tab switch):
// `#tabpanel-versions` holds a "Current Tags" table and a "Version History" table
// (`table[aria-labelledby="current-tags"]`, `table[aria-labelledby="version-history"]`), each
// row's first cell a link to `/package/<name>/v/<version>` whose text is the version (the
// landmarks bluwy/npm-userscript's better-versions feature reads). Earlier the tab listed `li`
// rows with the same links (`a.code`), so any such link in the panel is a row, whatever holds it.
// Class names are build hashes and are never used.
import { parseNpmPath } from '../shared/page-path';
import type { HistoryTab, ReleaseRow } from './history-badges';
import { type Locate, placeBadges } from './mount';
import { sameSitePath } from './search-badges';

// As npm-site.ts: nothing of ours goes into the server's HTML before React has hydrated it (a
// node React did not render makes it throw the tree away and render again). The rows are found
// and their verdicts asked for meanwhile; the badges are placed once the load event has passed.
const HYDRATION_WAIT_MAX_MS = 5000;
let hydrated = false;
let waiting = false;

function isHydrated(): boolean {
  if (hydrated || waiting) return hydrated;
  if (document.readyState === 'complete') return (hydrated = true);
  waiting = true;
  const done = () => {
    if (hydrated) return;
    hydrated = true;
    placeBadges();
  };
  // One more task after load: the bundle may finish hydrating in a task it queued while running.
  window.addEventListener('load', () => setTimeout(done, 0), { once: true });
  setTimeout(done, HYDRATION_WAIT_MAX_MS);
  return false;
}

function rowLocate(link: Element): Locate {
  return () => (isHydrated() && link.isConnected && link.parentNode !== null ? { parent: link.parentNode, before: link.nextSibling } : null);
}

export const npmHistory: HistoryTab = {
  panel() {
    isHydrated();
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

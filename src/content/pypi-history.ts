// PyPI's Release history tab (pypi/warehouse includes/packaging/project-release-history.html at
// 6b62157; packaging/detail.html before the 2026 redesign): `div#history[role=tabpanel]` >
// `div.release-timeline` > one `div.release` per release, newest first (modifiers such as
// `release--pre-release` and `release--yanked` mark them). Today's card links the release from its
// version, `p.release__version > a`, beside a "N files" link to the same page's #files; the
// previous markup made the whole card one link, `a.release__card`, with the version inside it.
// The tab script shows one panel at a time (`style.display`), which the history's observer sees.
import { normalizePypiName } from '../shared/package-names';
import { parsePypiPath } from '../shared/page-path';
import type { HistoryTab, ReleaseRow } from './history-badges';
import { after } from './mount';
import { pypiQuery } from './pypi-dom';
import { sameSitePath } from './search-badges';

// The version's own link in today's card; the card itself in the previous markup. Never the
// "N files" link or the yanked / pre-release help links in the card's header.
const RELEASE_LINKS = '.release-timeline .release .release__version a[href], .release-timeline .release > a.release__card[href]';

export const pypiHistory: HistoryTab = {
  // PyPI's own panel, not an element of the README that calls itself #history (pypi-dom.ts).
  panel: () => pypiQuery('div#history[role="tabpanel"]'),

  rows(panel, pkg) {
    const rows: ReleaseRow[] = [];
    for (const link of panel.querySelectorAll(RELEASE_LINKS)) {
      const path = sameSitePath(link);
      const view = path === null ? null : parsePypiPath(path.pathname, path.search);
      if (view?.kind !== 'package' || view.pkg.version === undefined) continue;
      if (normalizePypiName(view.pkg.name) !== normalizePypiName(pkg.name)) continue;
      // After the link, never inside it: a button in a link is a control in a control.
      rows.push({ link, version: view.pkg.version, locate: after(() => (link.isConnected ? link : null)) });
    }
    return rows;
  },
};

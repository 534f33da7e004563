// The npm website: a React app with hashed class names, so only ids, tags and link targets are
// used to place badges (LANDMARKS: `#top` is the main column, its h1 the package name).
import { parseNpmPath } from '../shared/page-path';
import { type Locate, placeBadges } from './mount';
import { mountPackageBadge } from './package-badge';
import { sameSitePath, type SearchResult } from './search-badges';
import type { Site } from './site-runner';
import { createVerdictSource } from './verdict-source';

// React hydrates the server's HTML when the site's bundle has run, and the document's load event
// waits for that bundle. A node of ours inside that HTML before then is a hydration mismatch
// (React 18 reports an error and renders the whole root again), so until load nothing is placed;
// verdicts are asked for meanwhile. A load held up by a slow resource is not waited for forever.
const HYDRATION_WAIT_MAX_MS = 5000;
let hydrated = false;
let waiting = false;

/** Whether the page has hydrated; starts waiting for it (once) when not yet. Also npm-history.ts's. */
export function afterHydration(): boolean {
  if (hydrated || waiting) return hydrated;
  if (document.readyState === 'complete') return (hydrated = true);
  waiting = true;
  const done = () => {
    if (hydrated) return;
    hydrated = true;
    placeBadges();
  };
  // One more task after load: a bundle may finish hydrating in a task it queued while running.
  window.addEventListener('load', () => setTimeout(done, 0), { once: true });
  setTimeout(done, HYDRATION_WAIT_MAX_MS);
  return false;
}

/**
 * Whether the heading shows `name`: its text, or one of its children's, is the name (the site
 * puts a types icon inside the h1, beside the name). On a navigation the URL changes before the
 * site renders the new package, and a "not found" page keeps the URL of the missing package.
 */
function shows(heading: Element, name: string): boolean {
  if (heading.textContent?.trim() === name) return true;
  for (const child of heading.childNodes) if (child.textContent?.trim() === name) return true;
  return false;
}

/**
 * Whether the header shows `version` where it names one: the line after the h1 begins with it
 * ("2.3.1 • Public • Published …"). Going from one version of a package to another, the URL
 * changes before the site renders, and the old header still names the package. A header whose
 * line cannot be read is judged by the name alone.
 */
function showsVersion(heading: Element, version: string | undefined): boolean {
  const shown = lineVersion(heading);
  return version === undefined || shown === undefined || shown === version;
}

/** The version the line after the h1 begins with, if it can be read. */
function lineVersion(heading: Element): string | undefined {
  let line = heading.nextElementSibling;
  // Our own badge sits right after the heading: the site's line is the next one.
  while (line !== null && line.localName === 'provenance-lens-badge') line = line.nextElementSibling;
  return /^\s*(\S+)\s+•/.exec(line?.textContent ?? '')?.[1];
}

/**
 * On a "latest" page, the version the header shows for this package: the worker answers for that
 * one when "latest" has moved since (router onScreen), as it does for PyPI's header.
 */
function headerVersion(name: string): string | undefined {
  const heading = document.getElementById('top')?.querySelector('h1');
  return heading != null && shows(heading, name) ? lineVersion(heading) : undefined;
}

function titleLocate(name: string, version: string | undefined): Locate {
  return () => {
    if (!hydrated) return null;
    const heading = document.getElementById('top')?.querySelector('h1');
    // After the heading, not in it: a button inside would become part of the heading's name.
    return heading?.parentNode != null && shows(heading, name) && showsVersion(heading, version) ? { parent: heading.parentNode, before: heading.nextSibling } : null;
  };
}

// After the result's link, never inside it: a button in a link is a control in a control, and
// its words would join the link's name.
function resultLocate(link: Element): Locate {
  return () => {
    if (!hydrated || !link.isConnected) return null;
    return link.parentNode === null ? null : { parent: link.parentNode, before: link.nextSibling };
  };
}

export const npmSite: Site = {
  parsePath: parseNpmPath,

  packagePage(pkg, ask) {
    afterHydration();
    const source = createVerdictSource(pkg, (p) => {
      const shown = pkg.version === undefined ? headerVersion(pkg.name) : undefined;
      return ask({ type: 'content/verdict', pkg: p, ...(shown ? { shownVersion: shown } : {}) });
    });
    const stop = mountPackageBadge(source, titleLocate(pkg.name, pkg.version));
    return {
      stop() {
        stop();
        source.dispose();
      },
      refresh: () => source.retry(),
    };
  },

  searchResults() {
    afterHydration();
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

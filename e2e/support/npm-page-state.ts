// What an npm fixture page shows, read inside the page the same way in Chromium (Playwright)
// and Firefox (puppeteer): the badge hosts in the main column and elsewhere, the fixture app's
// hydration marks, and a probe that watches every badge placement as it happens. The probe is
// what catches a badge put on the previous package's header for a moment during navigation
// (the header is replaced right after, so the end state alone would not show it).
// Both functions are passed to the browser as source: they must not use anything from outside.

export interface BadgeSeen {
  pkg: string | null;
  status: string | null;
  /** Right after the `#top h1` that is on screen now (beside it, never inside it). */
  atHeading: boolean;
}

export interface NpmPageState {
  path: string;
  readyState: string;
  hydrated: boolean;
  hydrationError: string | null;
  clientRenders: number;
  titleBadges: BadgeSeen[];
  otherBadges: BadgeSeen[];
  /** Badge hosts still beside (or in) a heading marked with markHeading() that is no longer on screen. */
  oldHeadingBadges: number;
  violations: string[];
  /** Versions-tab row badges placed, and how many of them are still checking. */
  releaseBadges: { placed: number; checking: number };
}

interface Probe {
  violations: string[];
  oldHeadings: Element[];
}

/** Installed before the page's own scripts (addInitScript / evaluateOnNewDocument). */
export function installHeaderProbe(): void {
  const HOST = 'provenance-lens-badge, [data-provenance-status]';
  const probe: Probe = { violations: [], oldHeadings: [] };
  (window as unknown as { __lensProbe: Probe }).__lensProbe = probe;
  // The package the URL names, as the fixture site spells it (`@scope%2Fname` included).
  const urlName = (): string | null => {
    const m = /^\/package\/([^/]+)(?:\/([^/]+))?/.exec(location.pathname);
    if (!m) return null;
    const first = decodeURIComponent(m[1] ?? '');
    if (!first.startsWith('@') || first.includes('/')) return first;
    return m[2] === undefined ? null : `${first}/${decodeURIComponent(m[2])}`;
  };
  const shows = (h1: Element, name: string | null) => [...h1.childNodes].some((n) => (n.textContent ?? '').trim() === name);
  // The heading a badge belongs to: the one right before it (or, wrongly placed, around it).
  const headingOf = (host: Element) => (host.previousElementSibling?.matches('#top h1') === true ? host.previousElementSibling : host.closest('#top h1'));
  const check = (host: Element, when: string) => {
    const h1 = headingOf(host);
    if (!h1) return;
    const url = urlName();
    if (!shows(h1, url)) probe.violations.push(`${when}: badge under a heading that does not show ${url} (${location.pathname})`);
    const attr = host.getAttribute('data-provenance-package');
    const named = attr?.replace(/^npm:/, '').replace(/@[^@]*$/, '') ?? null;
    if (attr !== null && !shows(h1, named)) probe.violations.push(`${when}: badge for ${attr} under another package's heading`);
  };
  new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === 'attributes' && r.target instanceof Element) check(r.target, 'data set');
      for (const node of r.addedNodes) {
        if (!(node instanceof Element)) continue;
        if (node.matches(HOST)) check(node, 'placed');
        for (const inner of node.querySelectorAll(HOST)) check(inner, 'placed');
      }
    }
  }).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-provenance-package'] });
}

/** Remembers the heading on screen now, so a later read can say whether a badge stayed on it. */
export function markHeading(): void {
  const probe = (window as unknown as { __lensProbe?: Probe }).__lensProbe;
  const h1 = document.querySelector('#top h1');
  if (probe && h1) probe.oldHeadings.push(h1);
}

export function readNpmPageState(): NpmPageState {
  const HOST = 'provenance-lens-badge, [data-provenance-status]';
  const probe = (window as unknown as { __lensProbe?: Probe }).__lensProbe;
  const heading = document.querySelector('#top h1');
  const seen = (el: Element): BadgeSeen => ({
    pkg: el.getAttribute('data-provenance-package'),
    status: el.getAttribute('data-provenance-status'),
    atHeading: heading !== null && el.previousElementSibling === heading,
  });
  // A Versions tab row's badge speaks of its row, not of the page (history-tabs.spec.ts).
  const all = [...document.querySelectorAll(HOST)].filter((el) => !el.hasAttribute('data-provenance-release'));
  const top = document.getElementById('top');
  const root = document.documentElement;
  return {
    path: location.pathname + location.search,
    readyState: document.readyState,
    hydrated: root.dataset.hydrated === 'true',
    hydrationError: root.dataset.hydrationError ?? null,
    clientRenders: Number(root.dataset.clientRenders ?? '0'),
    titleBadges: all.filter((el) => top?.contains(el)).map(seen),
    otherBadges: all.filter((el) => !top?.contains(el)).map(seen),
    oldHeadingBadges: (probe?.oldHeadings ?? [])
      .filter((h) => h !== heading)
      .reduce((n, h) => n + h.querySelectorAll(HOST).length + (h.nextElementSibling?.matches(HOST) === true ? 1 : 0), 0),
    violations: probe ? [...probe.violations] : ['header probe not installed'],
    releaseBadges: {
      placed: document.querySelectorAll('[data-provenance-release]').length,
      checking: document.querySelectorAll('[data-provenance-release][data-provenance-status="loading"]').length,
    },
  };
}

// Read inside the popup page, in either browser: its package heading once it has an answer,
// null while it has none yet or when it says the tab shows no package.
export function popupHeading(): { settled: boolean; heading: string | null } {
  const heading = document.querySelector('h2.pl-title');
  if (heading) return { settled: true, heading: (heading.textContent ?? '').replace(/\s+/g, ' ').trim() };
  const text = document.body?.innerText ?? '';
  return { settled: /Open a PyPI or npm package page|Couldn't ask/.test(text), heading: null };
}

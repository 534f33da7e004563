// The ways people reach a PyPI project page, written once and run in Chromium and in Firefox:
// from search results (links by the normalised name), by another spelling of the name (301 to
// the project's own), through the release history to an earlier release and Back, into a file's
// details pane and Back, and by a pasted release URL. pypi.org is server-rendered: following a
// link is a full page load, Back may restore the page from the back/forward cache, and the tabs
// are one document whose panels the page's script shows by URL fragment (pushState).
import { expect } from '@playwright/test';
import { normalizeProjectName } from '../server/pypi-scenarios';
import type { Status } from './page-inspection';

/** One browser tab on the fixture site, whichever library drives it. */
export interface PypiDriver {
  /** A full page load of a pypi.org path; resolves once the page has loaded. */
  load(path: string): Promise<void>;
  click(selector: string): Promise<void>;
  /** One step back in the tab's history, as the browser's Back button does. */
  back(): Promise<void>;
  state(): Promise<PypiPageState>;
  /**
   * Opens the toolbar popup for this tab, reads its package heading (e.g. "sigstore 3.6.1 on
   * PyPI") once it has its answer, and closes it; null when it says no package is shown.
   */
  popupTitle(): Promise<string | null>;
  /** The toolbar button's title for this tab, where the browser lets a test read it. */
  toolbarTitle?(): Promise<string>;
  /** Every request the fixture server has seen so far. */
  requests(): readonly { host: string; path: string }[];
}

export interface PypiPath {
  name: string;
  walk(tab: PypiDriver): Promise<void>;
}

export interface BadgeSeen {
  pkg: string | null;
  status: string | null;
  /** Has a box on screen (not inside a hidden tab panel). */
  visible: boolean;
}

export interface PypiPageState {
  /** Path, query and fragment. */
  path: string;
  readyState: string;
  /**
   * How this document was loaded: `back_forward` when Back loaded it again; a page restored from
   * the back/forward cache keeps the type of its first load.
   */
  navigation: string | null;
  /** The project header's h1 text, whitespace collapsed. */
  heading: string | null;
  /** Badges in the project header; `atHeading`: right after its h1 (beside it, never inside it). */
  titleBadges: (BadgeSeen & { atHeading: boolean })[];
  /** Per-file badges in the Files tab. */
  cardBadges: (BadgeSeen & { file: string | null })[];
  /** Per-file badges in a file's own details pane (the tab panel whose id is the filename). */
  paneBadges: (BadgeSeen & { file: string | null })[];
  /** Search results: the shown name, the link's href and the badges inside the link. */
  results: { name: string; href: string | null; badges: BadgeSeen[] }[];
  /** Badges anywhere else: each one on a node none of the above expects. */
  strays: { pkg: string | null; where: string }[];
  /** Release history rows' badges placed, and how many of them are still checking. */
  releaseBadges: { placed: number; checking: number };
  /** Ids of the tab panels shown now. */
  shownPanels: string[];
}

/** Read inside the page, in either browser; passed as source, so it uses nothing from outside. */
export function readPypiPageState(): PypiPageState {
  const HOST = 'provenance-lens-badge, [data-provenance-status]';
  const header = document.querySelector('.project-header, .package-header');
  const h1 = document.querySelector('h1.project-header__name, h1.package-header__name');
  const files = document.getElementById('files');
  const state: PypiPageState = {
    path: location.pathname + location.search + location.hash,
    readyState: document.readyState,
    navigation: (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined)?.type ?? null,
    heading: h1 === null ? null : (h1.textContent ?? '').replace(/\s+/g, ' ').trim(),
    titleBadges: [],
    cardBadges: [],
    paneBadges: [],
    results: [],
    strays: [],
    releaseBadges: {
      placed: document.querySelectorAll('[data-provenance-release]').length,
      checking: document.querySelectorAll('[data-provenance-release][data-provenance-status="loading"]').length,
    },
    shownPanels: [...document.querySelectorAll('[data-project-tabs-target="content"]')]
      .filter((p) => getComputedStyle(p).display !== 'none')
      .map((p) => p.id),
  };
  const seen = (el: Element): BadgeSeen => ({
    pkg: el.getAttribute('data-provenance-package'),
    status: el.getAttribute('data-provenance-status'),
    visible: el.getClientRects().length > 0,
  });
  for (const link of document.querySelectorAll('a.package-snippet')) {
    const name = (link.querySelector('.package-snippet__name')?.textContent ?? '').trim();
    // A result's badge goes right after its link, never inside it.
    const next = link.nextElementSibling;
    state.results.push({ name, href: link.getAttribute('href'), badges: next?.matches(HOST) === true ? [seen(next)] : [] });
  }
  for (const el of document.querySelectorAll(HOST)) {
    // A release history row's badge speaks of its row, not of the page (history-tabs.spec.ts).
    if (el.hasAttribute('data-provenance-release')) continue;
    const file = el.getAttribute('data-provenance-file');
    const pane = el.closest('[role="tabpanel"]');
    if (header?.contains(el)) state.titleBadges.push({ ...seen(el), atHeading: h1 !== null && el.previousElementSibling === h1 });
    else if (file !== null && files?.contains(el)) state.cardBadges.push({ ...seen(el), file });
    else if (file !== null && pane !== null && pane.id === file) state.paneBadges.push({ ...seen(el), file });
    else if (el.previousElementSibling?.matches('a.package-snippet') !== true) {
      const parent = el.parentElement;
      const where = parent === null ? '(detached)' : `${parent.tagName.toLowerCase()}${parent.id ? `#${parent.id}` : ''}.${parent.className}`;
      state.strays.push({ pkg: el.getAttribute('data-provenance-package'), where });
    }
  }
  return state;
}

/** A state read that may meet a page being replaced by the next one: null, and poll again. */
async function read(tab: PypiDriver): Promise<PypiPageState | null> {
  try {
    return await tab.state();
  } catch {
    return null;
  }
}

async function expectAt(tab: PypiDriver, path: string): Promise<void> {
  await expect
    .poll(async () => {
      const s = await read(tab);
      return s && { path: s.path, ready: s.readyState };
    }, { message: `at ${path}` })
    .toEqual({ path, ready: 'complete' });
}

interface ReleaseShown {
  name: string;
  version: string;
  status: Status;
  /** Every file of the release and its own status. */
  files: Record<string, Status>;
}

const pkgOf = (r: ReleaseShown) => `pypi:${r.name}@${r.version}`;

function byFile(badges: { file: string | null; status: string | null; pkg: string | null }[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const b of badges) out[b.file ?? '(no file)'] = out[b.file ?? '(no file)'] === undefined ? `${b.status} ${b.pkg}` : 'twice';
  return out;
}

/**
 * The page shows this release and every badge is about it: one title badge with the final status
 * inside the header's h1, one badge per file in the Files tab and one in each file's details
 * pane (each with the file's own status), and no badge anywhere else.
 */
export async function expectRelease(tab: PypiDriver, r: ReleaseShown): Promise<void> {
  const pkg = pkgOf(r);
  const files = Object.fromEntries(Object.entries(r.files).map(([f, status]) => [f, `${status} ${pkg}`]));
  await expect
    .poll(async () => {
      const s = await read(tab);
      if (s === null) return null;
      return { heading: s.heading, title: s.titleBadges, cards: byFile(s.cardBadges), panes: byFile(s.paneBadges), strays: s.strays };
    }, { message: `badges of ${pkg}`, timeout: 20_000 })
    .toEqual({
      heading: `${r.name} ${r.version}`,
      title: [{ pkg, status: r.status, atHeading: true, visible: true }],
      cards: files,
      panes: files,
      strays: [],
    });
}

/** The popup (and the toolbar button, where readable) speak of the release the page shows. */
export async function expectPopupFor(tab: PypiDriver, name: string, version: string): Promise<void> {
  // The popup reads the worker's record once when it opens; one still being written is read by opening it again.
  await expect.poll(() => tab.popupTitle(), { timeout: 15_000 }).toContain(`${name} ${version} on PyPI`);
  if (tab.toolbarTitle) await expect.poll(() => tab.toolbarTitle?.()).toContain(`${name}@${version}`);
}

async function expectShown(tab: PypiDriver, path: string, panel: string): Promise<void> {
  await expectAt(tab, path);
  await expect.poll(async () => (await read(tab))?.shownPanels, { message: `only ${panel} shown` }).toEqual([panel]);
}

/** A spelling of `name` pypi.org answers with a 301 to the project: other case, other separators. */
function otherSpelling(name: string): string {
  // A new one each walk, so no browser answers it from a cached 301 without asking the server.
  for (;;) {
    const spelled = [...name]
      .map((ch) => {
        if (/[-_.]/.test(ch)) return ['-', '_', '.'][Math.floor(Math.random() * 3)];
        return Math.random() < 0.5 ? ch.toUpperCase() : ch;
      })
      .join('');
    if (spelled !== name && normalizeProjectName(spelled) === normalizeProjectName(name)) return spelled;
  }
}

const SEARCH_RESULTS: Record<string, Status> = {
  'pypi-attestations': 'verified',
  sampleproject: 'verified',
  sigstore: 'partial',
  'pypi-attestation-models': 'invalid',
  'lens-fixture-none': 'none',
};

async function expectSearchResults(tab: PypiDriver): Promise<void> {
  const expected = Object.entries(SEARCH_RESULTS).map(([name, status]) => ({
    name,
    href: `/project/${normalizeProjectName(name)}/`,
    badges: [{ status, pkg: expect.stringMatching(new RegExp(`^pypi:${name}(@|$)`)) }],
  }));
  await expect
    .poll(async () => {
      const s = await read(tab);
      return s && { results: s.results.map((r) => ({ ...r, badges: r.badges.map((b) => ({ status: b.status, pkg: b.pkg })) })), title: s.titleBadges, strays: s.strays };
    }, { message: 'one badge per search result, each linking by the normalised name', timeout: 20_000 })
    .toEqual({ results: expected, title: [], strays: [] });
}

const SIGSTORE: ReleaseShown = {
  name: 'sigstore',
  version: '3.6.1',
  status: 'partial',
  files: { 'sigstore-3.6.1.tar.gz': 'verified', 'sigstore-3.6.1-py3-none-any.whl': 'none' },
};
const ATTESTATIONS_19: ReleaseShown = { name: 'pypi-attestations', version: '0.0.19', status: 'verified', files: { 'pypi_attestations-0.0.19.tar.gz': 'verified' } };
const ATTESTATIONS_16: ReleaseShown = { name: 'pypi-attestations', version: '0.0.16', status: 'verified', files: { 'pypi_attestations-0.0.16.tar.gz': 'verified' } };
const SAMPLE_4: ReleaseShown = {
  name: 'sampleproject',
  version: '4.0.0',
  status: 'verified',
  files: { 'sampleproject-4.0.0.tar.gz': 'verified', 'sampleproject-4.0.0-py3-none-any.whl': 'verified' },
};
const SAMPLE_3: ReleaseShown = { name: 'sampleproject', version: '3.0.0', status: 'verified', files: { 'sampleproject-3.0.0.tar.gz': 'verified' } };
const MODELS: ReleaseShown = {
  name: 'pypi-attestation-models',
  version: '0.0.4a2',
  status: 'invalid',
  files: { 'pypi_attestation_models-0.0.4a2.tar.gz': 'invalid' },
};
const NONE: ReleaseShown = {
  name: 'lens-fixture-none',
  version: '1.2.0',
  status: 'none',
  files: { 'lens_fixture_none-1.2.0.tar.gz': 'none', 'lens_fixture_none-1.2.0-py3-none-any.whl': 'none' },
};

/** Project page -> Release history tab -> an earlier release's page -> Back to the history tab. */
async function historyWalk(tab: PypiDriver, latest: ReleaseShown, earlier: ReleaseShown): Promise<void> {
  const project = `/project/${latest.name}/`;
  await tab.load(project);
  await expectRelease(tab, latest);
  await tab.click('#history-tab');
  await expectShown(tab, `${project}#history`, 'history');
  // Each row gets its badge after its link as its verdict comes in (issue 17); a driver clicks at a
  // position read just before, so it waits, as a reader of the finished list would.
  await expect.poll(async () => (await read(tab))?.releaseBadges.placed ?? 0, { timeout: 20_000 }).toBeGreaterThan(0);
  await expect.poll(async () => (await read(tab))?.releaseBadges.checking ?? 1, { timeout: 20_000 }).toBe(0);
  // The earlier release's own link (the whole card in the previous markup, the version in today's).
  await tab.click(`#history a[href="${project}${earlier.version}/"]`);
  await expectAt(tab, `${project}${earlier.version}/`);
  await expectRelease(tab, earlier);
  await expectPopupFor(tab, earlier.name, earlier.version);
  await tab.back();
  await expectShown(tab, `${project}#history`, 'history');
  console.log(`${latest.name}: Back to the history tab: ${(await read(tab))?.navigation === 'back_forward' ? 'loaded again' : 'restored from the back/forward cache'}`);
  await expectRelease(tab, latest);
  await expectPopupFor(tab, latest.name, latest.version);
}

/** Release page -> Download files -> one file's details pane -> Back -> another file's pane. */
async function detailsWalk(tab: PypiDriver, r: ReleaseShown): Promise<void> {
  const page = `/project/${r.name}/${r.version}/`;
  await tab.load(page);
  await expectRelease(tab, r);
  await tab.click('#files-tab');
  await expectShown(tab, `${page}#files`, 'files');
  await expect.poll(async () => (await read(tab))?.cardBadges.map((b) => b.visible), { message: 'file badges on screen' }).toEqual(Object.keys(r.files).map(() => true));
  for (const [file, status] of Object.entries(r.files)) {
    await tab.click(`#files a[href="#${file}"]`);
    await expectShown(tab, `${page}#${file}`, file);
    await expect
      .poll(async () => (await read(tab))?.paneBadges.filter((b) => b.visible), { message: `the badge of ${file} in its details pane, on screen` })
      .toEqual([{ file, status, pkg: pkgOf(r), visible: true }]);
    await tab.back();
    await expectShown(tab, `${page}#files`, 'files');
  }
  await expectRelease(tab, r);
  await expectPopupFor(tab, r.name, r.version);
}

export const PYPI_PATHS: PypiPath[] = [
  {
    name: 'search results -> project (normalised-name link) -> Back to the results',
    async walk(tab) {
      await tab.load('/search/?q=fixture');
      await expectSearchResults(tab);
      await tab.click('a.package-snippet[href="/project/sigstore/"]');
      await expectAt(tab, '/project/sigstore/');
      await expectRelease(tab, SIGSTORE);
      await expectPopupFor(tab, 'sigstore', '3.6.1');
      await tab.back();
      await expectAt(tab, '/search/?q=fixture');
      await expectSearchResults(tab);
      // Back on the results, the popup no longer speaks of the project left behind.
      await expect.poll(() => tab.popupTitle(), { timeout: 15_000 }).toBeNull();
    },
  },
  {
    name: 'another spelling of the name -> 301 -> the project, badged as that project',
    async walk(tab) {
      for (const version of [undefined, '0.0.19']) {
        const spelled = otherSpelling('pypi-attestations');
        const asked = `/project/${spelled}/${version === undefined ? '' : `${version}/`}`;
        const since = tab.requests().length;
        await tab.load(asked);
        await expectAt(tab, `/project/pypi-attestations/${version === undefined ? '' : `${version}/`}`);
        expect(tab.requests().slice(since).map((r) => `${r.host}${r.path}`), 'the other spelling was asked for').toContain(`pypi.org${asked}`);
        await expectRelease(tab, ATTESTATIONS_19);
        await expectPopupFor(tab, 'pypi-attestations', '0.0.19');
      }
    },
  },
  {
    name: 'project -> release history -> an earlier release -> Back (previous markup)',
    walk: (tab) => historyWalk(tab, ATTESTATIONS_19, ATTESTATIONS_16),
  },
  {
    name: 'project -> release history -> an earlier release -> Back (current markup)',
    walk: (tab) => historyWalk(tab, SAMPLE_4, SAMPLE_3),
  },
  {
    name: "release -> Download files -> each file's details pane -> Back (previous markup)",
    walk: (tab) => detailsWalk(tab, SIGSTORE),
  },
  {
    name: "release -> Download files -> a file's details pane -> Back (current markup, pre-release)",
    walk: (tab) => detailsWalk(tab, MODELS),
  },
  {
    name: 'pasted release URLs /project/<name>/<version>/',
    async walk(tab) {
      for (const r of [SAMPLE_4, ATTESTATIONS_16, NONE]) {
        await tab.load(`/project/${r.name}/${r.version}/`);
        await expectRelease(tab, r);
        await expectPopupFor(tab, r.name, r.version);
      }
    },
  },
];

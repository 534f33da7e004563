// Our own stand-in for npmjs.com's views (a closed React app), rendered by the fixture server
// into its HTML and by the client script into the DOM, so the two match the way server and
// client renders of one React tree do. The structure follows the landmarks other extensions rely
// on (shared/fixtures/pages/LANDMARKS.md): `#top` main column with the package h1, tab ids
// `package-tab-*` / `tabpanel-*` selected by `?activeTab=`, the versions tables, search results as
// `section`s linking `/package/...`. No markup or text is copied from the real site. Plain data in,
// element trees out, nothing else: this file is also served to the browser as a module.

export type VNode = string | VElement;
export interface VElement {
  tag: string;
  attrs: Record<string, string>;
  children: VNode[];
}

export function h(tag: string, attrs: Record<string, string>, ...children: (VNode | null)[]): VElement {
  return { tag, attrs, children: children.filter((c): c is VNode => c !== null) };
}

export interface PackageSummary {
  name: string;
  version: string;
  description: string;
}
export interface PackageDetail extends PackageSummary {
  latest: string;
  versions: { version: string; published: string }[];
}

export const TABS = ['readme', 'code', 'dependencies', 'dependents', 'versions'] as const;
export type Tab = (typeof TABS)[number];

/** What a page shows; the server computes it from the URL and sends it with the HTML or as JSON. */
export type PageContext =
  | { kind: 'home'; popular: PackageSummary[] }
  | { kind: 'search'; query: string; results: PackageSummary[] }
  | { kind: 'package'; pkg: PackageDetail; tab: Tab; related: PackageSummary[] }
  | { kind: 'access'; name: string }
  | { kind: 'user'; user: string; packages: PackageSummary[] }
  | { kind: 'org'; org: string; packages: PackageSummary[] }
  | { kind: 'not-found' };

export const FIXTURE_USER = 'lens-fixtures';

/** npm's own links keep a scoped name's `/` as it is. */
export function packageHref(name: string, version?: string): string {
  return version === undefined ? `/package/${name}` : `/package/${name}/v/${version}`;
}

function packageList(packages: PackageSummary[]): VElement[] {
  return packages.map((p) =>
    h('section', {}, h('div', {}, h('a', { href: packageHref(p.name) }, h('h3', {}, p.name)), h('p', {}, p.description)),
      h('div', {}, h('a', { href: `/~${FIXTURE_USER}` }, FIXTURE_USER), h('span', {}, ` published ${p.version}`))),
  );
}

function packageHeader(pkg: PackageDetail, version: string): VElement {
  // The h1 holds the name and, as on the real site, a small non-text-only child beside it.
  const h1 = h('h1', {}, h('span', { title: pkg.name }, pkg.name), h('div', { 'data-nosnippet': 'true' }, h('span', { title: 'ships type declarations' }, 'TS')));
  return h('div', {}, h1, h('span', {}, `${version} • Public • Published ${pkg.versions.find((v) => v.version === version)?.published.slice(0, 10) ?? ''}`));
}

export function tabList(current: Tab): VElement {
  return h('ul', { role: 'tablist' }, ...TABS.map((t) =>
    h('li', {}, h('a', { id: `package-tab-${t}`, role: 'tab', href: `?activeTab=${t}`, 'aria-selected': String(t === current) }, t))));
}

function versionRow(pkg: PackageDetail, version: string, label: string): VElement {
  return h('tr', {}, h('td', {}, h('a', { class: 'code', href: packageHref(pkg.name, version) }, version)), h('td', { class: 'downloads' }, '0'), h('td', {}, label));
}

/** Both version tables have a header row of three columns (the third: the tag, or the date). */
function versionHead(last: string): VElement {
  return h('thead', {}, h('tr', {}, h('th', {}, 'Version'), h('th', {}, 'Downloads (Last 7 Days)'), h('th', {}, last)));
}

export function tabPanel(pkg: PackageDetail, tab: Tab, related: PackageSummary[]): VElement {
  const panel = (...children: VNode[]) => h('section', { id: `tabpanel-${tab}`, role: 'tabpanel', 'aria-labelledby': `package-tab-${tab}` }, ...children);
  if (tab === 'versions') {
    return panel(
      h('h3', { id: 'current-tags' }, 'Current Tags'),
      h('table', { 'aria-labelledby': 'current-tags' }, versionHead('Tag'), h('tbody', {}, versionRow(pkg, pkg.latest, 'latest'))),
      h('h3', { id: 'version-history' }, 'Version History'),
      h('table', { 'aria-labelledby': 'version-history' }, versionHead('Published'),
        h('tbody', {}, ...[...pkg.versions].reverse().map((v) => versionRow(pkg, v.version, v.published.slice(0, 10))))),
    );
  }
  if (tab === 'readme') {
    const seeAlso = h('ul', { 'aria-label': 'See also' }, ...related.map((p) => h('li', {}, h('a', { href: packageHref(p.name) }, p.name))));
    return panel(h('article', {}, h('h2', {}, 'Readme'), h('p', {}, pkg.description), seeAlso));
  }
  return panel(h('p', {}, `${tab} of ${pkg.name}`));
}

function sidebar(pkg: PackageDetail, version: string): VElement {
  return h('aside', { 'aria-label': 'Package sidebar' },
    h('h3', {}, 'Install'), h('div', {}, h('p', {}, h('code', {}, `npm i ${pkg.name}`)), h('button', { 'aria-label': 'Copy install command line' }, 'copy')),
    h('h3', {}, 'Version'), h('p', {}, version),
    h('h3', {}, 'Admin'), h('a', { href: `/package/${pkg.name}/access` }, 'Settings'));
}

function mainContent(ctx: PageContext): VNode[] {
  switch (ctx.kind) {
    case 'home':
      return [h('h1', {}, 'Build with packages'), h('p', {}, h('a', { href: `/~${FIXTURE_USER}` }, 'Our fixture user'), ' · ', h('a', { href: '/org/playwright' }, 'An organisation')),
        h('h2', {}, 'Popular'), ...packageList(ctx.popular)];
    case 'search':
      return [h('h2', {}, `${ctx.results.length} packages found`), ...packageList(ctx.results)];
    case 'user':
      return [h('h2', {}, `~${ctx.user}`), h('h3', {}, `${ctx.packages.length} Packages`), ...packageList(ctx.packages)];
    case 'org':
      return [h('h2', {}, `@${ctx.org}`), h('h3', {}, 'Packages'), ...packageList(ctx.packages)];
    case 'access':
      return [h('div', {}, h('h1', {}, h('a', { href: packageHref(ctx.name) }, ctx.name)), h('h2', {}, 'Publishing access'),
        h('p', {}, 'Two-factor authentication is required to publish.'))];
    case 'not-found':
      return [h('div', { id: 'top' }, h('h1', {}, 'not found'), h('p', {}, 'No package by that name or version.'))];
    case 'package': {
      const version = ctx.pkg.version;
      return [h('div', { id: 'top' }, packageHeader(ctx.pkg, version), tabList(ctx.tab), tabPanel(ctx.pkg, ctx.tab, ctx.related)), sidebar(ctx.pkg, version)];
    }
  }
}

/** The part of the page that changes from one page to the next; re-rendered as a new element. */
export function mainView(ctx: PageContext): VElement {
  return h('main', { id: 'main' }, ...mainContent(ctx));
}

export function appView(ctx: PageContext): VElement {
  const header = h('header', {}, h('a', { href: '/', 'aria-label': 'npm home' }, 'npm'),
    h('form', { action: '/search', role: 'search' }, h('input', { name: 'q', 'aria-label': 'Search packages' }), h('button', { type: 'submit' }, 'Search')));
  return h('div', { id: 'app' }, header, mainView(ctx), h('footer', {}, 'Fixture site for Provenance Lens tests'));
}

export function pageTitle(ctx: PageContext): string {
  if (ctx.kind === 'package') return `${ctx.pkg.name} - npm`;
  if (ctx.kind === 'search') return `${ctx.query} - npm search`;
  return 'npm';
}

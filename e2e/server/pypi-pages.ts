// Authored pypi.org pages in both markup generations (LANDMARKS.md). The project/release page
// nests as pypi/warehouse's packaging/detail.html and its includes do (read at 6b62157 for the
// current markup, at f61fad411 for the previous one): project status, banner with the project
// header, the tabs controller holding the navigation and one panel per tab (description, files,
// one details pane per file as a sibling after #files, release history), and the search result
// list. Structure reproduced; text, markup details and the tab script are ours, no CSS.
import { authoredDocument, html, Html } from './responses';
import { normalizeProjectName, type PypiFile, type PypiProject } from './pypi-scenarios';

/** One release as the page's history lists it: newest first, `date` an ISO 8601 instant. */
export interface ListedRelease {
  version: string;
  date: string;
  /** Marked yanked in the history, as PyPI does (a modifier and a card header, or a badge before). */
  yanked?: boolean;
}

const DEFAULT_DATE = '2026-01-01T00:00:00+00:00';

function fileUrl(file: PypiFile): string {
  return `https://files.pythonhosted.org/packages/authored/${encodeURIComponent(file.filename)}`;
}

/** Project pages link by the project's own spelling; search results by the normalised name. */
function projectPath(name: string, version?: string): string {
  const base = `/project/${encodeURIComponent(name)}/`;
  return version === undefined ? base : `${base}${encodeURIComponent(version)}/`;
}

function when(iso: string): Html {
  const d = new Date(iso);
  const shown = d.toLocaleDateString('en-US', { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });
  return html`<time datetime="${d.toISOString()}">${shown}</time>`;
}

/** PEP 440 pre- and dev-releases: a letter part (a, b, rc, dev) after the release digits. */
function isPrerelease(version: string): boolean {
  return /\d(a|b|rc|c|alpha|beta|pre|preview|dev)\d*/i.test(version) || /\.dev\d*$/i.test(version);
}

function sizeText(index: number): string {
  // The JSON API says 1000 + index bytes for each file (pypi-routes.ts).
  return `${((1000 + index) / 1000).toFixed(1)} kB`;
}

function wheelTags(file: PypiFile): Html[] {
  return file.packagetype === 'bdist_wheel' ? [html`<code>Python 3</code>`] : [];
}

/** The previous markup's panels all had the vertical-tabs class; today only the details panes keep it. */
function panelClass(markup: 'new' | 'old'): Html {
  return markup === 'old' ? html` class="vertical-tabs__content"` : html``;
}

// -- Download files and the per-file details panes (includes/packaging/project-files.html and
// includes/file-details.html in both generations).

function fileEntries(project: PypiProject, files: PypiFile[], date: string): Html[] {
  return files.map(
    (f) => html`
      <div class="file">
        <div class="file__graphic"><i class="far fa-file" aria-hidden="true"></i></div>
        <div class="card file__card">
          <a href="${fileUrl(f)}">${f.filename}</a>
          (${sizeText(project.files.indexOf(f))}
          <a href="#${f.filename}" data-project-tabs-target="tab" data-action="project-tabs#tabClick">view details</a>)
          <p class="file__meta">Uploaded ${when(date)} ${wheelTags(f)}</p>
        </div>
      </div>`,
  );
}

function filesPanel(project: PypiProject, date: string, markup: 'new' | 'old'): Html {
  const sdists = project.files.filter((f) => f.packagetype === 'sdist');
  const bdists = project.files.filter((f) => f.packagetype !== 'sdist');
  const plural = (n: number, one: string) => (n === 1 ? one : `${one}s`);
  const noSdist = html`
    <div class="file"><div class="file__graphic"><i class="fas fa-exclamation-circle" aria-hidden="true"></i></div>
      <div class="card">This release has no source distribution.</div></div>`;
  const built =
    bdists.length === 0
      ? html``
      : html`
    <h3>${plural(bdists.length, 'Built Distribution')}</h3>
    <p>Wheel file names say which interpreter, ABI and platform each one is for.</p>
    <p class="hidden initial-toggle-visibility" hidden data-controller="clipboard">Link to these filters
      <a class="hidden" hidden href="${projectPath(project.name)}#files" data-clipboard-target="source" data-filter-list-target="url"></a>
      <button type="button" class="button button--small" data-action="clipboard#copy">Copy</button></p>
    <div><div class="form-group hidden initial-toggle-visibility" hidden>
      <label class="form-group__label sr-only" for="bdist-filenames-filter">File name</label>
      <input class="form-group__field" type="text" id="bdist-filenames-filter" name="bdist-filenames-filter" placeholder="File name"
        data-action="filter-list#filter" data-filter-list-target="filter" data-filtered-source="filename"></div></div>
    ${fileEntries(project, bdists, date)}`;
  return html`
    <div id="files" data-project-tabs-target="content"${panelClass(markup)} role="tabpanel" aria-labelledby="files-tab" tabindex="-1" data-controller="filter-list">
      <h2 class="page-title">Download files</h2>
      <p>Pick the file for your platform; <a href="https://packaging.python.org/tutorials/installing-packages/" target="_blank" rel="noopener">installing packages</a> explains the choice.</p>
      <h3>${plural(sdists.length, 'Source Distribution')}</h3>
      ${sdists.length === 0 ? noSdist : fileEntries(project, sdists, date)}
      ${built}
    </div>`;
}

function publisherLine(file: PypiFile): Html {
  if (file.provenance.kind !== 'wrap-attestation') return html``;
  const p = file.provenance.publisher;
  return html`<p>Publisher: <a href="https://github.com/${p.repository}/blob/HEAD/.github/workflows/${p.workflow}">
    <i class="fa-brands fa-github" aria-hidden="true"></i> <code>${p.workflow}</code> on ${p.repository}</a></p>`;
}

/** PyPI renders this section from its own database only for a file with attestations. */
function provenanceSection(file: PypiFile): Html {
  if (file.provenance.kind !== 'provenance' && file.provenance.kind !== 'wrap-attestation') return html``;
  return html`
    <h3>Provenance</h3>
    <p>Attestation bundles uploaded for <code>${file.filename}</code>:</p>
    <div class="file">
      <div class="file__graphic"><i class="fa-solid fa-file-circle-check" aria-hidden="true"></i></div>
      <div class="card file__card">${publisherLine(file)}
        Attestations: <small><i>as recorded when the release was signed.</i></small>
        <ul><li>Statement: <ul><li>Subject name: <code>${file.filename}</code></li>
          <li>Subject digest: <code>${file.sha256}</code></li></ul></li></ul>
      </div>
    </div>`;
}

function detailsPane(project: PypiProject, file: PypiFile, date: string): Html {
  const trusted = file.provenance.kind === 'missing' ? 'No' : 'Yes';
  return html`
    <div id="${file.filename}" data-project-tabs-target="content" class="vertical-tabs__content" role="tabpanel" aria-labelledby="files-tab" tabindex="-1">
      <h2 class="page-title">File details</h2>
      <p>About the file <code>${file.filename}</code>.</p>
      <h3>File metadata</h3>
      <div><ul>
        <li>Download URL: <a href="${fileUrl(file)}">${file.filename}</a></li>
        <li>Upload date: ${when(date)}</li>
        <li>Size: ${sizeText(project.files.indexOf(file))}</li>
        <li>Tags: ${file.packagetype === 'sdist' ? 'Source' : 'Python 3'}</li>
        <li>Uploaded using Trusted Publishing? ${trusted}</li>
      </ul></div>
      <h3>File hashes</h3>
      <div><table class="table table--hashes">
        <caption class="sr-only">Hashes of ${file.filename}</caption>
        <thead><tr><th scope="col">Algorithm</th><th scope="col">Hash digest</th><th></th></tr></thead>
        <tbody><tr data-controller="clipboard"><th scope="row">SHA256</th>
          <td><code data-clipboard-target="source">${file.sha256}</code></td>
          <td class="table__align-right"><button type="button" class="button button--small" data-action="clipboard#copy">Copy</button></td></tr></tbody>
      </table></div>
      ${provenanceSection(file)}
    </div>`;
}

function filesAndDetails(project: PypiProject, date: string, markup: 'new' | 'old'): Html {
  if (project.files.length === 0) return html``;
  return html`${filesPanel(project, date, markup)}${project.files.map((f) => detailsPane(project, f, date))}`;
}

// -- Release history (includes/packaging/project-release-history.html; the card was one link in
// the previous markup).

function historyPanel(project: PypiProject, releases: readonly ListedRelease[], markup: 'new' | 'old'): Html {
  const items = releases.map((r, i) => {
    const current = r.version === project.version;
    // The previous markup also marked the ends of the timeline.
    const ends = markup === 'old' ? (i === 0 ? ' release--latest' : i === releases.length - 1 ? ' release--oldest' : '') : '';
    // Today's markup gives one status modifier, yanked before pre-release; the previous markup
    // said yanked with a badge in the card.
    const status = r.yanked === true ? ' release--yanked' : isPrerelease(r.version) ? ' release--pre-release' : '';
    const modifier = `${ends}${current ? ' release--current' : ''}${markup === 'new' ? status : isPrerelease(r.version) ? ' release--pre-release' : ''}`;
    const node = html`<div class="release__graphic">${releases.length > 1 ? html`<div class="release__line"></div>` : html``}
      <span class="release__node" aria-hidden="true"></span></div>`;
    const thisOne = current ? html`<span class="badge">This release</span>` : html``;
    const href = projectPath(project.name, r.version);
    if (markup === 'old') {
      return html`
        <div class="release${modifier}">
          <div class="release__meta">${thisOne}</div>${node}
          <a class="card release__card" href="${href}">
            <p class="release__version">${r.version}${isPrerelease(r.version) ? html` <span class="badge badge--warning">pre-release</span>` : html``}${r.yanked === true ? html` <span class="badge badge--danger">yanked</span>` : html``}</p>
            <p class="release__version-date">${when(r.date)}</p>
          </a>
        </div>`;
    }
    const preHeader =
      r.yanked === true
        ? html`<div class="release__card-header"><a href="/help/#yanked" title="Release yanked"><span>Yanked</span></a></div>`
        : isPrerelease(r.version)
          ? html`<div class="release__card-header"><a href="/help/#pre-release-versioning">Pre-release</a></div>`
          : html``;
    return html`
      <div class="release${modifier}">
        <div class="release__current-badge">${thisOne}</div>${node}
        <div class="release__card">${preHeader}
          <div class="release__card-body">
            <p class="release__version"><a href="${href}">${r.version}</a> ${thisOne}</p>
            <p class="release__meta"><span class="release__date">${when(r.date)}</span>
              <span class="release__meta-divider" aria-hidden="true"></span>
              <a href="${href}#files">files</a></p>
          </div>
        </div>
      </div>`;
  });
  return html`
    <div id="history" data-project-tabs-target="content"${panelClass(markup)} role="tabpanel" aria-labelledby="history-tab" tabindex="-1">
      <h2 class="page-title split-layout"><span>Release history</span>
        <span class="reset-text margin-top"><a href="/help/#project-release-notifications">Release notifications</a></span></h2>
      <div class="release-timeline">${items}</div>
    </div>`;
}

// -- The two generations of the page around the panels.

interface PageParts {
  project: PypiProject;
  pip: string;
  releases: readonly ListedRelease[];
  date: string;
}

function keyDates(date: string): Html {
  return html`<div class="sidebar-section"><h3 class="sidebar-section__title">Key dates</h3>
    <p>Released: ${when(date)}</p></div>`;
}

function pipBlock(parts: PageParts, prefix: 'project-header' | 'package-header'): Html {
  if (parts.project.files.length === 0) return html``;
  return html`<div data-controller="clipboard">
    <p class="${prefix}__pip-instructions"><span id="pip-command" data-clipboard-target="source">${parts.pip}</span>
      <button type="button" class="copy-tooltip" data-action="clipboard#copy"><i class="fa fa-copy" aria-hidden="true"></i><span class="sr-only">Copy the install command</span></button></p>
  </div>`;
}

function navTab(id: string, label: string, active: boolean, cls: string, target = 'tab'): Html {
  return html`<li role="presentation"><a id="${id}-tab" href="#${id}" role="tab" class="${cls}${active ? ` ${cls}--is-active` : ''}"
    aria-selected="${active ? 'true' : 'false'}" aria-controls="${id}" data-project-tabs-target="${target}" data-action="project-tabs#tabClick">${label}</a></li>`;
}

function currentMarkup(parts: PageParts): Html {
  const { project } = parts;
  const pre = isPrerelease(project.version);
  const status = pre
    ? html`<div class="project-status project-status--pre-release"><div class="project-status__content">
        <strong class="project-status__label">Pre-release</strong>
        <p class="project-status__description">This is a pre-release, which may not be stable.</p></div></div>`
    : html``;
  const hasFiles = project.files.length > 0;
  return html`
    ${status}
    <div class="banner${pre ? ' banner--pre-release' : ''} banner--project">
      <div class="project-header">
        <h1 class="project-header__name">${project.name} ${project.version}</h1>
        <p class="project-header__summary">${project.summary}</p>
        ${pipBlock(parts, 'project-header')}
      </div>
    </div>
    <div data-controller="project-tabs" class="project-tabs">
      <div class="horizontal-section horizontal-section--grey horizontal-section--no-padding"><div class="site-container">
        <nav class="project-tabs__tabs" aria-label="Navigation for ${project.name}">
          <ul class="project-tabs__list" role="tablist">
            ${navTab('description', 'Description', true, 'project-tabs__tab')}
            ${hasFiles ? navTab('files', 'Download files', false, 'project-tabs__tab') : html``}
            ${navTab('history', 'Release history', false, 'project-tabs__tab')}
          </ul>
        </nav>
      </div></div>
      <div class="site-container"><div class="project-tabs__panel">
        <div id="description" data-project-tabs-target="content" role="tabpanel" aria-labelledby="description-tab" tabindex="-1">
          <div class="project-description">
            <div class="project-description__main"><div class="project-description__content"><p>${project.summary}</p></div></div>
            <div class="project-description__sidebar">${keyDates(parts.date)}</div>
          </div>
        </div>
        ${filesAndDetails(project, parts.date, 'new')}
        ${historyPanel(project, parts.releases, 'new')}
      </div></div>
    </div>`;
}

function previousMarkup(parts: PageParts): Html {
  const { project } = parts;
  const latest = parts.releases[0]?.version ?? project.version;
  const hasFiles = project.files.length > 0;
  const status =
    latest === project.version
      ? html`<a class="status-badge status-badge--good" href="${projectPath(project.name)}"><span>Latest release</span></a>`
      : html`<a class="status-badge status-badge--bad" href="${projectPath(project.name)}"><span>Newer version available (${latest})</span></a>`;
  const vTab = (id: string, label: string, active: boolean, target = 'tab', prefix = '') =>
    html`<li role="tab"><a id="${prefix}${id}-tab" href="#${id}" data-project-tabs-target="${target}" data-action="project-tabs#onTabClick"
      class="vertical-tabs__tab vertical-tabs__tab--with-icon${prefix ? ' vertical-tabs__tab--mobile' : ''}${active ? ' vertical-tabs__tab--is-active' : ''}">${label}</a></li>`;
  return html`
    <div class="banner"><div class="package-header">
      <div class="package-header__left">
        <h1 class="package-header__name">${project.name} ${project.version}</h1>
        ${pipBlock(parts, 'package-header')}
      </div>
      <div class="package-header__right">${status}
        <p class="package-header__date">Released: ${when(parts.date)}</p></div>
    </div></div>
    <div class="horizontal-section horizontal-section--grey horizontal-section--thin"><div class="site-container">
      <div class="split-layout split-layout--middle package-description"><p class="package-description__summary">${project.summary}</p></div>
    </div></div>
    <div data-controller="project-tabs"><div class="tabs-container"><div class="vertical-tabs">
      <div class="vertical-tabs__tabs">
        <div class="sidebar-section"><h3 class="sidebar-section__title">Navigation</h3>
          <nav aria-label="Navigation for ${project.name}"><ul class="vertical-tabs__list" role="tablist">
            ${vTab('description', 'Project description', true)}${vTab('history', 'Release history', false)}
            ${hasFiles ? vTab('files', 'Download files', false) : html``}
          </ul></nav></div>
        ${keyDates(parts.date)}
      </div>
      <div class="vertical-tabs__panel">
        <nav aria-label="Navigation for ${project.name}"><ul class="vertical-tabs__list" role="tablist">
          ${vTab('description', 'Project description', true, 'mobileTab', 'mobile-')}${vTab('data', 'Project details', false, 'mobileTab', 'mobile-')}
          ${vTab('history', 'Release history', false, 'mobileTab', 'mobile-')}${hasFiles ? vTab('files', 'Download files', false, 'mobileTab', 'mobile-') : html``}
        </ul></nav>
        <div id="description" data-project-tabs-target="content" class="vertical-tabs__content" role="tabpanel" aria-labelledby="description-tab mobile-description-tab" tabindex="-1">
          <h2 class="page-title">Project description</h2>
          <div class="project-description"><p>${project.summary}</p></div>
        </div>
        <div id="data" data-project-tabs-target="content" class="vertical-tabs__content" role="tabpanel" aria-labelledby="mobile-data-tab" tabindex="-1">
          <h2 class="page-title">Project details</h2>${keyDates(parts.date)}
        </div>
        ${historyPanel(project, parts.releases, 'old')}
        ${filesAndDetails(project, parts.date, 'old')}
      </div>
    </div></div></div>`;
}

/**
 * Our stand-in for warehouse's project-tabs controller: one tab panel shown at a time, chosen by
 * the URL fragment (the first panel without one); a tab link shows its panel and pushes its
 * fragment, and moving through history shows the panel of the fragment reached.
 */
const TAB_SCRIPT = `(() => {
  const root = document.querySelector('[data-controller~="project-tabs"]');
  if (!root) return;
  const panels = () => [...root.querySelectorAll('[data-project-tabs-target="content"]')];
  const fragment = () => { try { return decodeURIComponent(location.hash.slice(1)); } catch { return ''; } };
  // A nav tab is outside every panel; a details pane has none of its own, so Files stays selected.
  const navTabs = () => [...root.querySelectorAll('a[data-project-tabs-target]')].filter((t) => !panels().some((p) => p.contains(t)));
  const show = (id) => {
    const all = panels();
    const shown = all.some((p) => p.id === id) ? id : all[0] && all[0].id;
    for (const p of all) p.style.display = p.id === shown ? 'block' : 'none';
    const tabs = navTabs();
    const selected = tabs.some((t) => t.hash === '#' + shown) ? shown : 'files';
    for (const t of tabs) t.setAttribute('aria-selected', t.hash === '#' + selected ? 'true' : 'false');
  };
  root.addEventListener('click', (event) => {
    const link = event.target instanceof Element ? event.target.closest('a[data-project-tabs-target]') : null;
    if (!link || !link.hash) return;
    event.preventDefault();
    let id = link.hash.slice(1);
    try { id = decodeURIComponent(id); } catch {}
    show(id);
    history.pushState(null, '', link.hash);
  });
  window.addEventListener('popstate', () => show(fragment()));
  window.addEventListener('hashchange', () => show(fragment()));
  show(fragment());
})();`;

/**
 * The project page (`versionInUrl` undefined) or a release page. `releases` is the history the
 * page lists, newest first; without it, the shown release alone.
 */
export function renderProjectPage(project: PypiProject, versionInUrl: string | undefined, releases?: readonly ListedRelease[]): string {
  const listed = releases ?? [{ version: project.version, date: DEFAULT_DATE }];
  const date = listed.find((r) => r.version === project.version)?.date ?? DEFAULT_DATE;
  const pip = versionInUrl ? `pip install ${project.name}==${versionInUrl}` : `pip install ${project.name}`;
  const parts: PageParts = { project, pip, releases: listed, date };
  const canonical = html`<link rel="canonical" href="https://pypi.org${projectPath(project.name)}">`;
  const main = project.markup === 'new' ? currentMarkup(parts) : previousMarkup(parts);
  const script = new Html(`<script>${TAB_SCRIPT}</script>`);
  return authoredDocument('pypi.org', `${project.name} · PyPI`, canonical, html`<main id="content">${main}</main>${script}`);
}

export function renderSearchPage(query: string, results: PypiProject[]): string {
  const items = results.map(
    (p) => html`
      <li><a class="package-snippet" href="${projectPath(normalizeProjectName(p.name))}">
        <h3 class="package-snippet__title"><span class="package-snippet__name">${p.name}</span>
          <span class="package-snippet__created">${when(DEFAULT_DATE)}</span></h3>
        <p class="package-snippet__description">${p.summary}</p>
      </a></li>`,
  );
  const list =
    results.length === 0
      ? html`<div class="callout-block"><p>Nothing matched '${query}'.</p></div>`
      : html`<ul class="unstyled" aria-label="Search results">${items}</ul>`;
  const body = html`<main id="content"><div class="left-layout"><div class="left-layout__main">
    <h1 class="page-title">Search results for ${query}</h1>${list}</div></div></main>`;
  return authoredDocument('pypi.org', `Search results · PyPI`, html``, body);
}

export function renderPypiNotFound(): string {
  return authoredDocument('pypi.org', 'Not Found · PyPI', html``, html`<main id="content"><h1>404 Not Found</h1></main>`);
}

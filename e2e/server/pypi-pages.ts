// Authored pypi.org pages in both markup generations (LANDMARKS.md): project/release page with
// the header, tabs and div#files cards, and the search result list.
import { authoredDocument, html, type Html } from './responses';
import type { PypiFile, PypiProject } from './pypi-scenarios';

function fileUrl(file: PypiFile): string {
  return `https://files.pythonhosted.org/packages/authored/${encodeURIComponent(file.filename)}`;
}

/** The files tab and, as its sibling tab panels, one details panel per file (as on pypi.org). */
function filePanels(project: PypiProject): Html {
  const cards = project.files.map(
    (f) => html`
      <div class="file"><div class="card file__card">
        <a href="${fileUrl(f)}">${f.filename}</a>
        <a href="#${f.filename}" data-project-tabs-target="tab">view details</a>
      </div></div>`,
  );
  const details = project.files.map(
    (f) => html`
      <div id="${f.filename}" class="vertical-tabs__content" role="tabpanel">
        <h2 class="page-title">File details</h2>
        <h3>File metadata</h3>
        <p>Uploaded using Trusted Publishing? ${f.provenance.kind === 'missing' ? 'No' : 'Yes'}</p>
        <h3>File hashes</h3>
        <table class="table table--hashes"><tbody>
          <tr><th scope="row">SHA256</th><td><code>${f.sha256}</code></td></tr>
        </tbody></table>
      </div>`,
  );
  return html`<div id="files" role="tabpanel" data-project-tabs-target="content">
      <h2 class="page-title">Download files</h2>${cards}</div>${details}`;
}

function projectPath(project: PypiProject, version?: string): string {
  const base = `/project/${encodeURIComponent(project.name)}/`;
  return version ? `${base}${encodeURIComponent(version)}/` : base;
}

function panels(project: PypiProject): Html {
  return html`
    <div id="description" role="tabpanel" data-project-tabs-target="content">
      <div class="project-description__sidebar">
        <div class="sidebar-section"><h2 class="sidebar-section__title">Key dates</h2>
          <p>Released: <time datetime="2026-01-01T00:00:00+0000">Jan 1, 2026</time></p></div>
      </div>
      <p>${project.summary}</p>
    </div>
    ${filePanels(project)}
    <div id="history" role="tabpanel" data-project-tabs-target="content"><div class="release-timeline">
      <div class="release"><p class="release__version"><a href="${projectPath(project, project.version)}">${project.version}</a></p></div>
    </div></div>
    <div id="security" role="tabpanel" data-project-tabs-target="content"></div>`;
}

function tabLinks(): Html {
  return html`
    <a id="description-tab" href="#description" data-project-tabs-target="tab">Project description</a>
    <a id="history-tab" href="#history" data-project-tabs-target="tab">Release history</a>
    <a id="files-tab" href="#files" data-project-tabs-target="tab">Download files</a>
    <a id="security-tab" href="#security" data-project-tabs-target="tab">Security</a>`;
}

function newMarkup(project: PypiProject, pip: string): Html {
  return html`
    <div class="banner"><div class="project-header">
      <h1 class="project-header__name">${project.name} ${project.version}</h1>
      <p class="project-header__pip-instructions"><span id="pip-command">${pip}</span></p>
      <p class="project-header__summary">${project.summary}</p>
    </div></div>
    <div class="project-tabs" data-controller="project-tabs">
      <nav class="project-tabs__nav">${tabLinks()}</nav>
      ${panels(project)}
    </div>`;
}

function oldMarkup(project: PypiProject, pip: string): Html {
  return html`
    <section class="banner"><div class="package-header">
      <div class="package-header__left">
        <h1 class="package-header__name">${project.name} ${project.version}</h1>
        <p class="package-header__pip-instructions"><span id="pip-command">${pip}</span></p>
      </div>
      <div class="package-header__right"></div>
      <p class="package-header__date"><time datetime="2026-01-01T00:00:00+0000">Jan 1, 2026</time></p>
    </div></section>
    <section class="horizontal-section"><p class="package-description__summary">${project.summary}</p></section>
    <div class="vertical-tabs">
      <nav class="vertical-tabs__tabs">${tabLinks()}</nav>
      ${panels(project)}
    </div>`;
}

export function renderProjectPage(project: PypiProject, versionInUrl: string | undefined): string {
  const pip = versionInUrl ? `pip install ${project.name}==${versionInUrl}` : `pip install ${project.name}`;
  const canonical = html`<link rel="canonical" href="https://pypi.org${projectPath(project)}">`;
  const main = project.markup === 'new' ? newMarkup(project, pip) : oldMarkup(project, pip);
  return authoredDocument('pypi.org', `${project.name} · PyPI`, canonical, html`<main id="content">${main}</main>`);
}

export function renderSearchPage(query: string, results: PypiProject[]): string {
  const items = results.map(
    (p) => html`
      <li><a class="package-snippet" href="${projectPath(p)}">
        <h3 class="package-snippet__title"><span class="package-snippet__name">${p.name}</span>
          <span class="package-snippet__created"><time datetime="2026-01-01T00:00:00+0000">Jan 1, 2026</time></span></h3>
        <p class="package-snippet__description">${p.summary}</p>
      </a></li>`,
  );
  const body = html`<main id="content"><h1 class="page-title">Search results for ${query}</h1><ul class="unstyled" aria-label="Search results">${items}</ul></main>`;
  return authoredDocument('pypi.org', `Search results · PyPI`, html``, body);
}

export function renderPypiNotFound(): string {
  return authoredDocument('pypi.org', 'Not Found · PyPI', html``, html`<main id="content"><h1>404 Not Found</h1></main>`);
}

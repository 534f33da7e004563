// Our own authored stand-in for the pypi/warehouse redesign branches (2026-ui-update-files-tab,
// 2026-ui-update-security-tab): the files table, the Security tab with its provenance status and
// file list, and the sidebar "Provenance" block. Structure reproduced from reading those
// templates; no markup copied.
import { authoredDocument, html, type Html } from './responses';
import type { PypiProject } from './pypi-scenarios';

// `notice`: one to show in place of the one the files imply (see pypi-page-routes.ts).
function status(project: PypiProject, notice?: string): { full: boolean; label: string } | null {
  const attested = project.files.filter((f) => f.provenance.kind !== 'missing').length;
  if (notice !== undefined) return { full: false, label: notice };
  if (attested === 0) return null;
  return attested === project.files.length ? { full: true, label: 'Full provenance' } : { full: false, label: 'Incomplete provenance' };
}

function filesTable(project: PypiProject): Html {
  const rows = project.files.map(
    (f) => html`<tr class="file-row"><td><span class="file-info__name">
      <a href="https://files.pythonhosted.org/packages/authored/${encodeURIComponent(f.filename)}"><span>${f.filename}</span></a></span></td>
      <td><a href="#${f.filename}" class="button file-info__details-button" data-project-tabs-target="tab">Details</a></td></tr>`,
  );
  const details = project.files.map(
    (f) => html`<div id="${f.filename}" data-project-tabs-target="content" role="tabpanel">
      <h2 class="page-title"><a href="#files" data-project-tabs-target="tab">Release files</a> / ${f.filename}</h2>
      <table class="table table--information"><tbody><tr><th>SHA256</th><td><code>${f.sha256}</code></td></tr></tbody></table></div>`,
  );
  return html`<div id="files" data-project-tabs-target="content" role="tabpanel">
    <h2 class="page-title">Release files for ${project.name} ${project.version}</h2>
    <table class="table table--files"><tbody>${rows}</tbody></table></div>${details}`;
}

function security(project: PypiProject, notice?: string): Html {
  const s = status(project, notice);
  const items = project.files.map(
    (f) => html`<li class="attestations-viewer__file-item"><span class="attestations-viewer__file-info">
      <span class="attestations-viewer__file-name">${f.filename}</span></span></li>`,
  );
  return html`<div id="security" data-project-tabs-target="content" role="tabpanel">
    <h2 class="page-title">Security for ${project.name} ${project.version}</h2>
    <div class="provenance-status"><div class="callout-block"><h3 class="callout-block__heading">${s?.label ?? 'No provenance found'}</h3></div></div>
    <div class="attestations-viewer"><div class="attestations-viewer__sidebar"><ul class="attestations-viewer__file-list">${items}</ul></div></div></div>`;
}

function sidebar(project: PypiProject, notice?: string): Html {
  const s = status(project, notice);
  if (s === null) return html``;
  return html`<div class="sidebar-section"><h2 class="sidebar-section__title">Provenance</h2>
    <div class="sidebar-section__data-block"><p><strong>${s.label}</strong></p>
    <p><a href="#security" data-project-tabs-target="tab">View provenance details</a></p></div></div>`;
}

export function renderRedesignPage(project: PypiProject, versionInUrl: string | undefined, notice?: string): string {
  const pip = versionInUrl ? `pip install ${project.name}==${versionInUrl}` : `pip install ${project.name}`;
  const tab = (id: string, label: string) => html`<li role="presentation"><a id="${id}-tab" href="#${id}" role="tab" data-project-tabs-target="tab">${label}</a></li>`;
  const main = html`<div class="banner banner--project"><div class="project-header">
      <h1 class="project-header__name">${project.name} ${project.version}</h1>
      <p class="project-header__summary">${project.summary}</p>
      <div><p class="project-header__pip-instructions"><span id="pip-command">${pip}</span></p></div></div></div>
    <div data-controller="project-tabs" class="project-tabs">
      <nav class="project-tabs__tabs"><ul class="project-tabs__list" role="tablist">
        ${tab('description', 'Description')}${tab('files', 'Download files')}${tab('security', 'Security')}${tab('history', 'Release history')}</ul></nav>
      <div class="site-container"><div class="project-tabs__panel">
        <div id="description" data-project-tabs-target="content" role="tabpanel"><div class="project-description">
          <div class="project-description__main"><p>${project.summary}</p></div>
          <div class="project-description__sidebar">${sidebar(project, notice)}</div></div></div>
        ${filesTable(project)}${security(project, notice)}
        <div id="history" data-project-tabs-target="content" role="tabpanel"><div class="release-timeline">
          <div class="release release--current"><div class="release__card"><div class="release__card-body">
            <p class="release__version"><a href="/project/${project.name}/${project.version}/">${project.version}</a></p></div></div></div></div></div>
      </div></div></div>`;
  return authoredDocument('pypi.org', `${project.name} · PyPI`, html``, html`<main id="content">${main}</main>`);
}

// @vitest-environment happy-dom
// Synthetic DOM reproducing the structure of PyPI's Release history tab in both markup
// generations (pypi/warehouse project-release-history.html at 6b62157, and packaging/detail.html
// at f61fad411); text and attributes beyond that structure are ours.
import { afterEach, describe, expect, it } from 'vitest';
import { pypiHistory } from './pypi-history';
import { el } from '../testing/dom-el';

const PKG = { registry: 'pypi' as const, name: 'Sample_Project' };

/** Today's card: an optional header (pre-release, yanked), the version's link, a files link. */
function currentRelease(version: string, marker?: 'pre-release' | 'yanked', href = `/project/Sample_Project/${version}/`): HTMLElement {
  const header = marker === undefined ? [] : [el('div', { class: 'release__card-header' }, el('a', { href: `/help/#${marker === 'yanked' ? 'yanked' : 'pre-release-versioning'}` }, marker))];
  return el('div', { class: `release${marker ? ` release--${marker}` : ''}` },
    el('div', { class: 'release__current-badge' }),
    el('div', { class: 'release__graphic' }, el('div', { class: 'release__line' })),
    el('div', { class: 'release__card' }, ...header,
      el('div', { class: 'release__card-body' },
        el('p', { class: 'release__version' }, el('a', { href }, version)),
        el('p', { class: 'release__meta' }, el('span', { class: 'release__date' }, 'Jan 1, 2026'), el('a', { href: `${href}#files` }, '2 files')))));
}

/** The previous markup's card: the whole card is the link, the version inside it. */
function previousRelease(version: string, yanked = false): HTMLElement {
  const badges = yanked ? [el('span', { class: 'badge badge--danger' }, 'yanked')] : [];
  return el('div', { class: 'release' },
    el('div', { class: 'release__meta' }),
    el('div', { class: 'release__graphic' }),
    el('a', { class: 'card release__card', href: `/project/Sample_Project/${version}/` },
      el('p', { class: 'release__version' }, version, ...badges),
      el('p', { class: 'release__version-date' }, 'Jan 1, 2026')));
}

function historyPanel(...releases: HTMLElement[]): HTMLElement {
  return el('div', { id: 'history', 'data-project-tabs-target': 'content', role: 'tabpanel', 'aria-labelledby': 'history-tab', tabindex: '-1' },
    el('h2', { class: 'page-title split-layout' }, el('span', {}, 'Release history'), el('span', {}, el('a', { href: '/help/#project-release-notifications' }, 'Release notifications'))),
    el('div', { class: 'release-timeline' }, ...releases));
}

function rowsOf(): { version: string; link: Element }[] {
  const panel = pypiHistory.panel();
  return panel === null ? [] : pypiHistory.rows(panel, PKG).map(({ version, link }) => ({ version, link }));
}

afterEach(() => document.body.replaceChildren());

describe('PyPI release history rows', () => {
  it("finds each release of today's markup by its version's link, skipping the files and help links", () => {
    document.body.append(historyPanel(currentRelease('4.0.0'), currentRelease('4.0.0rc1', 'pre-release'), currentRelease('2.0.0', 'yanked')));
    const rows = rowsOf();
    expect(rows.map((r) => r.version)).toEqual(['4.0.0', '4.0.0rc1', '2.0.0']);
    expect(rows.every((r) => r.link.parentElement?.classList.contains('release__version'))).toBe(true);
  });

  it('finds each release of the previous markup by its card link', () => {
    document.body.append(historyPanel(previousRelease('0.0.19'), previousRelease('0.0.15', true)));
    const rows = rowsOf();
    expect(rows.map((r) => r.version)).toEqual(['0.0.19', '0.0.15']);
    expect(rows.every((r) => r.link.classList.contains('release__card'))).toBe(true);
  });

  it('takes the version from the link target, in any spelling of the name, never from the text', () => {
    const misleading = currentRelease('3.0.0', undefined, '/project/sample-project/3.0.0/');
    (misleading.querySelector('.release__version a') as HTMLElement).textContent = '9.9.9';
    document.body.append(historyPanel(misleading));
    expect(rowsOf().map((r) => r.version)).toEqual(['3.0.0']);
  });

  it("skips links to another project, to another site, to the project's latest page, or that do not parse", () => {
    document.body.append(historyPanel(
      currentRelease('1.0', undefined, '/project/requests/1.0/'),
      currentRelease('1.1', undefined, 'https://elsewhere.example/project/Sample_Project/1.1/'),
      currentRelease('1.2', undefined, '/project/Sample_Project/'),
      currentRelease('1.3', undefined, '/project/Sample_Project/%2F/'),
      currentRelease('1.4'),
    ));
    expect(rowsOf().map((r) => r.version)).toEqual(['1.4']);
  });

  it("ignores a README's own #history: only PyPI's panel counts", () => {
    // PyPI's cleaner keeps ids, so a README can hold a div#history full of release-looking links.
    const readme = el('div', { class: 'project-description' }, historyPanel(currentRelease('6.6.6')));
    document.body.append(el('div', { id: 'description' }, readme));
    expect(pypiHistory.panel()).toBeNull();
    document.body.append(historyPanel(currentRelease('1.0.0')));
    expect(rowsOf().map((r) => r.version)).toEqual(['1.0.0']);
  });

  it('places the badge right after the link: beside the version, never inside a link', () => {
    document.body.append(historyPanel(currentRelease('4.0.0'), previousRelease('0.0.19')));
    for (const row of pypiHistory.rows(pypiHistory.panel() as Element, PKG)) {
      const at = row.locate();
      expect(at?.parent).toBe(row.link.parentNode);
      expect(at?.before).toBe(row.link.nextSibling);
      expect((at?.parent as Element).closest('a')).toBeNull();
    }
  });
});

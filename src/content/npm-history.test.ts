// @vitest-environment happy-dom
// Synthetic DOM reproducing the structure of npm's Versions tab (the landmarks other extensions
// read: `#tabpanel-versions`, the "Current Tags" and "Version History" tables, links to
// `/package/<name>/v/<version>`; earlier, `li` rows); no markup or text copied from the site.
import { afterEach, describe, expect, it } from 'vitest';
import { npmHistory } from './npm-history';
import { el } from '../testing/dom-el';

const versionLink = (name: string, version: string, text = version) => el('a', { class: 'code', href: `/package/${name}/v/${version}` }, text);
const row = (name: string, version: string, last: string) => el('tr', {}, el('td', {}, versionLink(name, version)), el('td', { class: 'downloads' }, '1,234'), el('td', {}, last));

function versionsPanel(name: string, latest: string, history: string[]): HTMLElement {
  const head = el('thead', {}, el('tr', {}, el('th', {}, 'Version'), el('th', {}, 'Downloads (Last 7 Days)'), el('th', {}, 'Published')));
  return el('section', { id: 'tabpanel-versions', role: 'tabpanel', 'aria-labelledby': 'package-tab-versions' },
    el('h3', { id: 'current-tags' }, 'Current Tags'),
    el('table', { 'aria-labelledby': 'current-tags' }, el('tbody', {}, row(name, latest, 'latest'))),
    el('h3', { id: 'version-history' }, 'Version History'),
    el('table', { 'aria-labelledby': 'version-history' }, head, el('tbody', {}, ...history.map((v) => row(name, v, '2 years ago')))));
}

const versions = (name: string) => {
  const panel = npmHistory.panel();
  return panel === null ? [] : npmHistory.rows(panel, { registry: 'npm', name }).map((r) => r.version);
};

afterEach(() => document.body.replaceChildren());

describe('npm versions tab rows', () => {
  it('finds every row of both tables, the latest one in each', () => {
    document.body.append(el('div', { id: 'top' }, versionsPanel('sigstore', '2.3.1', ['2.3.1', '1.0.0', '0.4.0'])));
    expect(versions('sigstore')).toEqual(['2.3.1', '2.3.1', '1.0.0', '0.4.0']);
  });

  it('finds scoped packages and pre-release versions', () => {
    document.body.append(versionsPanel('@scope/pkg', '1.0.0-rc.1', ['1.0.0-rc.1', '0.1.0']));
    expect(versions('@scope/pkg')).toEqual(['1.0.0-rc.1', '1.0.0-rc.1', '0.1.0']);
  });

  it("finds the earlier tab's list rows too", () => {
    const li = (v: string) => el('li', {}, versionLink('left-pad', v), el('span', { class: 'downloads' }, '5'));
    document.body.append(el('div', { id: 'tabpanel-versions' }, el('ul', {}, li('1.3.0'), li('1.2.0'))));
    expect(versions('left-pad')).toEqual(['1.3.0', '1.2.0']);
  });

  it("skips another package's versions, links elsewhere, and a second link to a version that is not its label", () => {
    const panel = versionsPanel('sigstore', '2.3.1', ['1.0.0']);
    panel.append(
      el('p', {}, versionLink('tuf-js', '2.0.0')),
      el('p', {}, el('a', { href: 'https://elsewhere.example/package/sigstore/v/9.0.0' }, '9.0.0')),
      el('p', {}, versionLink('sigstore', '1.0.0', 'see the changelog')),
      el('p', {}, el('a', { href: '/package/sigstore' }, 'sigstore')),
    );
    document.body.append(panel);
    expect(versions('sigstore')).toEqual(['2.3.1', '1.0.0']);
  });

  it('ignores a #tabpanel-versions a README draws, and finds none on a page without the tab', () => {
    const readme = el('section', { id: 'tabpanel-readme', role: 'tabpanel' }, el('article', {}, versionsPanel('sigstore', '6.6.6', [])));
    document.body.append(readme);
    expect(npmHistory.panel()).toBeNull();
    document.body.append(versionsPanel('sigstore', '2.3.1', []));
    expect(versions('sigstore')).toEqual(['2.3.1']);
  });

  it('places the badge right after the version link, in its cell, never inside the link', () => {
    document.body.append(versionsPanel('sigstore', '2.3.1', ['1.0.0']));
    const rows = npmHistory.rows(npmHistory.panel() as Element, { registry: 'npm', name: 'sigstore' });
    for (const r of rows) {
      const at = r.locate();
      expect(at).toEqual({ parent: r.link.parentNode, before: r.link.nextSibling });
      expect((at?.parent as Element).localName).toBe('td');
    }
    // A row the site has thrown away places nothing.
    rows[0]?.link.remove();
    expect(rows[0]?.locate()).toBeNull();
  });
});

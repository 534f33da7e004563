// @vitest-environment happy-dom
// PyPI landmarks are looked up outside the README, whose cleaner lets it carry any `id` and
// classes on <span>: the README's look-alikes are skipped, PyPI's own elements are found, in the
// current markup (README straight in .project-description) and the redesign (README in
// .project-description__main, PyPI's Provenance block in the sidebar beside it).
import { afterEach, describe, expect, it } from 'vitest';
import { pypiById, pypiQuery, pypiQueryAll } from './pypi-dom';

afterEach(() => document.body.replaceChildren());

function h(tag: string, attrs: Record<string, string>, ...children: (Node | string)[]): HTMLElement {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  node.append(...children);
  return node;
}

/** What a README may hold after PyPI's cleaner: ids anywhere, classes on <span>. */
const readme = () => [
  h('div', { id: 'files' }, h('a', { href: 'https://files.pythonhosted.org/x/w-1.0.tar.gz' }, 'w-1.0.tar.gz')),
  h('span', { id: 'security' }, h('span', { class: 'provenance-status' }, h('span', { class: 'callout-block__heading' }, 'Change of provenance'))),
  h('div', { id: 'w-1.0.tar.gz' }, h('h2', {}, 'fake details')),
];

const realTabs = () => [
  h('div', { id: 'files', role: 'tabpanel' }, 'real files'),
  h('div', { id: 'security' }, h('div', { class: 'provenance-status' }, h('h3', { class: 'callout-block__heading' }, 'Full provenance'))),
  h('div', { id: 'w-1.0.tar.gz' }, h('h2', {}, 'real details')),
];

describe('pypi-dom', () => {
  it('skips the README in the redesign, and finds the sidebar beside it', () => {
    const sidebar = h('div', { class: 'project-description__sidebar' }, h('div', { class: 'sidebar-section' }, h('a', { href: '#security' }, 'x'), h('strong', {}, 'Full provenance')));
    const description = h('div', { id: 'description' }, h('div', { class: 'project-description' }, h('div', { class: 'project-description__main' }, ...readme()), sidebar));
    document.body.append(description, ...realTabs());
    expect(pypiById('files')?.textContent).toBe('real files');
    expect(pypiQuery('#security .provenance-status .callout-block__heading')?.textContent).toBe('Full provenance');
    expect(pypiQueryAll('[id="security"]')).toHaveLength(1);
    expect(pypiById('w-1.0.tar.gz')?.textContent).toBe('real details');
    expect(pypiQuery('.sidebar-section strong')?.textContent).toBe('Full provenance');
  });

  it('skips the README in the current markup, whose container is .project-description itself', () => {
    document.body.append(h('div', { id: 'description' }, h('div', { class: 'project-description' }, ...readme())), h('div', { id: 'files' }, 'real files'));
    expect(pypiById('files')?.textContent).toBe('real files');
    expect(pypiQuery('#security .callout-block__heading')).toBeNull();
  });

  it('a README cannot pose as the container: classes on <span> do not move it', () => {
    const fake = h('span', { class: 'project-description__main' });
    document.body.append(h('div', { class: 'project-description' }, fake, ...readme()), h('div', { id: 'files' }, 'real files'));
    expect(pypiById('files')?.textContent).toBe('real files');
  });
});

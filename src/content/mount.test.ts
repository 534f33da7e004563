// @vitest-environment happy-dom
import { h } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { after, mountBadge } from './mount';

afterEach(() => {
  document.body.replaceChildren();
});

function title(): HTMLElement {
  const h1 = document.createElement('h1');
  h1.className = 'project-header__name';
  h1.textContent = 'widgets 1.2.0';
  document.body.append(h1);
  return h1;
}

/** The CSS a shadow root is styled with, from the adopted sheet or its <style>, rules normalised. */
function shadowCss(root: ShadowRoot): string[] {
  const sheets = [...root.adoptedStyleSheets, ...[...root.querySelectorAll('style')].map((s) => s.sheet!)];
  return sheets.map((sheet) => [...sheet.cssRules].map((r) => r.cssText.replace(/\s+/g, ' ')).join(''));
}

const locateTitle = after(() => document.querySelector('h1.project-header__name'));

describe('mountBadge', () => {
  it('puts a host with the contract data attributes and a shadow root holding the view and its style', () => {
    const h1 = title();
    const badge = mountBadge({ locate: locateTitle, css: '.x{}', data: { 'provenance-file': 'a.whl' } });
    badge.setData('verified', 'pypi:widgets@1.2.0');
    badge.render(h('button', null, 'Verified'));
    // Beside the heading, not in it: nothing of ours joins the heading's accessible name.
    expect(h1.nextSibling).toBe(badge.host);
    expect(badge.host.getAttribute('data-provenance-status')).toBe('verified');
    expect(badge.host.getAttribute('data-provenance-package')).toBe('pypi:widgets@1.2.0');
    expect(badge.host.getAttribute('data-provenance-file')).toBe('a.whl');
    expect(shadowCss(badge.host.shadowRoot!)).toEqual(['.x { }']);
    expect(badge.host.shadowRoot?.querySelector('button')?.textContent).toBe('Verified');
    // Nothing of ours leaks into the page's own tree but the host.
    expect(h1.querySelector('button, provenance-lens-badge')).toBeNull();
    badge.destroy();
  });

  it('sets and drops the continuity attribute with the verdict', () => {
    title();
    const badge = mountBadge({ locate: locateTitle, css: '' });
    badge.setData('none', 'pypi:widgets@1.2.0', 'provenance-lost');
    expect(badge.host.getAttribute('data-provenance-continuity')).toBe('provenance-lost');
    badge.setData('verified', 'pypi:widgets@1.3.0', null);
    expect(badge.host.hasAttribute('data-provenance-continuity')).toBe(false);
    expect(badge.host.getAttribute('data-provenance-status')).toBe('verified');
    badge.destroy();
  });

  it('sets and drops the consistency attribute beside the continuity one', () => {
    title();
    const badge = mountBadge({ locate: locateTitle, css: '' });
    badge.setData('verified', 'pypi:widgets@1.2.0', null, 'inconsistent');
    expect(badge.host.getAttribute('data-provenance-consistency')).toBe('inconsistent');
    expect(badge.host.hasAttribute('data-provenance-continuity')).toBe(false);
    badge.setData('verified', 'pypi:widgets@1.3.0', 'publisher-changed', null);
    expect(badge.host.hasAttribute('data-provenance-consistency')).toBe(false);
    expect(badge.host.getAttribute('data-provenance-continuity')).toBe('publisher-changed');
    badge.destroy();
  });

  it('waits for a landmark that is not there yet', async () => {
    const badge = mountBadge({ locate: locateTitle, css: '' });
    expect(badge.host.isConnected).toBe(false);
    const h1 = title();
    await vi.waitFor(() => expect(h1.nextSibling).toBe(badge.host));
    badge.destroy();
  });

  it('re-injects after the site removes the node or re-renders the landmark', async () => {
    title();
    const badge = mountBadge({ locate: locateTitle, css: '', follow: true });
    badge.setData('loading', 'pypi:widgets@');
    badge.host.remove();
    await vi.waitFor(() => expect(badge.host.isConnected).toBe(true));

    // Hydration replaces the whole heading: the badge follows to the new one.
    document.querySelector('h1')?.remove();
    const fresh = title();
    await vi.waitFor(() => expect(fresh.nextSibling).toBe(badge.host));
    expect(document.querySelectorAll('[data-provenance-status]')).toHaveLength(1);
    badge.destroy();
  });

  it('stays gone after destroy', async () => {
    title();
    const badge = mountBadge({ locate: locateTitle, css: '' });
    badge.destroy();
    expect(badge.host.isConnected).toBe(false);
    document.body.append(document.createElement('p'));
    await new Promise((r) => setTimeout(r, 10));
    expect(badge.host.isConnected).toBe(false);
    expect(document.querySelector('[data-provenance-status]')).toBeNull();
  });

  it('gives up on a page that keeps deleting it', async () => {
    const h1 = title();
    const badge = mountBadge({ locate: locateTitle, css: '' });
    for (let i = 0; i < 60; i++) {
      badge.host.remove();
      await new Promise((r) => setTimeout(r, 0));
    }
    expect(h1.nextSibling).not.toBe(badge.host);
    expect(badge.host.isConnected).toBe(false);
    badge.destroy();
  });

  it('a following badge leaves a heading that stops being its landmark, and comes back with it', async () => {
    const h1 = title();
    const shows = (name: string) => h1.textContent?.startsWith(name) === true;
    const locate = after(() => (shows('widgets') ? h1 : null));
    const badge = mountBadge({ locate, css: '', follow: true });
    expect(h1.nextSibling).toBe(badge.host);
    // The site re-renders the heading in place for another package: the badge goes.
    h1.textContent = 'gadgets 2.0.0';
    await vi.waitFor(() => expect(badge.host.isConnected).toBe(false));
    h1.textContent = 'widgets 1.2.0';
    await vi.waitFor(() => expect(h1.nextSibling).toBe(badge.host));
    // The site moves the heading: the badge follows it.
    const box = document.createElement('div');
    document.body.append(box);
    box.append(h1);
    await vi.waitFor(() => expect(h1.nextSibling).toBe(badge.host));
    badge.destroy();
  });
});

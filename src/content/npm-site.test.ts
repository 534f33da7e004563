// @vitest-environment happy-dom
// Synthetic DOM from the npm website landmarks (`#top` main column); not copied from the site.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PackageRef } from '../core/verdict';
import type { Message } from '../shared/messages';
import { createAsk } from '../ui/worker-client';
import { VERDICTS } from '../ui/test-verdicts';
import { npmSite } from './npm-site';
import { runSite } from './site-runner';

const sent: Message[] = [];
let stop: () => void = () => undefined;

/** `#top` with the h1 and, when given, the line after it that starts with the version shown. */
function render(title: string, version?: string): void {
  const top = document.createElement('div');
  top.id = 'top';
  const h1 = document.createElement('h1');
  h1.textContent = title;
  top.append(h1);
  if (version !== undefined) top.append(Object.assign(document.createElement('span'), { textContent: `${version} • Public • Published 2 days ago` }));
  document.body.replaceChildren(top);
}

const verdictFor = (pkg: PackageRef) => ({ ...VERDICTS.verified, pkg: { ...pkg, registry: 'npm' as const, version: pkg.version ?? '1.3.0' }, files: [] });
const ask = createAsk(async (m) => {
  sent.push(m);
  if ('pkgs' in m) return { ok: true, value: m.pkgs.map((pkg) => ({ ok: true, value: verdictFor(pkg) })) };
  return 'pkg' in m ? { ok: true, value: verdictFor(m.pkg) } : { ok: true, value: { searchBadges: true } };
});

const badge = () => document.querySelector<HTMLElement>('#top h1 + provenance-lens-badge');

beforeEach(() => {
  sent.length = 0;
});
afterEach(() => {
  stop();
  document.body.replaceChildren();
});

describe('npm content script', () => {
  it('badges the title with the resolved version and follows client-side navigation', async () => {
    history.replaceState(null, '', '/package/left-pad');
    render('left-pad');
    stop = runSite(npmSite, ask);
    await vi.waitFor(() => expect(badge()?.getAttribute('data-provenance-package')).toBe('npm:left-pad@1.3.0'));
    expect(badge()?.getAttribute('data-provenance-status')).toBe('verified');

    // A tab switch is the same page: no new request, same badge.
    history.pushState(null, '', '/package/left-pad?activeTab=versions');
    document.body.append(document.createElement('div'));
    await new Promise((r) => setTimeout(r, 10));
    expect(sent).toHaveLength(1);

    // pushState is invisible to content scripts; the DOM change that follows it is not.
    history.pushState(null, '', '/package/@scope/thing/v/2.0.0');
    render('@scope/thing');
    await vi.waitFor(() => expect(badge()?.getAttribute('data-provenance-package')).toBe('npm:@scope/thing@2.0.0'));
    expect(sent.at(-1)).toEqual({ type: 'content/verdict', pkg: { registry: 'npm', name: '@scope/thing', version: '2.0.0' } });
    expect(document.querySelectorAll('provenance-lens-badge')).toHaveLength(1);
  });

  it("on a latest page, tells the worker the version its header shows, so a moved latest is not answered for the old one", async () => {
    history.replaceState(null, '', '/package/left-pad');
    render('left-pad', '1.3.1');
    stop = runSite(npmSite, ask);
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toEqual({ type: 'content/verdict', pkg: { registry: 'npm', name: 'left-pad' }, shownVersion: '1.3.1' });
  });

  // Found by the issue-14 attack review: from 2.3.1 to 1.0.0 of the same package, the URL changes
  // at once and the site renders late (or not at all when its data request fails); 1.0.0's
  // badge sat in the header still showing 2.3.1.
  it('waits for the header of the version the URL names, not an earlier version of the package', async () => {
    history.replaceState(null, '', '/package/sigstore/v/1.0.0');
    render('sigstore', '2.3.1');
    stop = runSite(npmSite, ask);
    await new Promise((r) => setTimeout(r, 50));
    expect(sent).toHaveLength(1);
    expect(badge()).toBeNull();
    render('sigstore', '1.0.0');
    await vi.waitFor(() => expect(badge()?.getAttribute('data-provenance-package')).toBe('npm:sigstore@1.0.0'));
  });

  it('puts the badge back when hydration replaces the title', async () => {
    history.replaceState(null, '', '/package/left-pad/v/1.3.0');
    render('left-pad');
    stop = runSite(npmSite, ask);
    await vi.waitFor(() => expect(badge()?.getAttribute('data-provenance-status')).toBe('verified'));
    render('left-pad');
    await vi.waitFor(() => expect(badge()?.getAttribute('data-provenance-status')).toBe('verified'));
    expect(sent).toHaveLength(1);
  });

  it('removes its badges when navigating away from package pages', async () => {
    history.replaceState(null, '', '/package/left-pad');
    render('left-pad');
    stop = runSite(npmSite, ask);
    await vi.waitFor(() => expect(badge()).not.toBeNull());
    history.pushState(null, '', '/settings/profile');
    document.body.append(document.createElement('div'));
    await vi.waitFor(() => expect(document.querySelector('provenance-lens-badge')).toBeNull());
  });

  it('badges one search result per package, by link target, as they appear', async () => {
    history.replaceState(null, '', '/search?q=pad');
    const main = document.createElement('main');
    document.body.replaceChildren(main);
    const addResult = (name: string) => {
      const section = document.createElement('section');
      const link = document.createElement('a');
      link.setAttribute('href', `/package/${name}`);
      const h3 = document.createElement('h3');
      h3.textContent = 'not-the-name';
      link.append(h3);
      const again = document.createElement('a');
      again.setAttribute('href', `/package/${name}`);
      again.textContent = 'more';
      section.append(again, link);
      main.append(section);
    };
    addResult('left-pad');
    // Every result is on screen at once.
    vi.stubGlobal('IntersectionObserver', class {
      constructor(private cb: (entries: { target: Element; isIntersecting: boolean }[]) => void) {}
      observe(target: Element) { this.cb([{ target, isIntersecting: true }]); }
      unobserve() {}
      disconnect() {}
    });
    stop = runSite(npmSite, ask);
    await vi.waitFor(() => expect(document.querySelectorAll('provenance-lens-badge')).toHaveLength(1));
    addResult('@scope/pad');
    await vi.waitFor(() => expect(document.querySelectorAll('provenance-lens-badge')).toHaveLength(2));
    const pkgs = sent.flatMap((m) => (m.type === 'content/search-verdicts' ? m.pkgs.map((p) => p.name) : []));
    expect(pkgs).toEqual(['left-pad', '@scope/pad']);
    // After each result's link, never in it (nor in its heading).
    for (const host of document.querySelectorAll('provenance-lens-badge')) {
      expect(host.previousElementSibling?.matches('a[href^="/package/"]')).toBe(true);
      expect(host.closest('a, h3')).toBeNull();
    }

    // The app re-renders the list as new nodes: the badges follow, without asking again.
    const requests = sent.length;
    const rerendered = main.cloneNode(true) as HTMLElement;
    for (const host of rerendered.querySelectorAll('provenance-lens-badge')) host.remove();
    main.replaceWith(rerendered);
    await vi.waitFor(() => expect(rerendered.querySelectorAll('a + provenance-lens-badge')).toHaveLength(2));
    expect(document.querySelectorAll('provenance-lens-badge')).toHaveLength(2);
    expect(sent).toHaveLength(requests);
    vi.unstubAllGlobals();
  });
});

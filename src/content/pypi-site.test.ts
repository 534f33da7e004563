// @vitest-environment happy-dom
// Synthetic DOM built from the landmarks in LANDMARKS.md (not copied from the live site).
import '../testing/idle-callback';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PackageVerdict } from '../core/verdict';
import type { Message } from '../shared/messages';
import { changedVerdict } from '../ui/test-continuity';
import { createAsk } from '../ui/worker-client';
import { FILENAMES, VERDICTS } from '../ui/test-verdicts';
import { pypiSite } from './pypi-site';
import { runSite } from './site-runner';
import { el } from '../testing/dom-el';

function fileCard(filename: string): HTMLElement {
  const href = `https://files.pythonhosted.org/packages/ab/cd/${encodeURIComponent(filename)}`;
  return el('div', { class: 'file' }, el('div', { class: 'card file__card' }, el('a', { href }, filename), el('a', { href: `#${filename}` }, 'view details')));
}

function projectPage(markup: 'new' | 'old'): void {
  const h1Class = markup === 'new' ? 'project-header__name' : 'package-header__name';
  document.body.replaceChildren(
    el('h1', { class: h1Class }, 'widgets 1.2.0'),
    el('p', {}, el('span', { id: 'pip-command' }, 'pip install widgets==1.2.0')),
    el('div', { id: 'files' }, fileCard(FILENAMES.wheel), fileCard(FILENAMES.sdist)),
    el('div', { id: FILENAMES.wheel, class: 'vertical-tabs__content', role: 'tabpanel' }, el('h2', { class: 'page-title' }, 'File details')),
  );
}

const sent: Message[] = [];
let stop: () => void = () => undefined;

beforeEach(() => {
  sent.length = 0;
  history.replaceState(null, '', '/project/widgets/1.2.0/');
});
afterEach(() => {
  stop();
  document.body.replaceChildren();
});

const hosts = () => Array.from(document.querySelectorAll<HTMLElement>('provenance-lens-badge'));
const attrs = (h: HTMLElement) => [h.getAttribute('data-provenance-status'), h.getAttribute('data-provenance-package')];

describe('pypi content script', () => {
  it.each(['new', 'old'] as const)('badges the title and each file card (%s markup), "checking" while the answer is slow', async (markup) => {
    projectPage(markup);
    let answer: (v: unknown) => void = () => undefined;
    const ask = createAsk((m) => {
      sent.push(m);
      return m.type === 'content/verdict' ? new Promise((r) => (answer = r)) : Promise.resolve({ ok: false, code: 'MSG_INTERNAL', message: '' });
    });
    stop = runSite(pypiSite, ask);
    // The files the page lists go with the request: the verdict must cover them.
    expect(sent).toEqual([{ type: 'content/verdict', pkg: { registry: 'pypi', name: 'widgets', version: '1.2.0' }, files: ['widgets-1.2.0-py3-none-any.whl', 'widgets-1.2.0.tar.gz'] }]);
    const title = document.querySelector('h1 + provenance-lens-badge') as HTMLElement;
    // Not drawn as "checking" at once: a cached answer would replace it within milliseconds.
    expect(attrs(title)).toEqual([null, null]);
    await vi.waitFor(() => expect(attrs(title)).toEqual(['loading', 'pypi:widgets@1.2.0']));
    const byFile = (name: string) => hosts().filter((h) => h.getAttribute('data-provenance-file') === name).map((h) => h.getAttribute('data-provenance-status'));
    // While checking, only the file card says so; the hidden details tab waits for the verdict.
    await new Promise((r) => setTimeout(r, 20));
    expect(byFile(FILENAMES.wheel)).toEqual(['loading']);

    // One polite live region for the page, empty until the verdict is known.
    const region = () => [...document.querySelectorAll('provenance-lens-status')].map((h) => h.shadowRoot?.querySelector('[role="status"][aria-live="polite"]')?.textContent);
    expect(region()).toEqual(['']);
    answer({ ok: true, value: VERDICTS.partial });
    await vi.waitFor(() => expect(title.getAttribute('data-provenance-status')).toBe('partial'));
    expect(region()).toEqual([expect.stringMatching(/^Provenance Lens: Provenance partly verified for widgets 1\.2\.0/)]);
    // Nothing of ours is left busy once settled.
    expect(title.shadowRoot?.querySelector('[aria-busy]')).toBeNull();
    // The card at once; the details panel (a hidden tab) by the next idle moment.
    await vi.waitFor(() => expect(byFile(FILENAMES.wheel)).toEqual(['verified', 'verified']));
    expect(byFile(FILENAMES.sdist)).toEqual(['none']);
    const card = document.getElementById('files')?.querySelector('.file__card');
    expect(card?.querySelector('provenance-lens-badge')?.getAttribute('data-provenance-file')).toBe(FILENAMES.wheel);
  });

  it('draws a quick answer straight away, never "checking" first', async () => {
    projectPage('new');
    const seen: (string | null)[] = [];
    new MutationObserver((records) => {
      for (const r of records) if (r.target instanceof Element) seen.push(r.target.getAttribute('data-provenance-status'));
    }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-provenance-status'] });
    const ask = createAsk(async (m) => (m.type === 'content/verdict' ? { ok: true, value: VERDICTS.partial } : { ok: false, code: 'MSG_INTERNAL', message: '' }));
    stop = runSite(pypiSite, ask);
    const title = document.querySelector('h1 + provenance-lens-badge') as HTMLElement;
    await vi.waitFor(() => expect(title.getAttribute('data-provenance-status')).toBe('partial'));
    expect(seen.length).toBeGreaterThan(0);
    expect(seen).not.toContain('loading');
  });

  it('shows "unavailable" when the worker cannot be reached, and retries', async () => {
    projectPage('new');
    let fail = true;
    const ask = createAsk(async (m) => {
      sent.push(m);
      if (fail) throw new Error('Could not establish connection. Receiving end does not exist.');
      return { ok: true, value: VERDICTS.verified };
    });
    stop = runSite(pypiSite, ask);
    const title = document.querySelector('h1 + provenance-lens-badge') as HTMLElement;
    await vi.waitFor(() => expect(title.getAttribute('data-provenance-status')).toBe('unavailable'));
    fail = false;
    const retry = title.shadowRoot?.querySelector<HTMLButtonElement>('.pl-retry');
    retry?.click();
    await vi.waitFor(() => expect(title.getAttribute('data-provenance-status')).toBe('verified'));
    expect(sent).toHaveLength(2);
  });

  // happy-dom's PageTransitionEvent leaves `persisted` unset; a browser's says where the page came from.
  const pageshow = (persisted: boolean) => Object.defineProperty(new Event('pageshow'), 'persisted', { value: persisted });

  // Back to a page kept in the back/forward cache: no script runs again and the URL is the same,
  // but the browser reset the toolbar button and the worker forgot the tab when it was left.
  it('asks again for a page restored from the back/forward cache, and not for a fresh pageshow', async () => {
    projectPage('new');
    const ask = createAsk(async (m) => {
      sent.push(m);
      return { ok: true, value: VERDICTS.verified };
    });
    stop = runSite(pypiSite, ask);
    const title = () => document.querySelector('h1 + provenance-lens-badge');
    await vi.waitFor(() => expect(title()?.getAttribute('data-provenance-status')).toBe('verified'));
    dispatchEvent(pageshow(false));
    expect(sent).toHaveLength(1);
    dispatchEvent(pageshow(true));
    expect(sent).toEqual([sent[0], { type: 'content/verdict', pkg: { registry: 'pypi', name: 'widgets', version: '1.2.0' }, files: ['widgets-1.2.0-py3-none-any.whl', 'widgets-1.2.0.tar.gz'] }]);
    await vi.waitFor(() => expect(title()?.getAttribute('data-provenance-status')).toBe('verified'));
    expect(document.querySelectorAll('h1 + provenance-lens-badge')).toHaveLength(1);
    stop();
    stop = () => undefined;
    dispatchEvent(pageshow(true));
    expect(sent).toHaveLength(2);
  });

  it('marks a continuity note on the title badge host only, keeping the status contract', async () => {
    projectPage('new');
    let verdict: PackageVerdict = VERDICTS.unavailable;
    stop = runSite(pypiSite, createAsk(async () => ({ ok: true, value: verdict })));
    const title = document.querySelector('h1 + provenance-lens-badge') as HTMLElement;
    await vi.waitFor(() => expect(title.getAttribute('data-provenance-status')).toBe('unavailable'));
    expect(title.hasAttribute('data-provenance-continuity')).toBe(false);
    verdict = changedVerdict('repository', 'acme/widget', 'mallory/widget');
    title.shadowRoot?.querySelector<HTMLButtonElement>('.pl-retry')?.click();
    await vi.waitFor(() => expect(title.getAttribute('data-provenance-continuity')).toBe('publisher-changed'));
    expect(title.getAttribute('data-provenance-status')).toBe('verified');
    const button = title.shadowRoot?.querySelector('.pl-badge');
    expect(button?.textContent).toBe('!Publisher changed: acme/widget → mallory/widget');
    const described = title.shadowRoot?.getElementById(button?.getAttribute('aria-describedby') ?? '');
    expect(described?.textContent).toMatch(/^Provenance verified for widgets 1\.2\.0, but the publisher changed since version 1\.1\.0/);
    // File badges speak for their own file only.
    const files = hosts().filter((h) => h !== title);
    expect(files.length).toBeGreaterThan(0);
    for (const host of files) expect(host.hasAttribute('data-provenance-continuity')).toBe(false);
  });

  it('opens the details panel from the badge, its script injected by the worker on the first click only, and closes it with Escape', async () => {
    projectPage('new');
    const asked: string[] = [];
    const ask = createAsk(async (m) => {
      asked.push(m.type);
      // What the worker does for content/panel: panel.js runs in this world and registers itself.
      if (m.type === 'content/panel') await import('./panel-script');
      return { ok: true, value: m.type === 'content/panel' ? true : VERDICTS.verified };
    });
    stop = runSite(pypiSite, ask);
    const title = document.querySelector('h1 + provenance-lens-badge') as HTMLElement;
    await vi.waitFor(() => expect(title.getAttribute('data-provenance-status')).toBe('verified'));
    const open = () => title.shadowRoot?.querySelector<HTMLButtonElement>('.pl-badge')?.click();
    const dialog = () => document.querySelector('provenance-lens-panel')?.shadowRoot?.querySelector('dialog');
    expect(asked).not.toContain('content/panel');
    open();
    await vi.waitFor(() => expect(dialog()?.textContent).toContain('octo/widgets'));
    // What the browser does with Escape on a modal dialog.
    dialog()?.dispatchEvent(new Event('cancel', { cancelable: true }));
    expect(document.querySelector('provenance-lens-panel')).toBeNull();
    open();
    expect(dialog()?.textContent).toContain('octo/widgets');
    expect(asked.filter((t) => t === 'content/panel')).toHaveLength(1);
  });

  it('badges search results lazily, by the link target and only with the setting on', async () => {
    history.replaceState(null, '', '/search/?q=widgets');
    const result = (name: string) => el('li', {}, el('a', { class: 'package-snippet', href: `/project/${name}/` }, el('h3', { class: 'package-snippet__title' }, el('span', { class: 'package-snippet__name' }, 'innocent-looking-text'), el('span', { class: 'package-snippet__created' }, 'date'))));
    document.body.replaceChildren(el('ul', {}, result('widgets'), result('gadgets'), el('li', {}, el('a', { class: 'package-snippet', href: 'https://elsewhere.example/project/evil/' }, 'x'))));
    const io = stubIntersectionObserver();
    stop = runSite(pypiSite, searchBadgesOn());
    await vi.waitFor(() => expect(io.observed).toHaveLength(2));
    expect(sent.map((m) => m.type)).toEqual(['content/settings']);
    io.trigger(io.observed[1] as Element);
    await vi.waitFor(() => expect(hosts().map(attrs)).toEqual([['none', 'pypi:gadgets@9']]));
    expect(sent[1]).toEqual({ type: 'content/search-verdicts', pkgs: [{ registry: 'pypi', name: 'gadgets' }] });
    // After the result's link, never inside it.
    expect(hosts()[0]?.previousElementSibling?.className).toBe('package-snippet');
    expect(hosts()[0]?.closest('a')).toBeNull();
    vi.unstubAllGlobals();
  });

  it('asks at once for a result already on screen, without waiting for the observer', async () => {
    history.replaceState(null, '', '/search/?q=widgets');
    const onScreen = el('a', { class: 'package-snippet', href: '/project/widgets/' }, 'widgets');
    const below = el('a', { class: 'package-snippet', href: '/project/gadgets/' }, 'gadgets');
    document.body.replaceChildren(onScreen, below);
    // jsdom lays nothing out: give the first result a box inside the viewport, the second one below it.
    onScreen.getBoundingClientRect = () => DOMRect.fromRect({ x: 10, y: 100, width: 300, height: 40 });
    below.getBoundingClientRect = () => DOMRect.fromRect({ x: 10, y: window.innerHeight + 50, width: 300, height: 40 });
    const io = stubIntersectionObserver();
    stop = runSite(pypiSite, searchBadgesOn());
    await vi.waitFor(() => expect(hosts().map(attrs)).toEqual([['none', 'pypi:widgets@9']]));
    expect(sent).toContainEqual({ type: 'content/search-verdicts', pkgs: [{ registry: 'pypi', name: 'widgets' }] });
    // The one below the fold still waits for the observer.
    expect(io.observed).toEqual([below]);
    vi.unstubAllGlobals();
  });

  it('draws no search badge when the setting is off, not even for results seen before the answer', async () => {
    const { io, answer } = await searchWithSettingPending();
    io.trigger(io.observed[0] as Element);
    answer(false);
    await new Promise((r) => setTimeout(r, 60));
    io.trigger(io.observed[0] as Element);
    await new Promise((r) => setTimeout(r, 60));
    expect(hosts()).toHaveLength(0);
    // It asked once, before the answer; the worker keeps the setting and refuses (router.test.ts).
    expect(sent.map((m) => m.type).sort()).toEqual(['content/search-verdicts', 'content/settings']);
    vi.unstubAllGlobals();
  });

  it('asks for visible results while the setting is asked for, and draws them once it is on', async () => {
    const { io, answer } = await searchWithSettingPending();
    io.trigger(io.observed[0] as Element);
    // The verdict is asked for at once, side by side with the setting, but not drawn before it.
    await vi.waitFor(() => expect(sent.map((m) => m.type)).toEqual(['content/settings', 'content/search-verdicts']));
    await new Promise((r) => setTimeout(r, 60));
    expect(hosts()).toHaveLength(0);
    answer(true);
    await vi.waitFor(() => expect(hosts().map(attrs)).toEqual([['none', 'pypi:widgets@9']]));
    expect(sent).toHaveLength(2);
    vi.unstubAllGlobals();
  });
});

/** A worker with search badges on whose verdicts all say `none`; records what it is sent. */
function searchBadgesOn() {
  return createAsk(async (m) => {
    sent.push(m);
    if (m.type === 'content/settings') return { ok: true, value: { searchBadges: true } };
    const pkgs = 'pkgs' in m ? m.pkgs : [];
    return { ok: true, value: pkgs.map((p) => ({ ok: true, value: { ...VERDICTS.none, pkg: { registry: 'pypi', name: p.name, version: '9' } } })) };
  });
}

/** A one-result PyPI search page whose setting answer waits for `answer`; verdicts say `none`. */
async function searchWithSettingPending(): Promise<{ io: ReturnType<typeof stubIntersectionObserver>; answer: (on: boolean) => void }> {
  history.replaceState(null, '', '/search/?q=widgets');
  document.body.replaceChildren(el('a', { class: 'package-snippet', href: '/project/widgets/' }, 'widgets'));
  const io = stubIntersectionObserver();
  let answer: (on: boolean) => void = () => undefined;
  const ask = createAsk((m) => {
    sent.push(m);
    if (m.type !== 'content/settings') return Promise.resolve({ ok: true, value: [{ ok: true, value: { ...VERDICTS.none, pkg: { registry: 'pypi', name: 'widgets', version: '9' } } }] });
    return new Promise((resolve) => {
      answer = (on) => resolve({ ok: true, value: { searchBadges: on } });
    });
  });
  stop = runSite(pypiSite, ask);
  await vi.waitFor(() => expect(io.observed).toHaveLength(1));
  return { io, answer: (on) => answer(on) };
}

function stubIntersectionObserver(): { observed: Element[]; trigger: (target: Element) => void } {
  const io = { observed: [] as Element[], trigger: (_target: Element): void => undefined };
  vi.stubGlobal('IntersectionObserver', class {
    constructor(cb: (entries: { target: Element; isIntersecting: boolean }[]) => void) {
      io.trigger = (target) => cb([{ target, isIntersecting: true }]);
    }
    observe(t: Element) { io.observed.push(t); }
    unobserve() {}
    disconnect() {}
  });
  return io;
}

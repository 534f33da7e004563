// @vitest-environment happy-dom
// Review attacks on the search page's early draw, content side (early-verdict.ts takeEarlySearch,
// search-badges.ts). Each case asserts what the design promises: a told verdict is drawn only on
// exactly the result it is about, only on the first page set up in the document, only as that
// result's first answer (never after its own ask was sent), and never against the user's setting.
import '../testing/idle-callback';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PackageRef, PackageVerdict } from '../core/verdict';
import type { Message } from '../shared/messages';
import { shareIdentities } from '../shared/identity-table';
import { createAsk } from '../ui/worker-client';
import { IDENTITY, VERDICTS } from '../ui/test-verdicts';
import { keepEarlyReply } from './early-start';
import { listenForEarlyVerdict, takeEarlySearch, takeEarlyVerdict } from './early-verdict';
import { pypiSite } from './pypi-site';
import { runSite } from './site-runner';
import { TOLD_WAIT_MS } from './search-badges';
import { el } from '../testing/dom-el';

const asked = (name: string, version?: string): PackageRef => ({ registry: 'pypi', name, ...(version === undefined ? {} : { version }) });
const verdictOf = (name: string, v: PackageVerdict, version = '1.2.0', registry: 'pypi' | 'npm' = 'pypi'): PackageVerdict => ({ ...v, pkg: { registry, name, version } });

function results(hrefs: string[]): void {
  document.body.replaceChildren(...hrefs.map((href) => el('a', { class: 'package-snippet', href }, el('span', { class: 'package-snippet__name' }, href))));
}

const sent: Message[] = [];
let stop: () => void = () => undefined;
const statuses = () => Array.from(document.querySelectorAll('provenance-lens-badge')).map((h) => h.getAttribute('data-provenance-status'));
const drawn = () => statuses().filter((s) => s !== 'loading' && s !== null);
const tick = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((res) => (resolve = res));
  return { promise, resolve };
}

/** The page's own asks: settings when `settings` is resolved; search verdicts never, unless `answer` is given. */
function worker(settings: Promise<unknown>, answer?: (m: Extract<Message, { type: 'content/search-verdicts' }>) => unknown) {
  return createAsk((m) => {
    sent.push(m);
    if (m.type === 'content/settings') return settings;
    if (m.type === 'content/search-verdicts' && answer !== undefined) return Promise.resolve(answer(m));
    return new Promise(() => undefined);
  });
}
const ON = Promise.resolve({ ok: true, value: { searchBadges: true } });

/** The first script's reply, coming when `deliver` is called. */
function earlyReply() {
  const d = deferred<unknown>();
  keepEarlyReply(d.promise);
  listenForEarlyVerdict();
  return (value: unknown) => d.resolve({ ok: true, value });
}

function restoreFromBfcache(): void {
  const event = new Event('pageshow');
  Object.defineProperty(event, 'persisted', { value: true });
  window.dispatchEvent(event);
}

beforeEach(() => {
  sent.length = 0;
  takeEarlyVerdict(asked('x')); // leftover of an earlier case, if any
  history.replaceState(null, '', '/search/?q=widgets');
  vi.spyOn(Element.prototype, 'getBoundingClientRect').mockReturnValue(new DOMRect(0, 0, 100, 20));
});
afterEach(() => {
  stop();
  stop = () => undefined;
  vi.restoreAllMocks();
  document.body.replaceChildren();
});

describe('review: a told verdict is drawn only on exactly the package it is about', () => {
  it('an entry whose verdict is of another project than the one asked is not drawn on the result', async () => {
    const deliver = earlyReply();
    results(['/project/widgets/']);
    stop = runSite(pypiSite, worker(ON));
    deliver([{ asked: asked('widgets'), verdict: verdictOf('evil-widgets', VERDICTS.verified) }]);
    await tick(60);
    expect(drawn()).toEqual([]);
  });

  it('an entry whose verdict is of another release than the versioned result is not drawn on it', async () => {
    const deliver = earlyReply();
    results(['/project/widgets/1.0/']);
    stop = runSite(pypiSite, worker(ON));
    deliver([{ asked: asked('widgets', '1.0'), verdict: verdictOf('widgets', VERDICTS.verified, '2.0') }]);
    await tick(60);
    expect(drawn()).toEqual([]);
  });

  it('an entry whose verdict is of another registry is not drawn on a PyPI result', async () => {
    const deliver = earlyReply();
    results(['/project/widgets/']);
    stop = runSite(pypiSite, worker(ON));
    deliver([{ asked: asked('widgets'), verdict: verdictOf('widgets', VERDICTS.verified, '1.2.0', 'npm') }]);
    await tick(60);
    expect(drawn()).toEqual([]);
  });

  it('a result spelled another way at the revisit (Foo_Bar vs foo-bar): no crash, and no verdict of another result', async () => {
    const deliver = earlyReply();
    results(['/project/Foo_Bar/', '/project/other/']);
    stop = runSite(pypiSite, worker(ON));
    deliver([{ asked: asked('foo-bar'), verdict: verdictOf('foo-bar', VERDICTS.verified) }]);
    await tick(60);
    // Drawn on Foo_Bar (the same project) or not at all; never on "other".
    const badges = Array.from(document.querySelectorAll('provenance-lens-badge'));
    expect(badges.length).toBeLessThanOrEqual(2);
    expect(statuses()[1] ?? 'loading').not.toBe('verified');
  });

  it('a result rendered only after the start is not drawn from the told verdicts (it waits for its own answer)', async () => {
    const deliver = earlyReply();
    results(['/project/widgets/']);
    stop = runSite(pypiSite, worker(ON));
    document.body.append(el('a', { class: 'package-snippet', href: '/project/gadgets/' }, 'gadgets'));
    await tick(60);
    deliver([
      { asked: asked('widgets'), verdict: verdictOf('widgets', VERDICTS.verified) },
      { asked: asked('gadgets'), verdict: verdictOf('gadgets', VERDICTS.verified) },
    ]);
    await tick(60);
    expect(drawn()).toEqual(['verified']);
  });
});

describe('review: a told verdict is never drawn against the setting', () => {
  it('told before the settings answer, which then says off: no badge is left', async () => {
    const deliver = earlyReply();
    results(['/project/widgets/']);
    const settings = deferred<unknown>();
    stop = runSite(pypiSite, worker(settings.promise));
    deliver([{ asked: asked('widgets'), verdict: verdictOf('widgets', VERDICTS.verified) }]);
    await tick();
    settings.resolve({ ok: true, value: { searchBadges: false } });
    await tick(60);
    expect(statuses()).toEqual([]);
  });

  it('told before a settings ask that fails (worker unreachable): no badge is left', async () => {
    const deliver = earlyReply();
    results(['/project/widgets/']);
    const settings = deferred<unknown>();
    stop = runSite(pypiSite, worker(settings.promise));
    deliver([{ asked: asked('widgets'), verdict: verdictOf('widgets', VERDICTS.verified) }]);
    await tick();
    settings.resolve(undefined);
    await tick(60);
    expect(statuses()).toEqual([]);
  });
});

describe('review: a told verdict is given only to the first page set up, and only before its answer', () => {
  it('told after a back/forward restore: the restored page does not draw it', async () => {
    const deliver = earlyReply();
    results(['/project/widgets/']);
    stop = runSite(pypiSite, worker(ON));
    await tick(60);
    restoreFromBfcache();
    await tick();
    deliver([{ asked: asked('widgets'), verdict: verdictOf('widgets', VERDICTS.verified) }]);
    await tick(60);
    expect(drawn()).toEqual([]);
  });

  it('told after the worker asked the page to ask again (a pin change): it is not drawn', async () => {
    const deliver = earlyReply();
    results(['/project/widgets/']);
    let again: () => void = () => undefined;
    stop = runSite(pypiSite, worker(ON), (listener) => {
      again = listener;
      return () => undefined;
    });
    await tick(TOLD_WAIT_MS + 20); // the first look's asks no longer wait for the told reply
    again();
    await tick();
    deliver([{ asked: asked('widgets'), verdict: verdictOf('widgets', VERDICTS.verified) }]);
    await tick(60);
    expect(drawn()).toEqual([]);
    expect(sent.filter((m) => m.type === 'content/search-verdicts')).toHaveLength(2);
  });

  it('told after an in-site move to another search: the new results do not draw it', async () => {
    const deliver = earlyReply();
    results(['/project/widgets/']);
    stop = runSite(pypiSite, worker(ON));
    await tick();
    history.pushState(null, '', '/search/?q=gadgets');
    window.dispatchEvent(new PopStateEvent('popstate'));
    await tick();
    deliver([{ asked: asked('widgets'), verdict: verdictOf('widgets', VERDICTS.verified) }]);
    await tick(60);
    expect(drawn()).toEqual([]);
  });

  it('a first page that is neither a package nor a search still uses the told reply up: a search reached in-site later does not draw it', async () => {
    const deliver = earlyReply();
    // The document was loaded as /search/?q=widgets (its first script asked), but shows another
    // page when the main script sets up (the site rewrote its URL), and moves to the search in-site.
    history.replaceState(null, '', '/help/');
    results(['/project/widgets/']);
    stop = runSite(pypiSite, worker(ON));
    await tick();
    history.pushState(null, '', '/search/?q=widgets');
    window.dispatchEvent(new PopStateEvent('popstate'));
    await tick();
    deliver([{ asked: asked('widgets'), verdict: verdictOf('widgets', VERDICTS.verified) }]);
    await tick(60);
    expect(sent.filter((m) => m.type === 'content/search-verdicts')).toHaveLength(1);
    expect(drawn()).toEqual([]);
  });

  it('told after the page stopped: nothing is drawn and nothing throws', async () => {
    const deliver = earlyReply();
    results(['/project/widgets/']);
    const halt = runSite(pypiSite, worker(ON));
    halt();
    deliver([{ asked: asked('widgets'), verdict: verdictOf('widgets', VERDICTS.verified) }]);
    await tick(60);
    expect(statuses()).toEqual([]);
  });

  it('told after the own ask failed (worker error): the failure stands, the told verdict is not drawn', async () => {
    const deliver = earlyReply();
    results(['/project/widgets/']);
    stop = runSite(pypiSite, worker(ON, () => ({ ok: false, code: 'MSG_INTERNAL', message: 'x' })));
    await tick(TOLD_WAIT_MS + 60); // the first look's asks no longer wait for the told reply
    deliver([{ asked: asked('widgets'), verdict: verdictOf('widgets', VERDICTS.verified) }]);
    await tick(60);
    // The failure is drawn as such ("unavailable": couldn't check), never the told "verified".
    expect(drawn()).toEqual(['unavailable']);
  });

  it('a package page\'s early reply is never taken for a search page\'s (the document moved to a search)', async () => {
    const deliver = earlyReply();
    results(['/project/widgets/']);
    stop = runSite(pypiSite, worker(ON));
    deliver(verdictOf('widgets', VERDICTS.verified));
    await tick(60);
    expect(drawn()).toEqual([]);
  });
});

describe('review: the told reply as the worker sends it', () => {
  it('a reply with its identities in a table (router forPage) decodes with each identity restored', async () => {
    const entries = [
      { asked: asked('widgets'), verdict: verdictOf('widgets', VERDICTS.verified) },
      { asked: asked('gadgets'), verdict: verdictOf('gadgets', VERDICTS.verified) },
    ];
    const { value, identities } = shareIdentities(entries);
    keepEarlyReply(Promise.resolve({ ok: true, value, identities }));
    listenForEarlyVerdict();
    const told = await takeEarlySearch();
    expect(told.size).toBe(2);
    expect(told.get('pypi:widgets@')?.verdict.status).toBe('verified');
    expect((told.get('pypi:widgets@')?.verdict as { identity?: unknown }).identity).toEqual(IDENTITY);
    expect((told.get('pypi:gadgets@')?.verdict.files[0]?.verdict as { identity?: unknown }).identity).toEqual(IDENTITY);
  });

  it('very many entries and results: drawn on the results at the start, no crash', async () => {
    const names = Array.from({ length: 300 }, (_, i) => `pkg${i}`);
    const deliver = earlyReply();
    results(names.map((n) => `/project/${n}/`));
    stop = runSite(pypiSite, worker(ON));
    deliver(names.map((n) => ({ asked: asked(n), verdict: verdictOf(n, VERDICTS.verified) })));
    await tick(60);
    expect(drawn().length).toBe(300);
    expect(new Set(drawn())).toEqual(new Set(['verified']));
  });
});

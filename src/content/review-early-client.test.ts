// @vitest-environment happy-dom
// Independent review of the early verdict (content side): content/prepare's reply left by the
// first script on the isolated-world global and drawn by the main PyPI script at DOMContentLoaded.
// A failing case here is a defect; each says what the badge would show and what it should.
import '../testing/idle-callback';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PackageVerdict } from '../core/verdict';
import type { Message } from '../shared/messages';
import { createAsk } from '../ui/worker-client';
import { FILENAMES, VERDICTS } from '../ui/test-verdicts';
import { keepEarlyReply } from './early-start';
import { listenForEarlyVerdict, takeEarlyVerdict } from './early-verdict';
import { pypiSite } from './pypi-site';
import { runSite } from './site-runner';
import { el } from '../testing/dom-el';

const fileCard = (filename: string) =>
  el('div', { class: 'file' }, el('div', { class: 'card file__card' }, el('a', { href: `https://files.pythonhosted.org/packages/ab/cd/${filename}` }, filename)));

function page(files: string[], header = 'widgets 1.2.0'): void {
  document.body.replaceChildren(el('h1', { class: 'project-header__name' }, header), el('div', { id: 'files' }, ...files.map(fileCard)));
}

const sent: Message[] = [];
let stop: () => void = () => undefined;
const hosts = () => Array.from(document.querySelectorAll<HTMLElement>('provenance-lens-badge'));
const statuses = () => hosts().map((h) => h.getAttribute('data-provenance-status'));
const drawn = () => statuses().filter((s) => s !== 'loading' && s !== null);
const tick = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));

/** A worker whose page asks are answered by `answers` in turn; past them, never. */
function worker(...answers: unknown[]) {
  return createAsk((m) => {
    sent.push(m);
    const next = answers.shift();
    return next === undefined ? new Promise(() => undefined) : Promise.resolve(next);
  });
}

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

function restoreFromBfcache(): void {
  const event = new Event('pageshow');
  Object.defineProperty(event, 'persisted', { value: true });
  window.dispatchEvent(event);
}

beforeEach(() => {
  sent.length = 0;
  takeEarlyVerdict({ registry: 'pypi', name: 'x' }); // leftover of an earlier case, if any
  history.replaceState(null, '', '/project/widgets/1.2.0/');
});
afterEach(() => {
  stop();
  stop = () => undefined;
  document.body.replaceChildren();
});

describe('review: an early reply that arrives after the page mounted is never drawn later in the same document', () => {
  it('bfcache restore: an early "verified" that came after the first mount is not drawn over the worker\'s own "invalid"', async () => {
    const reply = deferred<unknown>();
    keepEarlyReply(reply.promise);
    listenForEarlyVerdict();
    page([FILENAMES.wheel, FILENAMES.sdist]);
    // The registry is slow on a first visit: DOMContentLoaded comes first; the worker's own answer says invalid.
    stop = runSite(pypiSite, worker({ ok: true, value: VERDICTS.invalid }));
    await tick(60);
    expect(drawn()).toContain('invalid');
    // The early reply (the same prepared answer, before e.g. a pin or retry) lands afterwards.
    reply.resolve({ ok: true, value: VERDICTS.verified });
    await tick();
    expect(drawn()).not.toContain('verified');
    // Back/forward: the worker forgot the tab and is asked again (it never answers here).
    restoreFromBfcache();
    await tick(60);
    expect(drawn(), 'a restored page must not draw the stale early verdict').not.toContain('verified');
  });

  it('a route change in the same document (another spelling of the project) does not take a late early reply', async () => {
    const reply = deferred<unknown>();
    keepEarlyReply(reply.promise);
    listenForEarlyVerdict();
    page([FILENAMES.wheel, FILENAMES.sdist]);
    stop = runSite(pypiSite, worker({ ok: true, value: VERDICTS.invalid }));
    await tick(60);
    reply.resolve({ ok: true, value: VERDICTS.verified });
    await tick();
    history.pushState(null, '', '/project/Widgets/1.2.0/');
    window.dispatchEvent(new PopStateEvent('popstate'));
    await tick(60);
    expect(sent.filter((m) => m.type === 'content/verdict')).toHaveLength(2);
    expect(drawn(), 'the re-routed page must wait for its own ask').not.toContain('verified');
  });
});

describe('review: a malformed early reply never costs the page its own ask', () => {
  for (const [label, value] of [
    ['an empty object', {}],
    ['a verdict without files', { pkg: { registry: 'pypi', name: 'widgets', version: '1.2.0' }, status: 'verified' }],
    ['a verdict with pkg null', { pkg: null, status: 'verified', files: [] }],
  ] as const) {
    it(`${label}: the page still mounts and asks`, async () => {
      keepEarlyReply(Promise.resolve({ ok: true, value }));
      listenForEarlyVerdict();
      await tick();
      page([FILENAMES.wheel, FILENAMES.sdist]);
      let thrown: unknown = null;
      try {
        stop = runSite(pypiSite, worker({ ok: true, value: VERDICTS.partial }));
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeNull();
      expect(sent.map((m) => m.type)).toEqual(['content/verdict']);
      await tick(60);
      expect(drawn()).toContain('partial');
    });
  }
});

describe('review: the early verdict as held (each passes)', () => {
  async function early(reply: unknown): Promise<void> {
    keepEarlyReply(reply instanceof Promise ? reply : Promise.resolve(reply));
    listenForEarlyVerdict();
    await tick();
  }

  it('a worker error reply draws nothing; the page asks', async () => {
    await early({ ok: false, code: 'MSG_INTERNAL', message: 'x' });
    page([FILENAMES.wheel, FILENAMES.sdist]);
    stop = runSite(pypiSite, worker());
    expect(drawn()).toEqual([]);
    expect(sent.map((m) => m.type)).toEqual(['content/verdict']);
  });

  it('a rejected sendMessage draws nothing', async () => {
    await early(Promise.reject(new Error('no receiver')));
    page([FILENAMES.wheel, FILENAMES.sdist]);
    stop = runSite(pypiSite, worker());
    expect(drawn()).toEqual([]);
  });

  it('an early reply arriving after the page\'s own answer does not replace it', async () => {
    const reply = deferred<unknown>();
    await early(reply.promise);
    page([FILENAMES.wheel, FILENAMES.sdist]);
    stop = runSite(pypiSite, worker({ ok: true, value: VERDICTS.partial }));
    await tick(60);
    const before = statuses();
    expect(before[0]).toBe('partial');
    reply.resolve({ ok: true, value: VERDICTS.verified });
    await tick(60);
    expect(statuses()).toEqual(before);
  });

  it('a URL moved to another release before DOMContentLoaded is not drawn with the prepared one', async () => {
    await early({ ok: true, value: VERDICTS.verified });
    history.replaceState(null, '', '/project/widgets/1.1.0/');
    page([FILENAMES.wheel, FILENAMES.sdist], 'widgets 1.2.0');
    stop = runSite(pypiSite, worker());
    expect(drawn()).toEqual([]);
  });

  it('a URL moved to another project (same version) is not drawn', async () => {
    await early({ ok: true, value: VERDICTS.verified });
    history.replaceState(null, '', '/project/gadgets/1.2.0/');
    page([FILENAMES.wheel, FILENAMES.sdist], 'gadgets 1.2.0');
    stop = runSite(pypiSite, worker());
    expect(drawn()).toEqual([]);
  });

  it('Foo_Bar / foo-bar: another spelling of the same project is drawn; a similar name is not', async () => {
    const v = (name: string): PackageVerdict => ({
      ...VERDICTS.verified,
      pkg: { registry: 'pypi', name, version: '1.0' },
      files: [{ filename: 'foo_bar-1.0.tar.gz', sha256: 'bb', verdict: VERDICTS.verified.files[1]!.verdict }],
    });
    await early({ ok: true, value: v('Foo_Bar') });
    history.replaceState(null, '', '/project/foo-bar/1.0/');
    page(['foo_bar-1.0.tar.gz'], 'Foo_Bar 1.0');
    stop = runSite(pypiSite, worker());
    expect(drawn().length).toBeGreaterThan(0);
    expect(new Set(drawn())).toEqual(new Set(['verified']));
    stop();
    sent.length = 0;
    await early({ ok: true, value: v('foo-baz') });
    page(['foo_bar-1.0.tar.gz'], 'Foo_Bar 1.0');
    stop = runSite(pypiSite, worker());
    expect(drawn()).toEqual([]);
  });

  it('a "latest" page whose header names another project is not drawn', async () => {
    history.replaceState(null, '', '/project/widgets/');
    await early({ ok: true, value: VERDICTS.verified });
    page([FILENAMES.wheel, FILENAMES.sdist], 'gadgets 1.2.0');
    stop = runSite(pypiSite, worker());
    expect(drawn()).toEqual([]);
  });

  it("PyPI's Security-tab notice keeps it from being drawn", async () => {
    await early({ ok: true, value: VERDICTS.verified });
    page([FILENAMES.wheel, FILENAMES.sdist]);
    document.body.append(
      el('div', { id: 'security' }, el('div', { class: 'provenance-status' }, el('div', { class: 'callout-block__heading' }, 'Loss of provenance'))),
    );
    stop = runSite(pypiSite, worker());
    expect(drawn()).toEqual([]);
  });

  it("a README's own #files list cannot add or hide files for the check", async () => {
    await early({ ok: true, value: VERDICTS.verified });
    document.body.replaceChildren(
      el('h1', { class: 'project-header__name' }, 'widgets 1.2.0'),
      el('div', { class: 'project-description' }, el('div', { id: 'files' }, fileCard(FILENAMES.sdist))),
      el('div', { id: 'files' }, ...[FILENAMES.wheel, FILENAMES.sdist, 'widgets-1.2.0-cp313-cp313-win_amd64.whl'].map(fileCard)),
    );
    stop = runSite(pypiSite, worker());
    expect(drawn()).toEqual([]);
  });
});

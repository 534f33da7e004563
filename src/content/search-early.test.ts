// @vitest-environment happy-dom
// A PyPI search page's early verdicts (the worker's reply to content/prepare: kept verdicts of the
// results its URL showed before) are the first answer of the results on screen at the start,
// which then do not ask; every other result asks, a retry asks, a told reply that comes too late
// is not used, only the first page set up in the document takes them, and never against the
// user's setting.
import '../testing/idle-callback';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PackageVerdict } from '../core/verdict';
import type { Message } from '../shared/messages';
import { createAsk } from '../ui/worker-client';
import { VERDICTS } from '../ui/test-verdicts';
import { keepEarlyReply } from './early-start';
import { listenForEarlyVerdict, takeEarlySearch } from './early-verdict';
import { pypiSite } from './pypi-site';
import { runSite } from './site-runner';
import { createVerdictSource } from './verdict-source';
import { TOLD_WAIT_MS, toldFirst } from './search-badges';
import { el } from '../testing/dom-el';

const asked = (name: string) => ({ registry: 'pypi' as const, name });
const verdictOf = (name: string, v: PackageVerdict): PackageVerdict => ({ ...v, pkg: { registry: 'pypi', name, version: '1.2.0' } });
const told = (names: string[], v: PackageVerdict) => names.map((name) => ({ asked: asked(name), verdict: verdictOf(name, v) }));

function results(names: string[]): void {
  document.body.replaceChildren(...names.map((n) => el('a', { class: 'package-snippet', href: `/project/${n}/` }, el('span', { class: 'package-snippet__name' }, n))));
}

const sent: Message[] = [];
let stop: () => void = () => undefined;
const statuses = () => Array.from(document.querySelectorAll('provenance-lens-badge')).map((h) => h.getAttribute('data-provenance-status'));
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

/** The page's own asks: settings answered as given; search verdicts when `answer` is called. */
function worker(searchBadges = true) {
  let answer: (v: PackageVerdict) => void = () => undefined;
  const ask = createAsk((m) => {
    sent.push(m);
    if (m.type === 'content/settings') return Promise.resolve({ ok: true, value: { searchBadges } });
    if (m.type === 'content/search-verdicts') {
      return new Promise((resolve) => (answer = (v) => resolve({ ok: true, value: m.pkgs.map((p) => ({ ok: true, value: verdictOf(p.name, v) })) })));
    }
    return new Promise(() => undefined);
  });
  return { ask, answer: (v: PackageVerdict) => answer(v) };
}

/** The first script's reply, coming when `deliver` is called. */
function earlyReply() {
  let deliver: (value: unknown) => void = () => undefined;
  keepEarlyReply(new Promise((resolve) => (deliver = resolve)));
  listenForEarlyVerdict();
  return (value: unknown) => deliver({ ok: true, value });
}

beforeEach(() => {
  sent.length = 0;
  history.replaceState(null, '', '/search/?q=widgets');
  // Every result is on screen at the start (happy-dom lays nothing out).
  vi.spyOn(Element.prototype, 'getBoundingClientRect').mockReturnValue(new DOMRect(0, 0, 100, 20));
});
afterEach(() => {
  stop();
  vi.restoreAllMocks();
  document.body.replaceChildren();
});

describe('early verdicts on a PyPI search page', () => {
  it('are drawn when they come, as the results\' answer: those results do not ask', async () => {
    const deliver = earlyReply();
    results(['widgets', 'gadgets']);
    stop = runSite(pypiSite, worker().ask);
    deliver(told(['widgets', 'gadgets'], VERDICTS.verified));
    await tick();
    expect(statuses()).toEqual(['verified', 'verified']);
    expect(sent.map((m) => m.type)).not.toContain('content/search-verdicts');
  });

  it(`a told reply later than ${TOLD_WAIT_MS} ms is not used: the results ask, and their answer is drawn`, async () => {
    const deliver = earlyReply();
    results(['widgets']);
    const w = worker();
    stop = runSite(pypiSite, w.ask);
    await new Promise((resolve) => setTimeout(resolve, TOLD_WAIT_MS + 50));
    expect(sent.filter((m) => m.type === 'content/search-verdicts')).toEqual([{ type: 'content/search-verdicts', pkgs: [asked('widgets')] }]);
    deliver(told(['widgets'], VERDICTS.verified));
    await tick();
    expect(statuses().filter((s) => s !== 'loading' && s !== null)).toEqual([]);
    w.answer(VERDICTS.invalid);
    await tick();
    expect(statuses()).toEqual(['invalid']);
  });

  it('draw only the results they were told for; another result asks for its own answer', async () => {
    const deliver = earlyReply();
    results(['widgets', 'other']);
    stop = runSite(pypiSite, worker().ask);
    deliver(told(['widgets'], VERDICTS.verified));
    await tick();
    expect(statuses().filter((s) => s !== 'loading' && s !== null)).toEqual(['verified']);
    expect(sent.filter((m) => m.type === 'content/search-verdicts')).toEqual([{ type: 'content/search-verdicts', pkgs: [asked('other')] }]);
  });

  it('are not drawn when the setting says no: the badges go', async () => {
    const deliver = earlyReply();
    results(['widgets']);
    stop = runSite(pypiSite, worker(false).ask);
    deliver(told(['widgets'], VERDICTS.verified));
    await tick();
    expect(statuses()).toEqual([]);
  });

  it('are used whole or not at all: one malformed entry and none is drawn', async () => {
    const deliver = earlyReply();
    results(['widgets', 'gadgets']);
    stop = runSite(pypiSite, worker().ask);
    deliver([...told(['widgets'], VERDICTS.verified), { asked: asked('gadgets'), verdict: { status: 'verified' } }]);
    await tick();
    expect(statuses().filter((s) => s !== 'loading' && s !== null)).toEqual([]);
  });

  it('are given to the first page set up in the document only', async () => {
    const deliver = earlyReply();
    const first = takeEarlySearch();
    deliver(told(['widgets'], VERDICTS.verified));
    expect((await first).size).toBe(1);
    expect((await takeEarlySearch()).size).toBe(0);
  });

  it('are a first answer only: a retry asks the worker, and what was told is not shown again', async () => {
    const asks: string[] = [];
    const entry = { asked: asked('widgets'), verdict: verdictOf('widgets', VERDICTS.unavailable) };
    const load = toldFirst(Promise.resolve(new Map([['pypi:widgets@', entry]])), 'pypi:widgets@', async (p) => {
      asks.push(p.name);
      return { ok: true, value: verdictOf(p.name, VERDICTS.verified) };
    });
    const source = createVerdictSource(asked('widgets'), load);
    await tick();
    expect(source.current()).toMatchObject({ kind: 'verdict', verdict: { status: 'unavailable' } });
    expect(asks).toEqual([]);
    source.retry();
    await tick();
    expect(asks).toEqual(['widgets']);
    expect(source.current()).toMatchObject({ kind: 'verdict', verdict: { status: 'verified' } });
    source.dispose();
  });
});

// @vitest-environment happy-dom
// The release-history engine against a stand-in history tab (a panel of links), with a stubbed
// IntersectionObserver standing for the browser's layout: what is "on screen" is said by the test.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PackageRef } from '../core/verdict';
import type { Message } from '../shared/messages';
import { VERDICTS } from '../ui/test-verdicts';
import { createAsk } from '../ui/worker-client';
import { RELEASES_IN_FLIGHT } from './history-badge';
import { type HistoryTab, startHistoryBadges } from './history-badges';
import { after } from './mount';

const PKG: PackageRef = { registry: 'npm', name: 'demo' };
const sent: Message[] = [];
let answers: (() => void)[] = [];
let hold = false;
let running: { stop(): void; retry(): void } | null = null;

/** A worker that says `none` for 1.x and `verified` otherwise; with `hold`, it answers when told. */
const ask = createAsk(async (m) => {
  sent.push(m);
  if (hold) await new Promise<void>((r) => answers.push(r));
  const pkgs = 'pkgs' in m ? m.pkgs : [];
  return { ok: true, value: pkgs.map((p) => ({ ok: true, value: { ...(p.version?.startsWith('1.') ? VERDICTS.none : VERDICTS.verified), pkg: { ...p, version: p.version ?? '' } } })) };
});

const observers: { cb: IntersectionObserverCallback; targets: Set<Element> }[] = [];
/** Reports `shown` as intersecting to every observer watching them. */
function onScreen(...shown: Element[]): void {
  for (const o of observers) {
    const entries = shown.filter((t) => o.targets.has(t)).map((target) => ({ target, isIntersecting: true }) as IntersectionObserverEntry);
    if (entries.length > 0) o.cb(entries, {} as IntersectionObserver);
  }
}

const tab: HistoryTab = {
  panel: () => document.getElementById('versions'),
  rows: (panel) => [...panel.querySelectorAll('a')].map((link) => ({ link, version: link.textContent ?? '', locate: after(() => (link.isConnected ? link : null)) })),
};

function render(...versions: string[]): HTMLElement {
  const panel = document.createElement('div');
  panel.id = 'versions';
  for (const v of versions) {
    const row = document.createElement('p');
    row.append(Object.assign(document.createElement('a'), { href: `/v/${v}`, textContent: v }));
    panel.append(row);
  }
  document.body.replaceChildren(panel);
  return panel;
}

const links = () => [...document.querySelectorAll('#versions a')];
const badges = () => [...document.querySelectorAll('provenance-lens-badge')].map((b) => `${b.getAttribute('data-provenance-release')} ${b.getAttribute('data-provenance-status')}`);
const asked = () => sent.flatMap((m) => ('pkgs' in m ? m.pkgs.map((p) => p.version) : []));

beforeEach(() => {
  sent.length = 0;
  answers = [];
  hold = false;
  observers.length = 0;
  vi.stubGlobal('IntersectionObserver', class {
    private readonly o: (typeof observers)[number];
    constructor(cb: IntersectionObserverCallback) {
      this.o = { cb, targets: new Set() };
      observers.push(this.o);
    }
    observe(t: Element) { this.o.targets.add(t); }
    unobserve(t: Element) { this.o.targets.delete(t); }
    disconnect() { this.o.targets.clear(); }
  });
});
afterEach(() => {
  running?.stop();
  vi.unstubAllGlobals();
  document.body.replaceChildren();
});

describe('release history badges', () => {
  it('does nothing until the panel is on screen, then asks only for the rows in view, top first', async () => {
    const panel = render('3.0.0', '2.0.0', '1.0.0');
    running = startHistoryBadges(PKG, tab, ask);
    onScreen(...links());
    await new Promise((r) => setTimeout(r, 20));
    expect(sent).toEqual([]);
    expect(badges()).toEqual([]);
    onScreen(panel);
    // Reported bottom first: still asked for in page order.
    onScreen(links()[2] as Element, links()[0] as Element);
    await vi.waitFor(() => expect(badges()).toEqual(['3.0.0 verified', '1.0.0 none']));
    expect(sent).toEqual([{ type: 'content/search-verdicts', pkgs: [{ ...PKG, version: '3.0.0' }, { ...PKG, version: '1.0.0' }] }]);
    // Each badge right after its row's link, never in it.
    for (const host of document.querySelectorAll('provenance-lens-badge')) {
      expect(host.previousElementSibling?.localName).toBe('a');
      expect(host.closest('a')).toBeNull();
      expect(host.hasAttribute('data-provenance-package')).toBe(false);
    }
  });

  it('asks once for a release listed twice, and both rows show its verdict', async () => {
    const panel = render('2.0.0', '2.0.0', '1.5.0');
    running = startHistoryBadges(PKG, tab, ask);
    onScreen(panel);
    onScreen(...links());
    await vi.waitFor(() => expect(badges()).toEqual(['2.0.0 verified', '2.0.0 verified', '1.5.0 none']));
    expect(asked()).toEqual(['2.0.0', '1.5.0']);
    // Coming into view again asks for nothing more.
    onScreen(...links());
    await new Promise((r) => setTimeout(r, 20));
    expect(asked()).toEqual(['2.0.0', '1.5.0']);
  });

  it('keeps a few releases in flight at a time, and drops the rest when the page goes away', async () => {
    hold = true;
    const many = Array.from({ length: 10 }, (_, i) => `2.${i}.0`);
    const panel = render(...many);
    running = startHistoryBadges(PKG, tab, ask);
    onScreen(panel);
    onScreen(...links());
    await vi.waitFor(() => expect(asked()).toEqual(many.slice(0, RELEASES_IN_FLIGHT)));
    answers.shift()?.();
    await vi.waitFor(() => expect(asked()).toHaveLength(RELEASES_IN_FLIGHT * 2));
    expect(asked()).toEqual(many.slice(0, RELEASES_IN_FLIGHT * 2));
    running.stop();
    running = null;
    for (const answer of answers.splice(0)) answer();
    await new Promise((r) => setTimeout(r, 20));
    expect(asked()).toHaveLength(RELEASES_IN_FLIGHT * 2);
    expect(badges()).toEqual([]);
  });

  it('follows rows the site renders later, and badges the new nodes of a re-rendered row', async () => {
    const panel = render('2.0.0');
    running = startHistoryBadges(PKG, tab, ask);
    onScreen(panel);
    onScreen(...links());
    await vi.waitFor(() => expect(badges()).toEqual(['2.0.0 verified']));
    // The site renders the table anew: new nodes for the same row, plus one more row.
    const fresh = render('2.0.0', '1.0.0');
    await vi.waitFor(() => expect(badges()).toEqual(['2.0.0 verified']));
    await new Promise((r) => setTimeout(r, 200));
    onScreen(fresh, ...links());
    await vi.waitFor(() => expect(badges()).toEqual(['2.0.0 verified', '1.0.0 none']));
    expect(document.querySelector('provenance-lens-badge')?.previousElementSibling).toBe(links()[0]);
    expect(asked()).toEqual(['2.0.0', '1.0.0']);
  });

  it('asks again for every release shown on retry (a pin change or the popup asked the page)', async () => {
    const panel = render('2.0.0', '1.0.0');
    running = startHistoryBadges(PKG, tab, ask);
    onScreen(panel);
    onScreen(...links());
    await vi.waitFor(() => expect(badges()).toHaveLength(2));
    running.retry();
    await vi.waitFor(() => expect(asked()).toEqual(['2.0.0', '1.0.0', '2.0.0', '1.0.0']));
  });
});

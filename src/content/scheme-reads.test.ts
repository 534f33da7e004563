// @vitest-environment happy-dom
// Reading what badges sit on costs the page as little as it can: a pass over many badges reads a
// shared ancestor's colours once, and reads every colour before it marks any badge (a mark
// changes the page's styles, and a read after it would make the browser recompute them, once per
// badge on a 20-result search page). The answers stay those of a walk of one's own.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { el } from '../testing/dom-el';
import { mountBadge } from './mount';
import { darkUnder } from './page-scheme';

afterEach(() => {
  vi.restoreAllMocks();
  document.body.replaceChildren();
});

/** A list painted `background` holding `n` results, each a row without a background of its own. */
function list(background: string, n: number): HTMLElement[] {
  const rows = Array.from({ length: n }, (_, i) => el('h3', {}, `result ${i}`));
  const ul = el('ul', {}, ...rows.map((row) => el('li', {}, row)));
  ul.style.backgroundColor = background;
  document.body.append(el('main', {}, ul));
  return rows;
}

describe('darkUnder over one pass', () => {
  it('answers as a walk of its own does, dark list or light, and reads the shared list once', () => {
    const dark = list('rgb(32, 33, 36)', 5);
    const light = list('rgb(255, 255, 255)', 5);
    const alone = [...dark, ...light].map((row) => darkUnder(row));
    const reads = vi.spyOn(window, 'getComputedStyle');
    const known = new Map<Element, boolean>();
    expect([...dark, ...light].map((row) => darkUnder(row, known))).toEqual(alone);
    expect(alone).toEqual([true, true, true, true, true, false, false, false, false, false]);
    const readOf = (element: Element) => reads.mock.calls.filter(([e]) => e === element).length;
    expect(readOf(dark[0]!.closest('ul')!)).toBe(1);
    expect(readOf(light[0]!.closest('ul')!)).toBe(1);
    // Each row and its item are read once; the lists decide, nothing above them is read.
    expect(reads).toHaveBeenCalledTimes(10 * 2 + 2);
  });

  it('does not carry one branch’s answer to another: a dark card inside a light list', () => {
    const rows = list('rgb(255, 255, 255)', 3);
    rows[1]!.parentElement!.style.backgroundColor = 'rgb(13, 17, 23)';
    const known = new Map<Element, boolean>();
    expect(rows.map((row) => darkUnder(row, known))).toEqual([false, true, false]);
  });
});

describe('marking the badges of one pass', () => {
  it('reads every colour before it writes the first mark, and marks each badge by what it sits on', async () => {
    const rows = list('rgb(32, 33, 36)', 4);
    const log: string[] = [];
    const read = window.getComputedStyle.bind(window);
    vi.spyOn(window, 'getComputedStyle').mockImplementation((element, pseudo) => {
      log.push('read');
      return read(element, pseudo);
    });
    const write = Element.prototype.setAttribute;
    vi.spyOn(Element.prototype, 'setAttribute').mockImplementation(function (this: Element, name: string, value: string) {
      if (name === 'data-pl-scheme') log.push('mark');
      write.call(this, name, value);
    });
    const badges = rows.map((row) => mountBadge({ locate: () => ({ parent: row, before: null }), css: '' }));
    // The hosts' colours are read once their placements are through (a MutationObserver pass).
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(badges.map((b) => b.host.getAttribute('data-pl-scheme'))).toEqual(['dark', 'dark', 'dark', 'dark']);
    const pass = log.slice(log.indexOf('mark') === -1 ? log.length : log.lastIndexOf('read') + 1);
    expect(pass).toEqual(['mark', 'mark', 'mark', 'mark']);
    for (const badge of badges) badge.destroy();
  });
});

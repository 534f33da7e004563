// @vitest-environment happy-dom
// Review 15: attacks on darkUnder's per-pass memo (`known`) and on applySchemes' reads-then-marks
// order. Each memo case compares a shared-memo pass with walks of their own (a fresh memo each),
// in both orders, over page structures where one element's answer could wrongly reach another.
import { afterEach, describe, expect, it } from 'vitest';
import { el } from '../testing/dom-el';
import { mountBadge } from './mount';
import { darkUnder } from './page-scheme';

const DARK = 'rgb(18, 18, 18)';
const LIGHT = 'rgb(255, 255, 255)';

afterEach(() => {
  document.body.replaceChildren();
  document.body.removeAttribute('style');
  document.documentElement.removeAttribute('style');
});

function painted(element: HTMLElement, background: string): HTMLElement {
  element.style.backgroundColor = background;
  return element;
}

/** Every order of the parents, each over one shared memo, answers as fresh walks do. */
function expectMemoMatchesFreshWalks(parents: Element[], expected: boolean[]): void {
  const alone = parents.map((p) => darkUnder(p));
  expect(alone).toEqual(expected);
  const orders = [parents.map((_, i) => i), parents.map((_, i) => parents.length - 1 - i)];
  // Also every rotation: each parent gets to be the first walked.
  for (let r = 1; r < parents.length; r++) orders.push(parents.map((_, i) => (i + r) % parents.length));
  for (const order of orders) {
    const known = new Map<Element, boolean>();
    const got: boolean[] = [];
    for (const i of order) got[i] = darkUnder(parents[i]!, known);
    expect(got, `order ${order.join(',')}`).toEqual(expected);
  }
}

describe('review 15: the memo carries no answer to an element where it is wrong', () => {
  it('a parent that is an ancestor of another badge’s parent, a light card between them, on a dark section', () => {
    const row = el('div', {}, 'row');
    const card = painted(el('div', {}, row), LIGHT);
    const wrapper = el('div', {}, card);
    const section = painted(el('section', {}, wrapper), DARK);
    document.body.append(section);
    // Badge in the row (on the light card), badge in the wrapper (on the dark section).
    expectMemoMatchesFreshWalks([row, wrapper, section, card], [false, true, true, false]);
  });

  it('a dark card nested in a light card nested in a dark page, badges at every level', () => {
    const inner = el('span', {}, 'x');
    const darkCard = painted(el('div', {}, inner), DARK);
    const mid = el('div', {}, darkCard);
    const lightCard = painted(el('div', {}, mid), LIGHT);
    const outer = el('div', {}, lightCard);
    document.body.append(outer);
    painted(document.body, DARK);
    expectMemoMatchesFreshWalks([inner, mid, outer, darkCard, lightCard, document.body], [true, false, true, true, false, true]);
  });

  it('sibling branches under one unpainted wrapper: one painted dark, one light, one unpainted (page light)', () => {
    const a = el('p', {}, 'a');
    const b = el('p', {}, 'b');
    const c = el('p', {}, 'c');
    const wrapper = el('div', {}, painted(el('div', {}, a), DARK), painted(el('div', {}, b), LIGHT), el('div', {}, c));
    document.body.append(wrapper);
    expectMemoMatchesFreshWalks([a, b, c, wrapper], [true, false, false, false]);
  });

  it('a painted ancestor at alpha 0.5 or below does not decide, for the first badge or the ones after it', () => {
    const a = el('p', {}, 'a');
    const b = el('p', {}, 'b');
    const veil = painted(el('div', {}, a, el('div', {}, b)), 'rgba(255, 255, 255, 0.5)');
    const faint = painted(el('div', {}, veil), 'rgb(255 255 255 / 20%)');
    painted(document.body, DARK);
    document.body.append(faint);
    expectMemoMatchesFreshWalks([a, b, veil, faint], [true, true, true, true]);
  });

  it('a painted ancestor above alpha 0.5 decides, in the space-separated and the percent syntax too', () => {
    const a = el('p', {}, 'a');
    const b = el('p', {}, 'b');
    const c = el('p', {}, 'c');
    document.body.append(
      painted(el('div', {}, a), 'rgba(0, 0, 0, 0.51)'),
      painted(el('div', {}, b), 'rgb(0 0 0 / 90%)'),
      painted(el('div', {}, el('div', {}, c)), 'rgba(255, 255, 255, 0.6)'),
    );
    painted(document.body, DARK);
    expectMemoMatchesFreshWalks([a, b, c], [true, true, false]);
  });

  it('transparent ancestors ("transparent", rgba(…, 0)) are walked through to the painted one', () => {
    const a = el('p', {}, 'a');
    const b = el('p', {}, 'b');
    const section = painted(
      el('section', {}, painted(el('div', {}, a), 'transparent'), painted(el('div', {}, b), 'rgba(0, 0, 0, 0)')),
      DARK,
    );
    document.body.append(section);
    expectMemoMatchesFreshWalks([a, b], [true, true]);
  });

  it('a memo from one pass does not reach the next: a container repainted between passes', () => {
    const row = el('p', {}, 'r');
    const card = el('div', {}, row);
    document.body.append(card);
    expect(darkUnder(row, new Map())).toBe(false);
    painted(card, DARK);
    expect(darkUnder(row, new Map())).toBe(true);
  });
});

describe('review 15: a pass of badges in mixed branches gets each badge its own scheme', () => {
  it('badges under a dark header, a light list, and a dark card inside that list, mounted in one pass', async () => {
    const headerRow = el('div', {}, el('h1', {}, 'pkg'));
    const header = painted(el('header', {}, headerRow), DARK);
    const rows = [0, 1, 2].map((i) => el('h3', {}, `r${i}`));
    const items = rows.map((row) => el('li', {}, row));
    painted(items[1]!, 'rgb(13, 17, 23)');
    const list = painted(el('ul', {}, ...items), LIGHT);
    document.body.append(header, list);
    const parents = [headerRow, ...items, list];
    const badges = parents.map((parent) => mountBadge({ locate: () => ({ parent, before: null }), css: '' }));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(badges.map((b) => b.host.getAttribute('data-pl-scheme') ?? 'light')).toEqual(['dark', 'light', 'dark', 'light', 'light']);
    for (const badge of badges) badge.destroy();
  });

  it('a badge re-placed (follow) from a light card into a dark one takes the dark scheme', async () => {
    const light = painted(el('div', {}, el('h1', {}, 'a')), LIGHT);
    const dark = painted(el('div', {}, el('h1', {}, 'b')), DARK);
    document.body.append(light, dark);
    let target: HTMLElement = light;
    const other = mountBadge({ locate: () => ({ parent: document.body, before: null }), css: '' });
    const badge = mountBadge({ locate: () => ({ parent: target, before: null }), css: '', follow: true });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(badge.host.hasAttribute('data-pl-scheme')).toBe(false);
    target = dark;
    // Any page change makes the observer re-place followed badges.
    document.body.append(el('span', {}, 'tick'));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(badge.host.parentElement).toBe(dark);
    expect(badge.host.getAttribute('data-pl-scheme')).toBe('dark');
    badge.destroy();
    other.destroy();
  });
});

// @vitest-environment happy-dom
// Review 15: faults in how a badge's colour scheme was decided, found while attacking the per-pass
// memo (def273d), fixed since (page-scheme.ts paints, mount.ts tracks a badge before placing it).
// Neither was the memo's doing; both left a light badge on a dark background.
// Chromium counterparts: e2e/attack/review15-scheme.spec.ts, review15-bfcache-scheme.spec.ts.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { el } from '../testing/dom-el';
import { mountBadge } from './mount';
import { darkUnder } from './page-scheme';

afterEach(() => {
  vi.restoreAllMocks();
  document.body.replaceChildren();
});

/** getComputedStyle as Chromium answers it for `element`: its background-color reported as `color`. */
function chromiumReports(element: Element, color: string): void {
  const read = window.getComputedStyle.bind(window);
  vi.spyOn(window, 'getComputedStyle').mockImplementation((target, pseudo) => {
    const style = read(target, pseudo);
    if (target !== element) return style;
    return new Proxy(style, { get: (s, key) => (key === 'backgroundColor' ? color : Reflect.get(s, key)) });
  });
}

describe('review 15: computed backgrounds Chromium reports outside rgb()', () => {
  // Chromium 156 reports these computed background-colors as given (checked in the browser):
  // oklch(…) and lab(…) as such, color-mix(in srgb, …) and relative rgb(from …) as color(srgb …).
  // happy-dom drops them, so its getComputedStyle is made to answer as Chromium does.
  it('control: the same stub reporting rgb(18, 18, 18) makes the card dark (the stub reaches darkUnder)', () => {
    const row = el('h1', {}, 'pkg');
    const card = el('div', {}, row);
    document.body.append(card);
    chromiumReports(card, 'rgb(18, 18, 18)');
    expect(darkUnder(row)).toBe(true);
  });

  for (const color of ['oklch(0.21 0.034 264.665)', 'color(srgb 0.0635294 0.0635294 0.0635294)', 'lab(8 0 0)', 'oklab(0.2 0 0)']) {
    it(`a container painted ${color} (near black) is dark`, () => {
      const row = el('h1', {}, 'pkg');
      const card = el('div', {}, row);
      document.body.append(card);
      chromiumReports(card, color);
      // The fault was in reading the colour, whatever the memo: rgba() took rgb() syntax only,
      // so the card counted as unpainted and the white page above it decided.
      expect(darkUnder(row)).toBe(true);
    });
  }
});

describe('review 15: a badge placed when it is mounted', () => {
  it('a lone badge whose landmark is already there reads what it sits on (dark header, light page)', async () => {
    // mountBadge placed the host before the page's MutationObserver existed (place, then track),
    // so that insert was never observed: the host waited in `unschemed` for some later change of
    // the page, and kept the page-wide guess (light) meanwhile. npm's title badge after a
    // back/forward-cache restore is such a badge.
    const header = el('div', {}, el('h1', {}, 'pkg'));
    header.style.backgroundColor = 'rgb(18, 18, 18)';
    document.body.append(header);
    const badge = mountBadge({ locate: () => ({ parent: header, before: null }), css: '' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(badge.host.parentElement).toBe(header);
    expect(badge.host.getAttribute('data-pl-scheme')).toBe('dark');
    badge.destroy();
  });

  it('control: the same lone badge is read once any later change of the page comes', async () => {
    const header = el('div', {}, el('h1', {}, 'pkg'));
    header.style.backgroundColor = 'rgb(18, 18, 18)';
    document.body.append(header);
    const badge = mountBadge({ locate: () => ({ parent: header, before: null }), css: '' });
    document.body.append(el('p', {}, 'an unrelated change'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(badge.host.getAttribute('data-pl-scheme')).toBe('dark');
    badge.destroy();
  });
});

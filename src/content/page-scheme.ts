// Whether the registry page our badges sit on is dark: badges take their colours from the page
// under them (styles.ts PAGE_PALETTE), not from the system setting, so a light registry page in
// a dark system keeps readable light badges, and a dark page gets dark ones.
import { perTask } from './per-task';

/** [r, g, b, alpha] of a CSS colour as getComputedStyle reports it (`rgb(…)` / `rgba(…)`), or null. */
function rgba(color: string): [number, number, number, number] | null {
  const m = /^rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)$/.exec(color.trim());
  if (m === null) return null;
  const alpha = m[4] === undefined ? 1 : m[4].endsWith('%') ? Number.parseFloat(m[4]) / 100 : Number(m[4]);
  return [Number(m[1]), Number(m[2]), Number(m[3]), alpha];
}

function luminance([r, g, b]: [number, number, number, number]): number {
  const lin = (c: number) => {
    const v = c / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** The page's own background: body's, else the root's; a page that paints none is white. */
export function pageIsDark(): boolean {
  for (const el of [document.body, document.documentElement]) {
    if (el === null) continue;
    const color = rgba(getComputedStyle(el).backgroundColor);
    if (color !== null && color[3] > 0.5) return luminance(color) < 0.2;
  }
  return false;
}

export const currentPageIsDark = perTask(pageIsDark);

/**
 * Whether the badge placed in `parent` sits on a dark background: the nearest ancestor that paints
 * one decides (a site may paint a dark header or container on an unpainted body), else the page's.
 * `known` carries what earlier calls of one pass found for each element they walked through, so
 * badges under one list read its ancestors once, not once per badge.
 */
export function darkUnder(parent: Element, known: Map<Element, boolean> = new Map()): boolean {
  const walked: Element[] = [];
  let dark = false;
  for (let el: Element | null = parent; el !== null; el = el.parentElement) {
    const remembered = known.get(el);
    if (remembered !== undefined) {
      dark = remembered;
      break;
    }
    walked.push(el);
    const color = rgba(getComputedStyle(el).backgroundColor);
    if (color !== null && color[3] > 0.5) {
      dark = luminance(color) < 0.2;
      break;
    }
  }
  for (const el of walked) known.set(el, dark);
  return dark;
}

/**
 * Calls `changed` when the page may have changed its colours while open: the system scheme
 * switched (a site following it repaints), or the root or body changed class, style or theme.
 */
export function watchPageScheme(changed: () => void): () => void {
  const media = typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : null;
  media?.addEventListener('change', changed);
  const observer = new MutationObserver(changed);
  const attributeFilter = ['class', 'style', 'data-theme', 'data-color-mode'];
  for (const el of [document.documentElement, document.body]) if (el !== null) observer.observe(el, { attributes: true, attributeFilter });
  return () => {
    media?.removeEventListener('change', changed);
    observer.disconnect();
  };
}

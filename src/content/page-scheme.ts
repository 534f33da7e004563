// Whether the registry page our badges sit on is dark: badges take their colours from the page
// under them (styles.ts PAGE_PALETTE), not from the system setting, so a light registry page in
// a dark system keeps readable light badges, and a dark page gets dark ones.
const decode = (v: number) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);

/**
 * The relative luminance of the background `el` paints, or null where it paints none that can
 * decide: alpha 0.5 or less, `display: contents` (no box of its own, whatever its style says), or
 * a colour we cannot read. Chromium reports a computed colour in the syntax it was given: rgb(),
 * but also oklch() (Tailwind 4's palette), oklab(), lab(), lch() and color(<space> …), which is
 * also how it reports color-mix() and relative colours. Lightness decides for the Lab forms;
 * color()'s spaces are read as sRGB, near enough to tell dark from light.
 */
function paints(el: Element): number | null {
  const style = getComputedStyle(el);
  const m = /^(\w+)\((?:[a-z][\w-]* )?([^)]*)\)$/.exec(style.backgroundColor);
  if (!m || style.display === 'contents') return null;
  const fn = m[1]!;
  const [a = 0, b = 0, c = 0, alpha = 1] = m[2]!.split(/[\s,/]+/).map((part) => (parseFloat(part) || 0) / (part.endsWith('%') ? 100 : 1));
  const k = fn.startsWith('rgb') ? 255 : 1;
  if (alpha <= 0.5) return null;
  if (fn.startsWith('ok')) return a ** 3;
  if (fn.startsWith('l')) return ((a + 16) / 116) ** 3;
  return k > 1 || fn === 'color' ? 0.2126 * decode(a / k) + 0.7152 * decode(b / k) + 0.0722 * decode(c / k) : null;
}

/**
 * Whether the badge placed in `parent` sits on a dark background: the nearest ancestor that paints
 * one decides (a site may paint a dark header or container on an unpainted body); a page that
 * paints none is white.
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
    const y = paints(el);
    if (y !== null) {
      dark = y < 0.2;
      break;
    }
  }
  for (const el of walked) known.set(el, dark);
  return dark;
}

/**
 * Calls `changed` when the page may have changed its colours while open: the system scheme
 * switched (a site following it repaints), the root or body changed class or style, any element
 * (an app's root) changed its theme attribute, or the head's stylesheets changed (a theme switch
 * or a dark-mode extension adds a <style>). Called from DOMContentLoaded on: head and body exist.
 */
export function watchPageScheme(changed: () => void): () => void {
  const media = matchMedia('(prefers-color-scheme: dark)');
  media.addEventListener('change', changed);
  const observer = new MutationObserver(changed);
  // `document` and its root are two nodes: one observer takes both registrations.
  observer.observe(document, { attributes: true, subtree: true, attributeFilter: ['data-theme', 'data-color-mode'] });
  for (const el of [document.documentElement, document.body]) observer.observe(el, { attributes: true, attributeFilter: ['class', 'style'] });
  observer.observe(document.head, { childList: true, subtree: true, characterData: true });
  return () => {
    media.removeEventListener('change', changed);
    observer.disconnect();
  };
}

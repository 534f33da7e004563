// WCAG contrast of the timeline's colours in both schemes of our own surfaces (popup and panel),
// read from the stylesheet itself: each mark's glyph on its fill and the event flags and gap on
// the surface at least 4.5:1 (they are text), the shown mark's border and the focus ring at
// least 3:1 against what they sit on (WCAG 1.4.11).
import { describe, expect, it } from 'vitest';
import { DETAILS_CSS } from './styles';

/** The custom properties of the n-th `:host, :root` block: 0 light, 1 dark (prefers-color-scheme). */
function palette(n: number): Record<string, string> {
  const blocks = DETAILS_CSS.split(':host, :root {').slice(1);
  const body = (blocks[n] ?? '').slice(0, (blocks[n] ?? '').indexOf('}'));
  return Object.fromEntries([...body.matchAll(/(--pl-[\w-]+):\s*(#[0-9a-f]{6})/g)].map((m) => [m[1]!, m[2]!]));
}

/** A declaration of the rule whose selector is exactly `selector`. */
function declared(selector: string, property: string): string {
  const at = DETAILS_CSS.indexOf(`\n${selector} {`);
  if (at < 0) throw new Error(`no ${selector} rule`);
  const body = DETAILS_CSS.slice(at, DETAILS_CSS.indexOf('}', at));
  const value = new RegExp(`(?:[{;\\s])${property}:\\s*([^;]+)`).exec(body)?.[1]?.trim();
  if (value === undefined) throw new Error(`${selector} sets no ${property}`);
  return value;
}

const varName = (value: string) => /var\((--pl-[\w-]+)\)/.exec(value)?.[1] ?? value;

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16) / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

const MARKS = ['.pl-tl-verified', '.pl-tl-partial', '.pl-tl-invalid', '.pl-tl-mark'];

describe.each([
  ['light', 0],
  ['dark', 1],
])('timeline colours, %s', (_scheme, n) => {
  const vars = palette(n);
  const colour = (value: string) => vars[varName(value)] ?? '';
  const surface = vars['--pl-bg']!;

  it('reads a full palette', () => {
    expect(Object.keys(vars).length).toBeGreaterThan(15);
  });

  it.each(MARKS)('the %s glyph on its fill is at least 4.5:1, and the shown mark stands out by 3:1', (selector) => {
    const fill = colour(declared(selector, 'background'));
    expect(contrast(colour(declared(selector, 'color')), fill)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(colour(declared('.pl-tl-mark.pl-tl-active', 'border').split(' ').pop()!), fill)).toBeGreaterThanOrEqual(3);
  });

  it("a mark that couldn't be checked (muted on the neutral fill) is at least 4.5:1", () => {
    expect(contrast(colour(declared('.pl-tl-unknown', 'color')), colour(declared('.pl-tl-mark', 'background')))).toBeGreaterThanOrEqual(4.5);
  });

  it.each(['.pl-tl-good', '.pl-tl-warn', '.pl-tl-gap', '.pl-tl-legend', '.pl-tl-axis'])('%s on the surface is at least 4.5:1', (selector) => {
    expect(contrast(colour(declared(selector, 'color')), surface)).toBeGreaterThanOrEqual(4.5);
  });

  it('the focus ring is at least 3:1 against the surface and every fill', () => {
    const ring = colour(declared('.pl-tl-mark:focus-visible', 'outline').split(' ').pop()!);
    for (const selector of MARKS) expect(contrast(ring, colour(declared(selector, 'background'))), selector).toBeGreaterThanOrEqual(3);
    expect(contrast(ring, surface)).toBeGreaterThanOrEqual(3);
  });
});

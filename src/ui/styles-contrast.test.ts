// WCAG contrast of every colour pair we draw, in both schemes: each badge state's text on its
// background (the "checking" badge's muted text too) at least 4.5:1, and the focus ring (the
// link colour) at least 3:1 against the scheme's page surface. Read from the stylesheets
// themselves, so a palette edit that breaks a pair fails here.
import { describe, expect, it } from 'vitest';
import { BADGE_CSS } from './styles';

function block(css: string, selector: string): Record<string, string> {
  const start = css.indexOf(`${selector} {`);
  if (start < 0) throw new Error(`no ${selector} block`);
  const body = css.slice(start + selector.length + 2, css.indexOf('}', start));
  return Object.fromEntries([...body.matchAll(/(--pl-[\w-]+):\s*(#[0-9a-f]{6})/g)].map((m) => [m[1]!, m[2]!]));
}

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16) / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

const SCHEMES = {
  // Registry pages are white; a dark page is assumed no lighter than our dark surface.
  light: { vars: block(BADGE_CSS, ':host'), page: '#ffffff' },
  dark: { vars: block(BADGE_CSS, ':host([data-pl-scheme="dark"])'), page: '#202124' },
};

describe.each(Object.entries(SCHEMES))('badge palette, %s', (_scheme, { vars, page }) => {
  it.each(['verified', 'partial', 'none', 'invalid'])('%s text on its background is at least 4.5:1', (status) => {
    expect(contrast(vars[`--pl-${status}-fg`]!, vars[`--pl-${status}-bg`]!)).toBeGreaterThanOrEqual(4.5);
  });

  it('the checking badge (muted text on the neutral background) is at least 4.5:1', () => {
    expect(contrast(vars['--pl-muted']!, vars['--pl-none-bg']!)).toBeGreaterThanOrEqual(4.5);
  });

  it('the focus ring is at least 3:1 against the page and against the badge backgrounds', () => {
    for (const bg of [page, vars['--pl-verified-bg']!, vars['--pl-none-bg']!, vars['--pl-invalid-bg']!, vars['--pl-partial-bg']!]) {
      expect(contrast(vars['--pl-link']!, bg), bg).toBeGreaterThanOrEqual(3);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { BADGE_CSS, DETAILS_CSS } from './styles';

/**
 * The background an element with `classes` gets from `css`, by the cascade of class-only
 * selectors (all our status rules are): more classes win, then the later rule.
 */
function background(css: string, classes: string[]): string | undefined {
  let best: { specificity: number; value: string } | undefined;
  for (const [, selectors, body] of css.matchAll(/([^{}]+)\{([^{}]*)\}/g)) {
    const value = /(?:^|;)\s*background:\s*([^;]+)/.exec(body!)?.[1]?.trim();
    if (value === undefined) continue;
    for (const selector of selectors!.split(',').map((s) => s.trim())) {
      if (!/^(\.[\w-]+)+$/.test(selector)) continue;
      const needs = selector.slice(1).split('.');
      if (!needs.every((c) => classes.includes(c))) continue;
      if (best === undefined || needs.length >= best.specificity) best = { specificity: needs.length, value };
    }
  }
  return best?.value;
}

describe('status colours', () => {
  // Each state has its own colour; a warning (amber) is never shown as a failure or as a pass.
  it.each([
    [['pl-verdict', 'pl-verified'], 'var(--pl-verified-bg)'],
    [['pl-verdict', 'pl-partial'], 'var(--pl-partial-bg)'],
    [['pl-verdict', 'pl-invalid'], 'var(--pl-invalid-bg)'],
    [['pl-verdict', 'pl-none'], 'var(--pl-none-bg)'],
    [['pl-verdict', 'pl-verified', 'pl-amber'], 'var(--pl-partial-bg)'],
    [['pl-verdict', 'pl-none', 'pl-amber'], 'var(--pl-partial-bg)'],
  ])('in the details, %j is %s', (classes, expected) => {
    expect(background(DETAILS_CSS, classes)).toBe(expected);
  });

  it.each([
    [['pl-badge', 'pl-verified'], 'var(--pl-verified-bg)'],
    [['pl-badge', 'pl-partial'], 'var(--pl-partial-bg)'],
    [['pl-badge', 'pl-invalid'], 'var(--pl-invalid-bg)'],
    [['pl-badge', 'pl-verified', 'pl-amber'], 'var(--pl-partial-bg)'],
  ])('on a badge, %j is %s', (classes, expected) => {
    expect(background(BADGE_CSS, classes)).toBe(expected);
  });
});

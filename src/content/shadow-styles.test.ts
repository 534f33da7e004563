// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { styleShadowRoot } from './shadow-styles';

const root = (): ShadowRoot => document.createElement('span').attachShadow({ mode: 'open' });

describe('styleShadowRoot', () => {
  it('gives every root the same constructed sheet, parsed once', () => {
    const [a, b] = [root(), root()];
    styleShadowRoot(a, '.badge { color: red; }');
    styleShadowRoot(b, '.badge { color: red; }');
    expect(a.adoptedStyleSheets).toHaveLength(1);
    expect(b.adoptedStyleSheets[0]).toBe(a.adoptedStyleSheets[0]);
    expect(a.querySelector('style')).toBeNull();
  });

  it('falls back to a <style> of its own where adopting is refused', () => {
    const shadow = root();
    Object.defineProperty(shadow, 'adoptedStyleSheets', {
      get: () => [],
      set: () => {
        throw new Error('not allowed from this compartment');
      },
    });
    styleShadowRoot(shadow, '.badge { color: blue; }');
    expect(shadow.querySelector('style')?.textContent).toBe('.badge { color: blue; }');
  });

  it('falls back too where adopting silently has no effect', () => {
    const shadow = root();
    Object.defineProperty(shadow, 'adoptedStyleSheets', { get: () => [], set: () => undefined });
    styleShadowRoot(shadow, '.badge { color: green; }');
    expect(shadow.querySelector('style')?.textContent).toBe('.badge { color: green; }');
  });
});

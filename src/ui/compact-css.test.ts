// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { compactCss } from './compact-css';
import * as styles from './styles';

/** The rules as the CSSOM reads them; the CSSOM keeps selector and media text as written, so
 * the spaces CSS ignores after commas and colons are dropped on both sides of the comparison. */
function rules(css: string): string[] {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  return [...sheet.cssRules].map((r) => r.cssText.replace(/\s+/g, ' ').replace(/([,:]) /g, '$1'));
}

describe('compactCss', () => {
  it('keeps every stylesheet of the product the same rules, in fewer bytes', () => {
    for (const [name, css] of Object.entries(styles)) {
      if (typeof css !== 'string') continue;
      const compact = compactCss(css);
      expect(compact.length, name).toBeLessThan(css.length * 0.9);
      expect(rules(compact), name).toEqual(rules(css));
    }
  });

  it('leaves quoted strings and descendant selectors alone', () => {
    expect(compactCss(`.a .b:hover > c { content: ", { x }";  font: 1px "Segoe UI" ; }`)).toBe(`.a .b:hover>c{content:", { x }";font:1px "Segoe UI"}`);
  });
});

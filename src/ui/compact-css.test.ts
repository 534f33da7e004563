// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { compactCss, compactTemplateCss, shortenCustomProperties } from './compact-css';
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

  it('renames every custom property alike, distinctly, and touches nothing else', () => {
    const source = 'a{color:var(--pl-fg);--pl-fg:#000;background:var(--pl-verified-bg)} .pl-fg{--pl-verified-bg:red}';
    expect(shortenCustomProperties(source)).toBe('a{color:var(--p0);--p0:#000;background:var(--p1)} .pl-fg{--p1:red}');
  });

  it('leaves the built styles module no long property names, and every one it reads defined', () => {
    // Read as vite.config.ts reads it (vitest runs from the repository root).
    const built = compactTemplateCss(readFileSync('src/ui/styles.ts', 'utf8'));
    expect(built).not.toMatch(/--pl-/);
    const read = new Set([...built.matchAll(/var\((--p[0-9a-z]+)\)/g)].map((m) => m[1]));
    const defined = new Set([...built.matchAll(/(--p[0-9a-z]+):/g)].map((m) => m[1]));
    expect(read.size).toBeGreaterThan(10);
    for (const name of read) expect(defined.has(name), name).toBe(true);
  });
});

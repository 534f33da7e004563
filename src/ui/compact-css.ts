// Build-time only (vite.config.ts): the stylesheets in styles.ts are template strings, whose
// whitespace the JS minifier keeps. Collapsing it keeps the content scripts inside their size
// budget. Quoted strings are left exactly as written; outside them, whitespace is dropped only
// where CSS ignores it (around braces, semicolons, commas and child combinators, after colons).
export function compactCss(css: string): string {
  return css
    .split(/("[^"]*"|'[^']*')/)
    .map((part, i) => (i % 2 === 1 ? part : compactUnquoted(part)))
    .join('')
    .trim();
}

function compactUnquoted(css: string): string {
  return css
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,>])\s*/g, '$1')
    .replace(/:\s+/g, ':')
    .replace(/;}/g, '}');
}

/** Compacts the CSS inside every template literal of a module's source (no nested backticks). */
export function compactTemplateCss(source: string): string {
  return source.replace(/`([^`]*)`/g, (_, css: string) => `\`${compactCss(css)}\``);
}

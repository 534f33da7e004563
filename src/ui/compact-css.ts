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

/**
 * Our custom properties (`--pl-verified-bg`) renamed `--p0`, `--p1`, … alike throughout one
 * module's source: they are defined and read only in styles.ts, inside our own shadow roots.
 */
export function shortenCustomProperties(source: string): string {
  const names = new Map<string, string>();
  return source.replace(/--pl-[a-z0-9-]+/g, (name) => {
    let short = names.get(name);
    if (short === undefined) names.set(name, (short = `--p${names.size.toString(36)}`));
    return short;
  });
}

/** Compacts the CSS inside every template literal of a module's source (no nested backticks). */
export function compactTemplateCss(source: string): string {
  return shortenCustomProperties(source.replace(/`([^`]*)`/g, (_, css: string) => `\`${compactCss(css)}\``));
}

// Parsing a lockfile's text into plain values, with the checks the parsers rely on: bounded
// nesting, no duplicate keys (a second entry must not silently replace the first one a
// reviewer saw), and errors that carry a line number. JSON is parsed natively (fast) after one
// linear scan for depth and duplicates; YAML and TOML through their libraries.
import { LineCounter, parseDocument } from 'yaml';
import { parse as parseToml, TomlError } from 'smol-toml';
import { LockfileError } from './locked-package';

/** Lockfiles nest a few levels; anything deeper is hostile input, refused before parsing. */
export const MAX_DEPTH = 64;
/** YAML nesting by indentation: real lockfiles indent a few levels of two spaces. */
const MAX_INDENT = 128;

export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** One pass over JSON text: depth and duplicate keys, iteratively (no recursion to overflow). */
function scanJson(text: string): void {
  const stack: (Set<string> | null)[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '{' || c === '[') {
      stack.push(c === '{' ? new Set() : null);
      if (stack.length > MAX_DEPTH) throw new LockfileError(`nested deeper than ${MAX_DEPTH} levels`, lineAt(text, i));
    } else if (c === '}' || c === ']') {
      stack.pop();
    } else if (c === '"') {
      const start = i;
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
      let j = i + 1;
      while (j < text.length && /\s/.test(text[j] as string)) j++;
      const keys = stack[stack.length - 1];
      if (text[j] !== ':' || !keys) continue;
      let key: string;
      try {
        key = JSON.parse(text.slice(start, i + 1)) as string;
      } catch {
        continue; // JSON.parse reports the syntax error with its position
      }
      if (keys.has(key)) throw new LockfileError(`duplicate key ${JSON.stringify(key.slice(0, 80))}`, lineAt(text, start));
      keys.add(key);
    }
  }
}

export function parseJsonLockfile(text: string): unknown {
  scanJson(text);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const message = error instanceof Error ? error.message : 'not JSON';
    const position = /position (\d+)/.exec(message);
    throw new LockfileError(`not valid JSON (${message.split('\n')[0]?.slice(0, 120)})`, position ? lineAt(text, Number(position[1])) : undefined);
  }
}

function checkYamlShape(text: string): void {
  let depth = 0;
  let line = 1;
  let lineStart = true;
  let indent = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') {
      line++;
      lineStart = true;
      indent = 0;
      continue;
    }
    if (lineStart && c === ' ') {
      if (++indent > MAX_INDENT) throw new LockfileError(`indented deeper than ${MAX_INDENT} columns`, line);
      continue;
    }
    lineStart = false;
    if (c === '[' || c === '{') depth++;
    else if ((c === ']' || c === '}') && depth > 0) depth--;
    if (depth > MAX_DEPTH) throw new LockfileError(`nested deeper than ${MAX_DEPTH} levels`, line);
  }
}

/** YAML 1.2 with the core schema: no custom tags, aliases bounded, keys unique. */
export function parseYamlLockfile(text: string): unknown {
  checkYamlShape(text);
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, schema: 'core', prettyErrors: false });
  const error = doc.errors[0];
  if (error) throw new LockfileError(`not valid YAML (${error.code}: ${error.message.split('\n')[0]?.slice(0, 120)})`, lineCounter.linePos(error.pos[0]).line);
  try {
    // maxAliasCount stops a "billion laughs" document from expanding into gigabytes.
    return doc.toJS({ maxAliasCount: 100 }) as unknown;
  } catch (e) {
    throw new LockfileError(`not usable YAML (${e instanceof Error ? e.message.slice(0, 120) : 'error'})`);
  }
}

export function parseTomlLockfile(text: string): unknown {
  try {
    // smol-toml refuses redefined keys and tables (TOML forbids them) and bounds its own nesting.
    return parseToml(text, { maxDepth: MAX_DEPTH }) as unknown;
  } catch (error) {
    if (error instanceof TomlError) throw new LockfileError(`not valid TOML (${error.message.split('\n')[0]?.slice(0, 120)})`, error.line);
    throw new LockfileError(`not valid TOML (${error instanceof Error ? error.message.slice(0, 120) : 'error'})`);
  }
}

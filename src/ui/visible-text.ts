// Unicode format characters reorder or hide text: with U+202E a certificate ref
// "v1.0.0\u202Egpj.exe" displays as "v1.0.0exe.jpg". Nothing runs, but a field can pose as
// another, so every string we display shows such characters as a visible ⟨U+XXXX⟩ instead.
const HIDDEN_CLASS = '[\\u061C\\u115F\\u1160\\u180E\\u200B-\\u200F\\u2028-\\u202E\\u2060-\\u2064\\u2066-\\u206F\\u3164\\uFEFF\\uFFA0\\u{E0000}-\\u{E007F}]';
const HIDDEN = new RegExp(HIDDEN_CLASS, 'gu');
const ANY_HIDDEN = new RegExp(HIDDEN_CLASS, 'u');

export function visibleText(text: string): string {
  return text.replace(HIDDEN, (c) => `⟨U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}⟩`);
}

/** A copy of a reply with every string made visible; worker replies are plain JSON. */
function copyVisible<T>(value: T, depth: number): T {
  if (typeof value === 'string') return visibleText(value) as T;
  if (depth > 32 || typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map((v) => copyVisible(v, depth + 1)) as T;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = copyVisible(v, depth + 1);
  return out as T;
}

/** Whether any string in a plain-JSON value holds a hidden character; unsure counts as yes. */
function mayHideText(value: unknown): boolean {
  try {
    // JSON.stringify escapes none of these characters, and it is native code: in a content
    // script fresh on every page, one pass over a 60-file verdict's JSON costs a fraction of
    // what walking its ten thousand values in not-yet-optimised script does.
    return ANY_HIDDEN.test(JSON.stringify(value) ?? '');
  } catch {
    return true;
  }
}

/** A reply with every string made visible: the reply itself when no string needs it, else a copy. */
export function withVisibleText<T>(value: T): T {
  return mayHideText(value) ? copyVisible(value, 0) : value;
}

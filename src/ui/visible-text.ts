// Unicode format characters reorder or hide text: with U+202E a certificate ref
// "v1.0.0\u202Egpj.exe" displays as "v1.0.0exe.jpg". Nothing runs, but a field can pose as
// another, so every string we display shows such characters as a visible ⟨U+XXXX⟩ instead.
const HIDDEN = /[\u061C\u115F\u1160\u180E\u200B-\u200F\u2028-\u202E\u2060-\u2064\u2066-\u206F\u3164\uFEFF\uFFA0\u{E0000}-\u{E007F}]/gu;

export function visibleText(text: string): string {
  return text.replace(HIDDEN, (c) => `⟨U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}⟩`);
}

/** A copy of a reply with every string made visible; worker replies are small, plain JSON. */
export function withVisibleText<T>(value: T, depth = 0): T {
  if (typeof value === 'string') return visibleText(value) as T;
  if (depth > 32 || typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map((v) => withVisibleText(v, depth + 1)) as T;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = withVisibleText(v, depth + 1);
  return out as T;
}

// Byte-level mutations for the tamper corpus, deterministic so a failing case can be replayed.

export function fromBase64(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'base64'));
}

export function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64');
}

/** A copy of `bytes` with bit `bit` (0-7) of byte `index` inverted. */
export function flipBit(bytes: Uint8Array, index: number, bit: number): Uint8Array {
  if (index < 0 || index >= bytes.length) throw new Error(`flip at ${index} outside ${bytes.length} bytes`);
  const copy = new Uint8Array(bytes);
  copy[index] = (copy[index] ?? 0) ^ (1 << bit);
  return copy;
}

export function flipBase64Bit(text: string, index: number, bit: number): string {
  return toBase64(flipBit(fromBase64(text), index, bit));
}

/** `count` byte offsets spread evenly over [start, end), each paired with a varying bit. */
export function spread(start: number, end: number, count: number): { index: number; bit: number }[] {
  const span = end - start;
  if (span <= 0) return [];
  const picks = new Map<number, number>();
  for (let i = 0; i < count; i++) {
    const index = start + Math.min(span - 1, Math.floor(((i + 0.5) * span) / count));
    picks.set(index, (i * 3 + 1) % 8);
  }
  return [...picks].map(([index, bit]) => ({ index, bit }));
}

/** Flips one character of a text field to another of the same class (digit/letter). */
export function changeChar(text: string, index: number): string {
  const ch = text[index];
  if (ch === undefined) throw new Error(`no character at ${index}`);
  const replacement = /[0-9]/.test(ch) ? String((Number(ch) + 1) % 10) : ch === 'A' ? 'B' : ch === 'a' ? 'b' : 'A';
  return `${text.slice(0, index)}${replacement}${text.slice(index + 1)}`;
}

export function clone<T>(value: T): T {
  return structuredClone(value);
}

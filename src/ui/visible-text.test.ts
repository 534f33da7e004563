import { describe, expect, it } from 'vitest';
import { visibleText, withVisibleText } from './visible-text';

describe('visibleText', () => {
  it('shows bidi overrides, isolates and zero-width characters instead of applying them', () => {
    expect(visibleText('v1.0.0\u202Egpj.exe')).toBe('v1.0.0⟨U+202E⟩gpj.exe');
    expect(visibleText('a\u2066b\u2069c\u200Bd\uFEFF')).toBe('a⟨U+2066⟩b⟨U+2069⟩c⟨U+200B⟩d⟨U+FEFF⟩');
    expect(visibleText('tag\u{E0041}')).toBe('tag⟨U+E0041⟩');
  });

  it('leaves ordinary text, including non-Latin scripts, alone', () => {
    for (const s of ['acme/widget', 'refs/tags/v1.2.3', 'ünïcödé/репо', '日本語', 'a b']) expect(visibleText(s)).toBe(s);
  });

  it('maps every string of a nested reply and keeps its shape', () => {
    const reply = { status: 'verified', identity: { ref: 'x\u202Ey', ids: ['\u200B'] }, n: 3, none: null };
    expect(withVisibleText(reply)).toEqual({ status: 'verified', identity: { ref: 'x⟨U+202E⟩y', ids: ['⟨U+200B⟩'] }, n: 3, none: null });
  });
});

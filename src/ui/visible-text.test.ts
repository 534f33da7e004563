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

  it('finds every hidden character through the JSON pre-check, including those JSON leaves raw', () => {
    // U+2028/2029 are valid raw in JSON text, and astral tag characters are surrogate pairs.
    for (const hidden of ['\u2028', '\u2029', '\u202E', '\u{E0041}', '\uFEFF']) {
      const reply = { files: [{ verdict: { identity: { ref: `v1${hidden}` } } }] };
      expect(JSON.stringify(withVisibleText(reply))).not.toMatch(/[\u2028\u2029\u202E\uFEFF]|\u{E0041}/u);
      expect(withVisibleText(reply).files[0]?.verdict.identity.ref).toMatch(/^v1⟨U\+[0-9A-F]{4,5}⟩$/);
    }
  });

  it('hands back a reply with nothing hidden as it is, without copying it', () => {
    const reply = { status: 'verified', files: [{ filename: 'a-1.0.tar.gz', names: ['ünïcödé', '日本語'] }] };
    expect(withVisibleText(reply)).toBe(reply);
  });
});

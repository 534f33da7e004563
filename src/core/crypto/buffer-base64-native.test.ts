// The browsers' native Uint8Array.fromBase64 (ES2026) decodes the base64 the worker reads. Node 22
// has none, so the standard's behaviour comes from core-js, which implements it to the letter
// (test262), installed in this file's own test context only. What must hold: the native path
// decodes exactly the canonical texts (what Node itself would write for the bytes), each to
// Node's bytes, and leaves every other text to the Node-equivalent lenient decoder.
import 'core-js/actual/typed-array/from-base64';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FIXTURES_DIR, describeRealData } from '../../testing/fixtures';
import { atobCanonicalBase64, canonicalBase64ToBytes, nativeCanonicalBase64, type FromBase64 } from './buffer-string-codecs';
import { stringsOf } from './testing/json-strings';
import { loadBundleCases } from './testing/real-bundle-cases';

const standard = (Uint8Array as unknown as { fromBase64: FromBase64 }).fromBase64;
const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

/** Node's own reading and writing are the reference: canonical means Node writes it back. */
function expectNodeAgreement(text: string): void {
  const node = Buffer.from(text, 'base64');
  const canonical = node.toString('base64') === text;
  const native = nativeCanonicalBase64(text, standard);
  expect(native !== undefined, `native path taken for ${JSON.stringify(text.slice(0, 60))}`).toBe(canonical);
  if (native !== undefined) expect(hex(native)).toBe(node.toString('hex'));
  // Nothing the atob path left to the lenient decoder is decoded natively now.
  if (native !== undefined) expect(hex(atobCanonicalBase64(text)!)).toBe(hex(native));
  // Where the platform has fromBase64 (here: core-js's, installed above), it is the path taken.
  expect(canonicalBase64ToBytes(text) === undefined).toBe(native === undefined);
}

describe('base64 through the standard Uint8Array.fromBase64', () => {
  it('is the standard one here, not an engine built-in', () => {
    expect(typeof standard).toBe('function');
    expect(() => standard('QR==', { lastChunkHandling: 'strict' })).toThrow(SyntaxError);
  });

  it('decodes canonical text as Node does and refuses every other text', () => {
    const texts = [
      ...['', 'QQ==', 'QUI=', 'QUJD', 'AAAA', '+/+/', '////'],
      // not canonical: unused bits set, whitespace (which the standard skips), padding wrong
      ...['QR==', 'QUJ=', 'QU JD', 'QUJD    ', ' QQ=', 'QQ= ', 'Q Q=', 'QQ\n==', 'QUJD\r\nQUJD', '\tQUJ'],
      ...['QQ', 'QUI', 'Q===', '====', 'QQ==QUJD', '=QUJD', 'QUJD=', 'QUJD==', 'QQ=A', 'A=AA'],
      // URL-safe letters, other alphabets, characters beyond Latin-1 (Node reads their low byte)
      ...['-_-_', 'a-b_', 'QU*JD', 'QU\u00a0J', '\u0151UJD', 'QU\u012bD', '\ud841UJD', 'QUJD\u0000'],
    ];
    for (const text of texts) expectNodeAgreement(text);
  });

  it('agrees with Node on random bytes and on their base64 made non-canonical', () => {
    const spoil = fc.constantFrom(' ', '\n', '\t', '=', '-', '_', '\u00a0', 'A');
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.nat(), spoil, fc.integer({ min: 1, max: 4 }), fc.boolean(), (bytes, at, extra, times, drop) => {
        const text = Buffer.from(bytes).toString('base64');
        expectNodeAgreement(text);
        const i = text.length === 0 ? 0 : at % text.length;
        // Four of a kind keep the length a multiple of 4, as canonical text's is.
        expectNodeAgreement(text.slice(0, i) + extra.repeat(times) + text.slice(i));
        if (drop) expectNodeAgreement(text.replace(/=+$/, ''));
        // The last character with its unused bits set, where there are any.
        const last = text.replace(/=+$/, '');
        if (last.length > 0 && last.length !== text.length) expectNodeAgreement(`${last.slice(0, -1)}${last.at(-1) === '/' ? 'A' : '/'}${text.slice(last.length)}`);
      }),
      { numRuns: 400, seed: 19 },
    );
  });
});

describeRealData('base64 through the standard Uint8Array.fromBase64 on real bundles', () => {
  it('decodes every string of every real bundle and trusted root as Node does', () => {
    const cases = loadBundleCases(FIXTURES_DIR);
    const texts = new Set(cases.flatMap((c) => [...stringsOf(c.bundle), ...stringsOf(c.trustedRoot)]));
    expect(texts.size).toBeGreaterThan(100);
    let native = 0;
    for (const text of texts) {
      expectNodeAgreement(text);
      if (nativeCanonicalBase64(text, standard) !== undefined) native++;
    }
    // The bundles' certificates, signatures and entry bodies are canonical base64: the fast path is the usual one.
    expect(native).toBeGreaterThan(100);
  });
});

// Independent review (6) of the native string codecs on the browser's Buffer stand-in
// (buffer-string-codecs.ts). The claim under attack: every patched call (whole-buffer
// Buffer.from(string, 'utf8' | 'utf-8' | undefined | 'base64') and toString(same)) returns
// exactly what Node's Buffer returns, and every other call behaves as the `buffer` package did.
// Three references throughout: `node` (Node's Buffer, what the CLI verifies with), `original`
// (a private, unpatched copy of the package: the browser before the change) and `patched`
// (a private copy patched exactly as install-buffer.ts patches the one the extension uses).
// The review's three findings (a toString on a non-Buffer receiver; base64 text with characters
// above U+00FF, read by Node by their low byte and dropped by the package; the CLI/browser
// verdict split that followed from it) are fixed; their tests now pass and stay as regressions.
import { describe, expect, it } from 'vitest';
import { FIXTURES_DIR, describeRealData } from '../../testing/fixtures';
import { bytesToBase64, canonicalBase64ToBytes, installNativeStringCodecs } from './buffer-string-codecs';
import * as adapter from './node-crypto';
import { freshPackageBuffer, withGlobalBuffer } from './testing/package-buffer';
import { loadBundleCases, type BundleCase } from './testing/real-bundle-cases';
import { withCrypto } from './testing/swap-node-crypto';
import { verifyCaseFresh, type Outcome } from './testing/verify-bundle-case';

type AnyBuffer = Uint8Array & {
  toString: (...a: unknown[]) => string;
  toLocaleString: (...a: unknown[]) => string;
  equals: (b: Uint8Array) => boolean;
  readUInt8: (o: number) => number;
  readUInt32BE: (o: number) => number;
  write: (s: string, o?: number) => number;
  compare: (b: Uint8Array) => number;
  toJSON: () => unknown;
};
interface BufferClass {
  (...a: unknown[]): AnyBuffer;
  from: (...a: unknown[]) => AnyBuffer;
  alloc: (...a: unknown[]) => AnyBuffer;
  concat: (list: Uint8Array[]) => AnyBuffer;
  isBuffer: (b: unknown) => boolean;
  prototype: AnyBuffer;
}

const original = freshPackageBuffer<BufferClass>();
const patched = freshPackageBuffer<BufferClass>();
installNativeStringCodecs(patched as never);
const node = Buffer as unknown as BufferClass;

const hex = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');

/** A call's answer: its value (bytes as hex) or the fact that it threw. */
function answer(fn: () => unknown): string {
  try {
    const v = fn();
    if (v instanceof Uint8Array) return `bytes ${hex(v)}`;
    return `value ${JSON.stringify(v)}`;
  } catch (error) {
    return `throws ${(error as Error)?.constructor?.name}`;
  }
}
const sameBytes = (a: Uint8Array, b: Uint8Array): boolean =>
  Buffer.compare(Buffer.from(a.buffer, a.byteOffset, a.byteLength), Buffer.from(b.buffer, b.byteOffset, b.byteLength)) === 0;
const threw = (a: string): boolean => a.startsWith('throws');

function xorshift(seed: number): () => number {
  let x = seed || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return x >>> 0;
  };
}

function randomBytes(seed: number, length: number): Uint8Array {
  const r = xorshift(seed);
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = r() & 0xff;
  return out;
}

/** Sequences of `width` bytes, each followed by 'Z' (ASCII always ends a broken sequence). */
function separated(seqs: number[][] | Uint8Array, width: number): Uint8Array {
  if (seqs instanceof Uint8Array) return seqs;
  const out = new Uint8Array(seqs.length * (width + 1));
  seqs.forEach((s, i) => {
    out.set(s, i * (width + 1));
    out[i * (width + 1) + width] = 0x5a;
  });
  return out;
}

const STD = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

describe('review6: the patched paths answer as Node', () => {
  it('UTF-8 decode: every 1-, 2- and 3-byte sequence reads as Node reads it (and the harness sees the package differ)', () => {
    const lone = new Uint8Array(256 * 2);
    for (let a = 0; a < 256; a++) lone.set([a, 0x5a], a * 2);
    expect(patched.from(lone).toString()).toBe(node.from(lone).toString());
    const two = new Uint8Array(65536 * 3);
    for (let i = 0; i < 65536; i++) two.set([i >> 8, i & 0xff, 0x5a], i * 3);
    expect(patched.from(two).toString()).toBe(node.from(two).toString());
    expect(original.from(two).toString()).not.toBe(node.from(two).toString()); // the comparison can fail
    const differing: string[] = [];
    for (let a = 0x80; a < 0x100; a++) {
      const three = new Uint8Array(65536 * 4);
      for (let i = 0; i < 65536; i++) three.set([a, i >> 8, i & 0xff, 0x5a], i * 4);
      const buf = patched.from(three);
      if (buf.toString() !== node.from(three).toString()) differing.push(a.toString(16));
      if (buf.toString('utf8') !== node.from(three).toString('utf8')) differing.push(`utf8 ${a.toString(16)}`);
    }
    expect(differing).toEqual([]);
  });

  it('UTF-8 decode: 4-byte leads E0-FF with every second byte and boundary continuation bytes read as Node', () => {
    const reps = [0x00, 0x41, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc2, 0xdf, 0xe0, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xff];
    const differing: string[] = [];
    for (let a = 0xe0; a < 0x100; a++) {
      const seqs: number[][] = [];
      for (let b = 0; b < 256; b++) for (const c of reps) for (const d of reps) seqs.push([a, b, c, d]);
      const bytes = separated(seqs, 4);
      if (patched.from(bytes).toString('utf-8') !== node.from(bytes).toString('utf-8')) differing.push(a.toString(16));
    }
    expect(differing).toEqual([]);
  });

  it('UTF-8 decode: dense random high-byte soup (no separators) and random bytes read as Node', () => {
    const r = xorshift(4242);
    const differing: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      const len = r() % 48;
      const b = new Uint8Array(len);
      for (let j = 0; j < len; j++) {
        const k = r() % 10;
        b[j] = k < 3 ? 0x80 + (r() % 64) : k < 6 ? 0xc0 + (r() % 64) : k < 8 ? r() & 0xff : 0x41;
      }
      if (patched.from(b).toString() !== node.from(b).toString()) differing.push(hex(b));
    }
    expect(differing).toEqual([]);
  });

  it('UTF-8 decode: BOMs (leading, doubled, mid-text, after invalid bytes, UTF-16 BOM bytes) are kept as Node keeps them', () => {
    const cases = [
      [0xef, 0xbb, 0xbf],
      [0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf],
      [0xef, 0xbb, 0xbf, 0x41],
      [0x41, 0xef, 0xbb, 0xbf],
      [0xef, 0xbb],
      [0xef, 0xbb, 0x41],
      [0x80, 0xef, 0xbb, 0xbf],
      [0xff, 0xfe, 0x41, 0x00],
      [0xfe, 0xff, 0x00, 0x41],
      [0xef, 0xbb, 0xbf, 0xe2, 0x82],
    ];
    for (const c of cases) {
      const bytes = Uint8Array.from(c);
      for (const args of [[], [undefined], ['utf8'], ['utf-8']]) {
        expect([c, args, patched.from(bytes).toString(...args)]).toEqual([c, args, node.from(bytes).toString(...(args as []))]);
      }
    }
  });

  it('UTF-8 decode: one decoder shared by all calls carries no state from a call to the next', () => {
    const calls = [[0xe2], [0x82, 0xac], [0xef, 0xbb, 0xbf], [0xef, 0xbb, 0xbf], [0xf0, 0x9f], [0x98, 0x80], [0xef, 0xbb], [0xbf]];
    expect(calls.map((c) => patched.from(Uint8Array.from(c)).toString())).toEqual(calls.map((c) => node.from(c).toString()));
  });

  it('UTF-8 encode: every UTF-16 code unit alone, and every surrogate pair and reversed pair, writes as Node', () => {
    let units = '';
    for (let u = 0; u < 0x10000; u++) units += `${String.fromCharCode(u)}Z`;
    for (const enc of [[], [undefined], ['utf8'], ['utf-8']]) {
      expect(hex(patched.from(units, ...enc))).toBe(hex(node.from(units, ...(enc as []))));
    }
    const parts: string[] = [];
    for (let hi = 0xd800; hi < 0xdc00; hi++) {
      let s = '';
      for (let lo = 0xdc00; lo < 0xe000; lo++) s += String.fromCharCode(hi, lo, 0x5a, lo, hi, 0x5a);
      parts.push(s);
    }
    const pairs = parts.join('');
    expect(hex(patched.from(pairs))).toBe(hex(node.from(pairs)));
    for (const s of ['\ud800\ud800\udc00', '\udc00\ud800', '\ud800', '\udfff', 'a\ud83d', '\ud83d\ude00\ud83d', '\ufeff', '\ufeff\ufeff', '\u0000', '\uffff\ufffe']) {
      expect([s, hex(patched.from(s, 'utf8'))]).toEqual([s, hex(node.from(s, 'utf8'))]);
    }
  });

  it('base64 encode: every length to 600, views at every offset into a buffer, and chunk boundaries write as Node', () => {
    for (let len = 0; len <= 600; len++) {
      const b = randomBytes(len + 1, len);
      expect(patched.from(b).toString('base64')).toBe(node.from(b).toString('base64'));
    }
    const big = patched.from(randomBytes(99, 0x6003));
    const nodeBig = node.from(big);
    for (const [start, end] of [[1, 0x2001], [3, 0x4003], [0x1fff, 0x6003], [5, 5], [0x2000, 0x4000], [7, 0x2007]] as const) {
      const want = (nodeBig.subarray(start, end) as AnyBuffer).toString('base64');
      expect((big.subarray(start, end) as AnyBuffer).toString('base64')).toBe(want);
      expect((big.slice(start, end) as AnyBuffer).toString('base64')).toBe(want);
      expect(patched.from(big.buffer, big.byteOffset + start, end - start).toString('base64')).toBe(want);
    }
    // The exported helper on a plain Uint8Array view with an offset.
    const plain = new Uint8Array(randomBytes(5, 0x5000).buffer, 17, 0x4001);
    expect(bytesToBase64(plain)).toBe(Buffer.from(plain).toString('base64'));
  });

  it('base64 decode: every padded group (2 or 3 letters, trailing bits set or not) and every 4-letter group read as Node', () => {
    const differing: string[] = [];
    for (const a of STD)
      for (const b of STD) {
        const two = `${a}${b}==`;
        if (hex(patched.from(two, 'base64')) !== hex(node.from(two, 'base64'))) differing.push(two);
        for (const c of STD) {
          const three = `${a}${b}${c}=`;
          if (hex(patched.from(three, 'base64')) !== hex(node.from(three, 'base64'))) differing.push(three);
        }
      }
    // All 64^4 unpadded groups, 65,536 to a call (concatenated groups stay canonical).
    const letters = Uint8Array.from(STD, (ch) => ch.charCodeAt(0));
    for (let hi = 0; hi < 256; hi++) {
      const text = new Uint8Array(65536 * 4);
      for (let i = 0; i < 65536; i++) {
        const v = hi * 65536 + i;
        text.set([letters[(v >> 18) & 63]!, letters[(v >> 12) & 63]!, letters[(v >> 6) & 63]!, letters[v & 63]!], i * 4);
      }
      const s = Buffer.from(text).toString('latin1');
      if (hex(patched.from(s, 'base64')) !== hex(node.from(s, 'base64'))) differing.push(`block ${hi}`);
    }
    expect(differing).toEqual([]);
  });

  it('canonicalBase64ToBytes never throws, declines all non-canonical text and, where it answers, answers as Node', () => {
    const r = xorshift(31337);
    const alphabet = [...STD, '=', '=', '-', '_', ' ', '\n', '*', '\u0151', '\ud800', '\u00e9', '\u0000'];
    let answered = 0;
    for (let i = 0; i < 100_000; i++) {
      const len = r() % 16;
      let s = '';
      for (let j = 0; j < len; j++) s += r() % 4 === 0 ? alphabet[r() % alphabet.length] : STD[r() % 64];
      const canonical = s.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(s);
      const out = canonicalBase64ToBytes(s);
      expect([s, out === undefined]).toEqual([s, !canonical]);
      if (out !== undefined) {
        answered++;
        expect([s, hex(out)]).toEqual([s, hex(node.from(s, 'base64'))]);
      }
    }
    expect(answered).toBeGreaterThan(1000);
  });

  it('zero-length input on every patched path answers as Node, with a real empty Buffer', () => {
    for (const enc of [undefined, 'utf8', 'utf-8', 'base64']) {
      const b = patched.from('', enc);
      expect(b.length).toBe(0);
      expect(patched.isBuffer(b)).toBe(true);
      expect(b instanceof patched).toBe(true);
      expect(patched.alloc(0).toString(enc)).toBe(node.alloc(0).toString(enc));
      expect(b.toString(enc)).toBe('');
    }
  });

  it('huge input (24 MB of bytes, an 8M-character string) answers as Node on every patched path', () => {
    const bytes = randomBytes(2024, 24 * 1024 * 1024 + 1);
    const ours = patched.from(bytes);
    const theirs = node.from(bytes);
    const b64 = theirs.toString('base64');
    expect(ours.toString('base64') === b64).toBe(true);
    expect(ours.toString() === theirs.toString()).toBe(true);
    expect(sameBytes(patched.from(b64, 'base64'), bytes)).toBe(true);
    const text = '\u00e9\ud83d\ude00a\ud800'.repeat(1_600_000);
    expect(sameBytes(patched.from(text), node.from(text))).toBe(true);
    expect(patched.from(text).toString() === node.from(text).toString()).toBe(true);
  });
});

describe('review6: what the patched paths return is a proper package Buffer', () => {
  const made = (): [string, AnyBuffer][] => [
    ['from(str)', patched.from('abcdefgh')],
    ['from(str, utf8)', patched.from('abcdefgh', 'utf8')],
    ['from(str, utf-8)', patched.from('abcdefgh', 'utf-8')],
    ['from(canonical, base64)', patched.from('YWJjZGVmZ2g=', 'base64')],
  ];

  it('is an instance of the class, isBuffer, has the methods, owns its bytes', () => {
    for (const [label, b] of made()) {
      expect([label, b instanceof patched, patched.isBuffer(b), b.constructor === patched]).toEqual([label, true, true, true]);
      expect(b.equals(original.from('abcdefgh') as Uint8Array)).toBe(true);
      expect(b.slice(1, 3) instanceof patched).toBe(true);
      expect(b.slice(1, 3).toString()).toBe('bc');
      expect((b.subarray(2, 4) as AnyBuffer).toString('hex')).toBe('6364');
      expect(b.readUInt8(0)).toBe(0x61);
      expect(b.readUInt32BE(4)).toBe(0x65666768);
      expect(b.toString('hex')).toBe('6162636465666768');
      expect(b.toString('latin1', 1, 2)).toBe('b');
      expect(b.toJSON()).toEqual({ type: 'Buffer', data: [97, 98, 99, 100, 101, 102, 103, 104] });
      expect(b.compare(patched.from('abcdefgi'))).toBe(-1);
      expect(patched.concat([b, patched.from('!')]).toString()).toBe('abcdefgh!');
      expect([b.byteOffset, b.buffer.byteLength]).toEqual([0, 8]);
      b.write('XY', 1);
      expect(b.toString()).toBe('aXYdefgh');
      expect(Object.isExtensible(b)).toBe(true);
    }
    // Fresh bytes on every call: writing into one result leaves the next untouched.
    const first = patched.from('same');
    first[0] = 0x21;
    expect(patched.from('same').toString()).toBe('same');
  });

  it('installing twice changes nothing (no second wrapper), and patching one copy leaves other copies alone', () => {
    const from = patched.from;
    const toString = patched.prototype.toString;
    installNativeStringCodecs(patched as never);
    installNativeStringCodecs(patched as never);
    expect(patched.from).toBe(from);
    expect(patched.prototype.toString).toBe(toString);
    const third = freshPackageBuffer<BufferClass>();
    expect(third.prototype.toString).not.toBe(toString);
    const broken = Uint8Array.from([0xe2, 0x82, 0x41]);
    expect(third.from(broken).toString()).toBe(original.from(broken).toString());
    installNativeStringCodecs(third as never);
    expect(third.from(broken).toString()).toBe(node.from(broken).toString());
    expect(original.from(broken).toString()).not.toBe(node.from(broken).toString());
  });

  it('install-buffer.ts leaves a global Buffer that already exists (Node, the CLI) untouched', async () => {
    const before = { from: Buffer.from, toString: Buffer.prototype.toString };
    await import('./install-buffer');
    expect(Buffer.from).toBe(before.from);
    expect(Buffer.prototype.toString).toBe(before.toString);
    expect((Buffer as unknown as Record<symbol, unknown>)[Symbol.for('provenance-lens.buffer-string-codecs')]).toBeUndefined();
  });
});

describe('review6: calls outside the patched paths behave as the package did', () => {
  const broken = Uint8Array.from([0x68, 0xe2, 0x82, 0x41, 0xff, 0xed, 0xa0, 0x80, 0xc0, 0xaf]);

  it('toString with other spellings, extra arguments, ranges or other encodings answers as the package', () => {
    const argLists: unknown[][] = [
      ['UTF8'], ['UTF-8'], ['Utf8'], ['uTf-8'], ['BASE64'], ['Base64'], [new String('utf8')], [new String('base64')],
      [null], [''], [0], [false], [undefined, undefined], ['utf8', undefined], ['utf8', 0], ['utf8', 0, broken.length],
      ['utf-8', 1, 6], ['base64', 0, broken.length], ['base64', 2], ['hex'], ['latin1'], ['binary'], ['ascii'], ['ucs2'],
      ['utf16le'], ['utf-16le'], ['bogus'], ['base64url'], ['utf8', -5, 100], ['base64', 3, 1],
    ];
    for (const args of argLists) {
      const label = JSON.stringify(args);
      expect([label, answer(() => patched.from(broken).toString(...args))]).toEqual([label, answer(() => original.from(broken).toString(...args))]);
    }
    expect(patched.from(broken).toLocaleString()).toBe(original.from(broken).toLocaleString());
  });

  it('Buffer.from with other encodings, argument counts or non-string values answers as the package', () => {
    const strings = ['h\u00e9\ud800x', '\ufeffQUJD', 'QU JD', 'QUJD', '6869', '', '\udc00'];
    const extra: unknown[][] = [
      ['UTF8'], ['UTF-8'], ['Base64'], ['BASE64'], [null], [''], [0], ['utf8', undefined], ['base64', undefined],
      ['utf-8', 0, 2], ['hex'], ['latin1'], ['ascii'], ['ucs2'], ['utf16le'], ['bogus'], ['base64url'], [new String('utf8')],
    ];
    for (const s of strings)
      for (const args of extra) {
        const label = JSON.stringify([s, ...args]);
        expect([label, answer(() => patched.from(s, ...args))]).toEqual([label, answer(() => original.from(s, ...args))]);
      }
    const values: unknown[] = [
      new String('h\u00e9'), { [Symbol.toPrimitive]: () => 'h\u00e9' }, [104, 233, 300], Uint8Array.from([1, 2, 3]),
      Uint16Array.from([0x4142]), new ArrayBuffer(3), { length: 2, 0: 65, 1: 66 }, undefined, null, 5, {},
    ];
    for (const v of values) {
      for (const args of [[], ['utf8'], ['base64'], [1, 1]]) {
        const label = `${Object.prototype.toString.call(v)} ${JSON.stringify(args)}`;
        expect([label, answer(() => patched.from(v, ...args))]).toEqual([label, answer(() => original.from(v, ...args))]);
      }
    }
  });

  it('lenient base64 (URL-safe, whitespace, no padding, text after "=", junk, non-Latin-1, lone surrogates) answers as Node (the package, but for characters above U+00FF)', () => {
    const r = xorshift(7);
    const extra = ['=', '=', '-', '_', ' ', '\n', '\t', '\r', '*', '.', '\u00e9', '\u0000', '\u00a0', '\ufeff', '\u2028', '\u3000', '\u0151', '\u0141', '\ud841', '\udc2b'];
    let lenient = 0;
    for (let i = 0; i < 100_000; i++) {
      const len = r() % 14;
      let s = '';
      for (let j = 0; j < len; j++) s += r() % 10 < 7 ? STD[r() % 64] : extra[r() % extra.length];
      if (r() % 3 === 0) s += '='.repeat(r() % 4);
      if (canonicalBase64ToBytes(s) === undefined) lenient++;
      expect([s, answer(() => patched.from(s, 'base64'))]).toEqual([s, answer(() => node.from(s, 'base64'))]);
    }
    expect(lenient).toBeGreaterThan(50_000);
  });

  it("the package's own string users (fill, alloc with a fill string) write the same bytes as before", () => {
    for (const [fill, enc] of [['\ud800', undefined], ['h\u00e9', 'utf8'], ['QUI=', 'base64'], ['QU I', 'base64'], ['6869', 'hex'], ['x', 'utf8']] as const) {
      expect(hex(patched.alloc(7, fill, enc))).toBe(hex(original.alloc(7, fill, enc)));
      const fillOf = (B: BufferClass): unknown => (B.alloc(7) as unknown as { fill: (...a: unknown[]) => Uint8Array }).fill(fill, 1, 6, enc);
      expect(answer(() => fillOf(patched))).toBe(answer(() => fillOf(original)));
    }
  });

  // Not a break of the claim (these calls are outside the patched paths and answer as the
  // package did), but worth knowing: the package's UTF-8 decoder, which disagrees with Node on
  // invalid bytes, is still reached by other spellings of the same call. @sigstore uses none
  // of them (checked by grep over @sigstore/*, @tufjs/*, tuf-js and src).
  it('documented: UTF8 / UTF-8 / ranges / extra undefined / toLocaleString still decode invalid UTF-8 as the package, not as Node', () => {
    for (const args of [['UTF8'], ['UTF-8'], [undefined, undefined], ['utf8', undefined], ['utf8', 0], ['utf8', 0, broken.length]]) {
      const label = JSON.stringify(args);
      const ours = patched.from(broken).toString(...args);
      expect([label, ours]).toEqual([label, original.from(broken).toString(...args)]);
      expect([label, ours === node.from(broken).toString(...(args as []))]).toEqual([label, false]);
    }
    expect(patched.prototype.toLocaleString).not.toBe(patched.prototype.toString); // Node: the same function
    expect(node.prototype.toLocaleString).toBe(node.prototype.toString);
    expect(patched.from(broken).toLocaleString()).not.toBe(node.from(broken).toLocaleString());
  });
});

describe('review6: findings, fixed', () => {
  // Buffer.prototype.toString reached with a receiver that is not a Buffer. Node's throws (no
  // utf8Slice); the package's decoded it byte by byte. The patched one decoded whatever
  // TextDecoder accepts: on a Uint8Array with invalid UTF-8 it returns a string neither
  // reference returns; on an ArrayBuffer, DataView or Uint16Array it returns the raw bytes as
  // UTF-8 where Node throws and the package answered "" or per element. No verification code
  // calls it that way (grep), so no verdict depended on it. Fixed: any receiver that is not the
  // package's Buffer gets the package's own toString.
  it('fixed: a patched toString on a non-Buffer receiver answers as Node (throws) or as the package did', () => {
    const u8 = Uint8Array.from([0x68, 0xe2, 0x82, 0x41, 0xff]);
    const receivers: [string, unknown][] = [
      ['Uint8Array, valid UTF-8', Uint8Array.from([0x68, 0x69])],
      ['Uint8Array, invalid UTF-8', u8],
      ['ArrayBuffer', u8.slice().buffer],
      ['DataView', new DataView(u8.slice().buffer)],
      ['Uint16Array', Uint16Array.from([0x4142, 0x43])],
      ['array', [65, 66]],
      ['array-like', { length: 2, 0: 65, 1: 66 }],
    ];
    const differing: string[] = [];
    for (const [label, receiver] of receivers) {
      for (const args of [[], ['utf8'], ['base64']]) {
        const ours = answer(() => patched.prototype.toString.call(receiver, ...args));
        const pkg = answer(() => original.prototype.toString.call(receiver, ...args));
        const nodes = answer(() => node.prototype.toString.call(receiver, ...args));
        if (ours !== pkg && !(threw(ours) && threw(nodes))) differing.push(`${label} ${JSON.stringify(args)}: patched ${ours}, package ${pkg}, node ${nodes}`);
      }
    }
    expect(differing).toEqual([]);
  });

  // Pre-existing, not introduced by the change, but on the path the change hands to the package
  // on the stated ground that the package reads lenient base64 "as Node does": Node reads each
  // character above U+00FF by its low byte (U+0151 'ő' counts as 'Q'), the package drops it.
  // Fixed as the review proposed: each such character is mapped to its low byte before the
  // package's decoder (equal to Node on 200,000 random strings during this review).
  it('fixed: lenient base64 holding characters above U+00FF reads as Node reads it', () => {
    const texts = ['\u0151UJD', 'Q\u0155JD', 'QUJ\u0144', 'QU\u012bD', '\ud841UJD', '\u0151\u0155\u014a\u0144', 'QUJD\u0151\u0151=='];
    const differing = texts
      .map((s) => [s, hex(patched.from(s, 'base64')), hex(original.from(s, 'base64')), hex(node.from(s, 'base64'))] as const)
      .filter(([, ours, , nodes]) => ours !== nodes)
      .map(([s, ours, pkg, nodes]) => `${JSON.stringify(s)}: patched ${ours}, package ${pkg}, node ${nodes}`);
    expect(differing).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Verdicts: the whole @sigstore/verify pipeline with the global Buffer swapped. "cli" = Node's
// Buffer and native crypto; "browser" = the patched package and the crypto adapter (the
// extension worker's configuration); "before" = the unpatched package and the adapter.

const cli = (c: BundleCase): Outcome => withCrypto('native', () => verifyCaseFresh(c));
function inBrowser(B: BufferClass, c: BundleCase): Outcome {
  return withGlobalBuffer(B, () => {
    adapter.clearCryptoMemos();
    return withCrypto('adapter', () => verifyCaseFresh(c));
  });
}
const verdict = (o: Outcome): string => (o.ok ? 'ok' : o.code);

const BASE64_KEYS = new Set(['rawBytes', 'canonicalizedBody', 'signedEntryTimestamp', 'keyId', 'rootHash', 'hashes', 'payload', 'sig', 'digest', 'signature', 'signedTimestamp']);

/** A copy of a bundle JSON with every base64 byte field's text passed through `respell`. */
function respellBase64(value: unknown, respell: (s: string) => string, key = ''): unknown {
  if (typeof value === 'string') return BASE64_KEYS.has(key) ? respell(value) : value;
  if (Array.isArray(value)) return value.map((v) => respellBase64(v, respell, key));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, respellBase64(v, respell, k)]));
  }
  return value;
}

describeRealData('review6: verdicts on the real fixtures, CLI against browser', () => {
  const cases = loadBundleCases(FIXTURES_DIR);
  const anchor = cases.find((c) => c.name.startsWith('npm/sigstore/sigstore@2.3.1.attestations.json'));

  it('the swap really puts the package Buffer under @sigstore (parsed bytes are patched Buffers)', async () => {
    const { bundleFromJSON } = await import('@sigstore/bundle');
    expect(anchor).toBeDefined();
    const parsed = withGlobalBuffer(patched, () => bundleFromJSON((anchor as BundleCase).bundle)) as unknown as {
      content: { dsseEnvelope: { payload: unknown } };
    };
    expect(parsed.content.dsseEnvelope.payload instanceof patched).toBe(true);
    // And without the swap they are Node Buffers: the swap is what routes them.
    const plain = bundleFromJSON((anchor as BundleCase).bundle) as unknown as typeof parsed;
    expect(plain.content.dsseEnvelope.payload instanceof patched).toBe(false);
    expect(Buffer.isBuffer(plain.content.dsseEnvelope.payload)).toBe(true);
    expect(verdict(inBrowser(patched, anchor as BundleCase))).toBe('ok');
  });

  it('every real case: the browser (patched) gives the CLI verdict and error code, as the package did before', () => {
    const differing: string[] = [];
    let ok = 0;
    for (const c of cases) {
      const want = verdict(cli(c));
      const browser = verdict(inBrowser(patched, c));
      const before = verdict(inBrowser(original, c));
      if (browser !== want || before !== want) differing.push(`${c.name}: cli ${want}, browser ${browser}, before ${before}`);
      if (want === 'ok') ok++;
    }
    expect(differing).toEqual([]);
    expect(ok).toBeGreaterThan(40);
    expect(cases.length - ok).toBeGreaterThan(25);
  });

  it('every signed-JSON case with its base64 fields respelt (no padding, URL-safe, MIME lines, spaces) keeps one verdict everywhere', () => {
    const respellings: [string, (s: string) => string][] = [
      ['no padding', (s) => s.replace(/=+$/, '')],
      ['URL-safe', (s) => s.replace(/\+/g, '-').replace(/\//g, '_')],
      ['MIME lines', (s) => s.replace(/(.{76})/g, '$1\r\n')],
      ['spaces', (s) => s.replace(/(.{4})/g, '$1 ')],
    ];
    const differing: string[] = [];
    let accepted = 0;
    for (const c of cases.filter((k) => typeof k.bundle === 'object' && k.bundle !== null && k.group !== 'conformance').slice(0, 12)) {
      for (const [label, respell] of respellings) {
        const variant = { ...c, bundle: respellBase64(c.bundle, respell) };
        expect(JSON.stringify(variant.bundle)).not.toBe(JSON.stringify(c.bundle));
        const want = verdict(cli(variant));
        if (want === 'ok') accepted++;
        const browser = verdict(inBrowser(patched, variant));
        if (browser !== want) differing.push(`${c.name} ${label}: cli ${want}, browser ${browser}`);
        expect([c.name, label, want]).toEqual([c.name, label, verdict(cli(c))]);
      }
    }
    expect(differing).toEqual([]);
    expect(accepted).toBeGreaterThan(20);
  });

  it('Rekor bodies made invalid UTF-8 (the JSON body then decodes lossily) get the CLI verdict in the browser', () => {
    const differing: string[] = [];
    let decodedDifferently = 0;
    const injections: [string, number[]][] = [
      ['truncated sequence', [0xe2, 0x82]],
      ['overlong', [0xc0, 0xaf]],
      ['encoded surrogate', [0xed, 0xa0, 0x80]],
      ['BOM', [0xef, 0xbb, 0xbf]],
    ];
    for (const c of cases.filter((k) => typeof k.bundle === 'object' && k.bundle !== null && k.group !== 'conformance').slice(0, 8)) {
      for (const [label, bytes] of injections) {
        const doc = structuredClone(c.bundle) as { verificationMaterial?: { tlogEntries?: { canonicalizedBody: string }[] } };
        const entry = doc.verificationMaterial?.tlogEntries?.[0];
        if (!entry) continue;
        const body = Buffer.from(entry.canonicalizedBody, 'base64');
        // Inside the first string value of the body JSON ({"apiVersion":"0.0.1",...}), so it stays JSON.
        const at = body.indexOf('"', body.indexOf(':')) + 2;
        const changed = Buffer.concat([body.subarray(0, at), Buffer.from(bytes), body.subarray(at)]);
        if (original.from(changed).toString() !== changed.toString()) decodedDifferently++;
        entry.canonicalizedBody = changed.toString('base64');
        const variant = { ...c, bundle: doc };
        const want = cli(variant);
        const browser = inBrowser(patched, variant);
        if (verdict(browser) !== verdict(want)) differing.push(`${c.name} ${label}: cli ${verdict(want)}, browser ${verdict(browser)}`);
      }
    }
    expect(decodedDifferently).toBeGreaterThan(0);
    expect(differing).toEqual([]);
  });

  // Follows from the second finding above: a base64 field holding a character above U+00FF.
  // Each letter c swapped for U+0100+c (Node reads it as c; the package drops it), or such a
  // character inserted (Node reads a letter more; the package drops it). The CLI and the
  // browser then disagreed in both directions. Pre-existing (the package did the same before
  // the change), and the signed bytes the browser accepted were the genuine ones.
  it('fixed: a base64 field holding characters above U+00FF gets the CLI verdict in the browser', () => {
    const c = anchor as BundleCase;
    const widen = (s: string, at: number): string => s.slice(0, at) + String.fromCharCode(0x100 + s.charCodeAt(at)) + s.slice(at + 1);
    const insert = (s: string, at: number): string => `${s.slice(0, at)}\u0151${s.slice(at)}`;
    const variants: [string, (s: string) => string][] = [
      ['DSSE sig, letter 10 widened', (s) => widen(s, 10)],
      ['DSSE sig, U+0151 inserted at 10', (s) => insert(s, 10)],
    ];
    const differing: string[] = [];
    for (const [label, change] of variants) {
      const doc = structuredClone(c.bundle) as { dsseEnvelope: { signatures: { sig: string }[] } };
      doc.dsseEnvelope.signatures[0]!.sig = change(doc.dsseEnvelope.signatures[0]!.sig);
      const variant = { ...c, bundle: doc };
      const want = verdict(cli(variant));
      const browser = verdict(inBrowser(patched, variant));
      const before = verdict(inBrowser(original, variant));
      if (browser !== want) differing.push(`${label}: cli ${want}, browser ${browser}, before the change ${before}`);
    }
    expect(differing).toEqual([]);
  });
});

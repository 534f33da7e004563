// The browser's Buffer stand-in with native UTF-8 and base64 must read and write exactly as
// Node's Buffer (what the CLI verifies with): compared on every string of the real fixture
// bundles and on hostile input built here.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FIXTURES_DIR, describeRealData } from '../../testing/fixtures';
import { installNativeStringCodecs } from './buffer-string-codecs';
import { freshPackageBuffer } from './testing/package-buffer';
import { stringsOf } from './testing/json-strings';
import { loadBundleCases } from './testing/real-bundle-cases';

type AnyBuffer = Uint8Array & { toString: (...a: unknown[]) => string };
interface BufferLike {
  from: (...a: unknown[]) => AnyBuffer;
  isBuffer: (b: unknown) => boolean;
}

const original = freshPackageBuffer<BufferLike>();
const patched = freshPackageBuffer<BufferLike>();
installNativeStringCodecs(patched as never);
const node = Buffer as unknown as BufferLike;

/** Deterministic bytes (xorshift), so a failure names a reproducible input. */
function randomBytes(seed: number, length: number): Uint8Array {
  let x = seed || 1;
  return Uint8Array.from({ length }, () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return x & 0xff;
  });
}

function sameAsNodeForBytes(bytes: Uint8Array): void {
  for (const encoding of [undefined, 'utf8', 'utf-8', 'base64'] as const) {
    const args = encoding === undefined ? [] : [encoding];
    expect(patched.from(bytes).toString(...args), `${encoding} of ${Buffer.from(bytes).toString('hex')}`).toBe(node.from(bytes).toString(...args));
  }
}

function sameAsNodeForText(text: string, encoding: string): void {
  const ours = patched.from(text, encoding);
  expect(patched.isBuffer(ours)).toBe(true);
  expect(Buffer.from(ours).toString('hex'), `${encoding} ${JSON.stringify(text.slice(0, 80))}`).toBe(node.from(text, encoding).toString('hex'));
}

const INVALID_UTF8: number[][] = [
  [0xe2, 0x82], // truncated 3-byte sequence
  [0xe2, 0x82, 0x41], // truncated, then ASCII
  [0xc0, 0xaf], // overlong '/'
  [0xe0, 0x80, 0xaf], // overlong, 3 bytes
  [0xed, 0xa0, 0x80], // an encoded surrogate
  [0xf4, 0x90, 0x80, 0x80], // above U+10FFFF
  [0x80, 0xbf], // lone continuation bytes
  [0xf5, 0xff, 0xfe], // never valid
  [0xf0, 0x9f, 0x98], // truncated 4-byte sequence
  [0xef, 0xbb, 0xbf, 0x7b, 0x7d], // a BOM, then "{}"
];

const LENIENT_BASE64 = ['', 'QQ', 'QUI', 'QUJD', 'QQ==', 'QR==', 'QUI=', 'QUJ=', 'Q===', 'Q', 'QQ==QUJD', 'QU JD', 'QU\nJD', ' QUJD ', '-_-_', 'a-b_', 'QU*JD', '=QUJD', 'QUJD=', 'QUJD==', '====', '+/+/', 'AAAA'];

describe('native string codecs on the browser Buffer stand-in', () => {
  it('decode UTF-8 as Node does, where the package alone did not', () => {
    for (const bytes of INVALID_UTF8) sameAsNodeForBytes(Uint8Array.from(bytes));
    // The reason to care: the package's own decoder answered differently from Node here.
    const truncated = Uint8Array.from([0xe2, 0x82, 0x41]);
    expect(original.from(truncated).toString('utf8')).not.toBe(node.from(truncated).toString('utf8'));
  });

  it('read and write random bytes as Node does', () => {
    for (let seed = 1; seed <= 300; seed++) sameAsNodeForBytes(randomBytes(seed, seed % 97));
    sameAsNodeForBytes(randomBytes(7, 50_000)); // longer than one base64 chunk
  });

  it('encode text as Node does, lone surrogates and BOM included', () => {
    for (const text of ['', 'abc', 'é€😀', '\ud800', 'a\udc00b', '\ufeff{}', '\u0000', 'x'.repeat(70_000)]) {
      for (const encoding of ['utf8', 'utf-8', 'base64']) sameAsNodeForText(text, encoding);
      expect(Buffer.from(patched.from(text)).toString('hex')).toBe(Buffer.from(text).toString('hex'));
    }
  });

  it('read lenient base64 as Node does, characters above U+00FF by their low byte', () => {
    for (const text of LENIENT_BASE64) sameAsNodeForText(text, 'base64');
    for (const text of ['\u0151UJD', 'QU\u012bD', 'QUJD\u013dQUJD', 'Q\u012dJ\u015f', '\ud841UJD', 'QU\u010aJD']) sameAsNodeForText(text, 'base64');
  });

  it('leave every other call to the package unchanged', () => {
    const bytes = Uint8Array.from([0x68, 0x69, 0xff, 0x00]);
    expect(patched.from(bytes).toString('hex')).toBe('6869ff00');
    expect(patched.from(bytes).toString('utf8', 0, 2)).toBe('hi');
    expect(patched.from(bytes).toString('base64', 1, 3)).toBe(node.from(bytes).toString('base64', 1, 3));
    expect(patched.from('6869', 'hex').toString()).toBe('hi');
    expect([...patched.from('hi', 'latin1')]).toEqual([0x68, 0x69]);
    const view = patched.from(bytes.buffer, 1, 2);
    expect([...view]).toEqual([0x69, 0xff]);
  });
});

describeRealData('native string codecs on real bundles', () => {
  it('read every string of every real bundle and trusted root as Node does', () => {
    const cases = loadBundleCases(FIXTURES_DIR);
    const texts = new Set(cases.flatMap((c) => [...stringsOf(c.bundle), ...stringsOf(c.trustedRoot)]));
    expect(texts.size).toBeGreaterThan(100);
    for (const text of texts) {
      sameAsNodeForText(text, 'base64');
      sameAsNodeForText(text, 'utf8');
      sameAsNodeForBytes(node.from(text, 'base64'));
    }
  });

  it('decode a real trusted root file as Node does', () => {
    const raw = readFileSync(`${FIXTURES_DIR}/sigstore/trusted_root.json`);
    expect(patched.from(raw).toString('utf8')).toBe(raw.toString('utf8'));
  });
});

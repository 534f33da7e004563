// The `buffer` package (the browser's stand-in for Node's Buffer) encodes and decodes UTF-8 and
// base64 in JavaScript, byte by byte, and encodes a UTF-8 string twice (once to size it). In the
// extension worker that was a tenth of a cold search's verification time: every Rekor entry's
// signed timestamp payload is the entry body re-encoded as base64 inside canonical JSON, then
// as UTF-8 (@sigstore/verify tlog/set.js), and every bundle's base64 fields are decoded.
// The platform has native codecs for exactly these: TextEncoder, TextDecoder, btoa, atob.
//
// Each native path is taken only where its answer equals Node's Buffer, the reference the CLI
// runs on (buffer-string-codecs.test.ts compares them on real bundles and hostile inputs):
//  - UTF-8 both ways: TextEncoder writes a lone surrogate as U+FFFD, as Node does; TextDecoder
//    (non-fatal, BOM kept) replaces invalid bytes as Node does. The polyfill's own decoder
//    replaced some invalid sequences differently, so here the browser now agrees with the CLI.
//  - base64 out: btoa over the bytes as Latin-1 is standard padded base64, as Node writes.
//  - base64 in: Uint8Array.fromBase64 where the platform has it, else atob, only for canonical
//    text (standard alphabet, length a multiple of 4, at most two '=' at the end; with
//    fromBase64 also the last character's unused bits zero). Anything else (URL-safe letters,
//    whitespace, missing padding, text after '=') goes to the polyfill's lenient decoder, which
//    reads it as Node does, but for one thing: Node reads a character above U+00FF by its low
//    byte (U+0151 as 'Q'), the polyfill drops it. Such characters are mapped to their low byte first, so a bundle with
//    them gets the CLI's verdict (found by an independent review; review6-codecs.test.ts).
type BufferClass = {
  from: (...args: never[]) => Uint8Array;
  prototype: Uint8Array & { toString: (...args: never[]) => string };
};

const CANONICAL_BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
/** Bytes per String.fromCharCode call: far below any engine's argument-count limit. */
const CHUNK = 0x2000;
const PATCHED = Symbol.for('provenance-lens.buffer-string-codecs');

const isUtf8 = (encoding: unknown): boolean => encoding === undefined || encoding === 'utf8' || encoding === 'utf-8';
const ABOVE_LATIN1 = /[^\x00-\xff]/g;
/** Each character above U+00FF as its low byte: how Node's base64 decoder reads it. */
const lowBytes = (text: string): string => text.replace(ABOVE_LATIN1, (c) => String.fromCharCode(c.charCodeAt(0) & 0xff));

export function bytesToBase64(bytes: Uint8Array): string {
  let latin1 = '';
  // apply, not spread: V8 takes a typed array's elements as arguments directly (3.6x base64-js's
  // encoder on a 4 KB certificate; spreading was slower than base64-js).
  for (let i = 0; i < bytes.length; i += CHUNK) latin1 += String.fromCharCode.apply(null, bytes.subarray(i, i + CHUNK) as unknown as number[]);
  return btoa(latin1);
}

/** ES2026 `Uint8Array.fromBase64` (Chromium 140, Firefox 133; not Node 22). */
export type FromBase64 = (text: string, options: { lastChunkHandling: 'strict' }) => Uint8Array;
const nativeFromBase64 = (Uint8Array as unknown as { fromBase64?: FromBase64 }).fromBase64;

/** Bytes canonical base64 of this length holds: 3 per 4 characters, less its padding. */
const canonicalLength = (text: string): number => (text.length / 4) * 3 - (text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0);

/** The bytes of canonical base64 text, or undefined where Node's lenient reading must decide. */
export function canonicalBase64ToBytes(text: string): Uint8Array | undefined {
  return nativeFromBase64 !== undefined ? nativeCanonicalBase64(text, nativeFromBase64) : atobCanonicalBase64(text);
}

/**
 * canonicalBase64ToBytes where the platform has `fromBase64`: it decodes and checks in one
 * native pass, where the check alone by regular expression took longer than atob. Its strict
 * mode refuses what is not canonical (text after '=', missing padding, unused bits set, any
 * letter outside the standard alphabet) but for ASCII whitespace, which it skips: skipped
 * characters leave fewer bytes than the text's length promises, so a whitespace-free canonical
 * text is the only one whose byte count matches. On that text it and atob give the same bytes.
 */
export function nativeCanonicalBase64(text: string, fromBase64: FromBase64): Uint8Array | undefined {
  if (text.length % 4 !== 0) return undefined;
  let bytes: Uint8Array;
  try {
    bytes = fromBase64.call(Uint8Array, text, { lastChunkHandling: 'strict' });
  } catch {
    return undefined;
  }
  return bytes.length === canonicalLength(text) ? bytes : undefined;
}

/** canonicalBase64ToBytes without `fromBase64` (Node 22): a pattern check, then atob. */
export function atobCanonicalBase64(text: string): Uint8Array | undefined {
  if (text.length % 4 !== 0 || !CANONICAL_BASE64.test(text)) return undefined;
  return latin1Bytes(atob(text));
}

/** The bytes of a string whose characters are all below U+0100 (what atob answers). */
export function latin1Bytes(latin1: string): Uint8Array {
  const bytes = new Uint8Array(latin1.length);
  for (let i = 0; i < latin1.length; i++) bytes[i] = latin1.charCodeAt(i);
  return bytes;
}

/**
 * Gives `Buffer` (the `buffer` package's class) native UTF-8 and base64 for whole-string
 * `Buffer.from(string, encoding)` and whole-buffer `toString(encoding)`; every other call, and
 * any input outside the native paths' agreement with Node, goes to the package's own code.
 */
export function installNativeStringCodecs(Buffer: BufferClass): void {
  const target = Buffer as BufferClass & { [PATCHED]?: true };
  if (target[PATCHED]) return;
  target[PATCHED] = true;
  const encoder = new TextEncoder();
  // ignoreBOM: keep a leading U+FEFF in the text, as Node's toString does.
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  // The package's Buffer is a Uint8Array with Buffer.prototype; it makes its own the same way.
  const asBuffer = (bytes: Uint8Array): Uint8Array => Object.setPrototypeOf(bytes, Buffer.prototype) as Uint8Array;

  const packageFrom = Buffer.from;
  Buffer.from = function from(this: unknown, ...args: never[]): Uint8Array {
    const [value, encoding] = args as unknown[];
    if (typeof value === 'string' && args.length <= 2) {
      if (isUtf8(encoding)) return asBuffer(encoder.encode(value));
      if (encoding === 'base64') {
        const bytes = canonicalBase64ToBytes(value);
        if (bytes !== undefined) return asBuffer(bytes);
        return packageFrom.call(this, lowBytes(value) as never, 'base64' as never);
      }
    }
    return packageFrom.apply(this, args);
  };

  const packageToString = Buffer.prototype.toString;
  Buffer.prototype.toString = function toString(this: Uint8Array, ...args: never[]): string {
    const [encoding] = args as unknown[];
    // Only on the package's own Buffers: any other receiver keeps the package's answer.
    if (args.length <= 1 && this instanceof (Buffer as unknown as typeof Uint8Array)) {
      if (isUtf8(encoding)) return decoder.decode(this);
      if (encoding === 'base64') return bytesToBase64(this);
    }
    return packageToString.apply(this, args);
  };
}

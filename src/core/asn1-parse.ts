// A DER parser that builds exactly the tree @sigstore/core's ASN1Obj.parseBuffer builds, for the
// inputs that parser accepts, without its two costs in the extension worker:
//  - it reads every byte through ByteStream.getUint8(), a one-byte Buffer subarray each, which
//    the worker's Buffer stand-in makes dear;
//  - it tries every primitive OCTET STRING as nested DER and throws where it is not, a dozen
//    throws per Fulcio certificate.
// Measured in Chromium's extension worker, parsing was a quarter of verifying a new package;
// under Node this parser takes about a fourteenth of the library's time per certificate.
//
// The library's rules, mirrored: one-byte tags only and never universal tag 0; definite lengths
// in minimal form of at most 6 bytes; a constructed node's children fill its value exactly; a
// primitive OCTET STRING whose value is such a sequence of nodes gets them as children, any
// other is a leaf; nesting at most 100 deep; no trailing bytes. Values are views of one copy of
// the input, as the library's are. Anything this parser refuses goes to the library's parser,
// so a malformed input fails with the library's own error (and any disagreement in refusing
// can only cost time). asn1-parse.test.ts compares both parsers on real certificates and on
// mutations of them.
import { ASN1Obj } from '@sigstore/core';

type ParseBuffer = (buf: Buffer<ArrayBuffer>) => ASN1Obj;
type Tag = ASN1Obj['tag'];
type TagClass = new (enc: number) => Tag;

const MAX_DEPTH = 100;
const OCTET_STRING = 0x04;
const CONSTRUCTED = 0x20;

interface Cursor {
  pos: number;
}

/** The node at `c.pos`, ending at or before `limit`, or null where the library would throw. */
function node(Tag: TagClass, b: Buffer, c: Cursor, limit: number, depth: number): ASN1Obj | null {
  if (depth > MAX_DEPTH) return null;
  let p = c.pos;
  if (p + 2 > b.length) return null;
  const enc = b[p++]!;
  // Long-form tag numbers, and universal class with number 0 (classes are the top two bits).
  if ((enc & 0x1f) === 0x1f || (enc < 0x40 && (enc & 0x1f) === 0)) return null;
  let length = b[p++]!;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count > 6) return null;
    length = 0;
    for (let i = 0; i < count; i++) {
      if (p >= b.length) return null;
      const byte = b[p++]!;
      if (i === 0 && byte === 0) return null;
      length = length * 256 + byte;
    }
    // Zero (the indefinite form) and lengths the short form could say are refused.
    if (length < 128) return null;
  }
  const end = p + length;
  // A child reaching past its parent fails the parent in the library, whatever else it holds.
  if (end > limit) return null;
  let subs: ASN1Obj[] = [];
  if (enc & CONSTRUCTED) {
    const inner = children(Tag, b, p, end, depth);
    if (inner === null) return null;
    subs = inner;
  } else if (enc === OCTET_STRING) {
    subs = children(Tag, b, p, end, depth) ?? [];
  }
  c.pos = end;
  return new ASN1Obj(new Tag(enc), b.subarray(p, end), subs);
}

function children(Tag: TagClass, b: Buffer, start: number, end: number, depth: number): ASN1Obj[] | null {
  const c = { pos: start };
  const subs: ASN1Obj[] = [];
  while (c.pos < end) {
    const sub = node(Tag, b, c, end, depth + 1);
    if (sub === null) return null;
    subs.push(sub);
  }
  return subs;
}

/** `buf`'s tree, or null for input the library refuses (tests compare this with the library). */
export function parseDerOrNull(Tag: TagClass, buf: Buffer<ArrayBuffer>): ASN1Obj | null {
  const b = Buffer.from(buf);
  const c = { pos: 0 };
  const root = node(Tag, b, c, b.length, 0);
  return root !== null && c.pos === b.length ? root : null;
}

/** @sigstore/core does not export its tag class; the library's parse of a NULL brings it. */
export function tagClassOf(library: ParseBuffer): TagClass {
  return library(Buffer.from([0x05, 0x00])).tag.constructor as TagClass;
}

/** A parseBuffer that answers as `library` does, faster; `library` decides what this refuses. */
export function createDerParser(library: ParseBuffer): ParseBuffer {
  const Tag = tagClassOf(library);
  return (buf) => parseDerOrNull(Tag, buf) ?? library(buf);
}

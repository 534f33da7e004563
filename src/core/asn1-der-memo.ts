// @sigstore/core re-encodes a parsed ASN.1 tree on every `toDER()`, and @sigstore/verify's chain
// builder compares certificates by re-encoding both (`X509Certificate.equals`), once per pair of
// candidate certificates, for every CA in the trusted root, for every bundle. Profiled under
// Node, that re-encoding was about half of all verification time; with the worker's Buffer
// polyfill it costs more still.
//
// An object's encoding is a function of its tag, its value and its children, so it is cached per
// object together with those references. Objects are not immutable (the SCT check splices an
// extension out of a cloned certificate before encoding it), so a cached encoding is used only
// after checking, by identity, that the object and every descendant still hold what they held
// when it was recorded: a walk of references, far cheaper than building buffers. Nothing writes
// into a parsed value's bytes or into an encoding handed out, in either library or in ours.
//
// A node as the parser left it needs no encoding at all. The parser accepts DER only (one-byte
// tags, minimal definite lengths, children that fill their parent's value exactly), and keeps in
// `value` the content bytes of every node, constructed ones included; so the library's encoding
// of an unchanged parsed node is its tag byte, its length and those bytes. That was still a third
// of a cold search page's verification: every bundle brings a certificate never encoded before.
import { ASN1Obj } from '@sigstore/core';
import { createDerParser } from './asn1-parse';

interface Recorded {
  /** The encoding; undefined for a node as parsed, whose encoding is its tag, length and value. */
  der: Buffer | undefined;
  tag: ASN1Obj['tag'];
  value: Buffer;
  subs: readonly ASN1Obj[];
  /** The children's records when this one was made: a child encoded anew since makes this stale. */
  inner: readonly (Recorded | undefined)[];
}

const ORIGINAL = Symbol.for('provenance-lens.asn1-der-memo.original');
type ToDER = typeof ASN1Obj.prototype.toDER;
type ParseBuffer = typeof ASN1Obj.parseBuffer;
type Patched<F> = F & { [ORIGINAL]?: F };

// Twice-bundled code (tests, the bench's worker build) must not wrap the wrappers.
const installedToDER = ASN1Obj.prototype.toDER as Patched<ToDER>;
const encode: ToDER = installedToDER[ORIGINAL] ?? installedToDER;
const installedParse = ASN1Obj.parseBuffer as Patched<ParseBuffer>;
const parseBuffer: ParseBuffer = installedParse[ORIGINAL] ?? installedParse;
const parseDer = createDerParser((buf) => parseBuffer.call(ASN1Obj, buf));
// A node's record lives on the node, under a symbol no other code holds (a twice-bundled copy
// of this module has its own): under V8 a WeakMap entry per node cost many times the node's
// parse. Measured under Node on the trusted root's certificates, parsing and recording took 97 us
// per certificate with a WeakMap and 31 us with this and one shared empty array for leaves.
const RECORD = Symbol('provenance-lens.asn1-der-memo.record');
type Noted = ASN1Obj & { [RECORD]?: Recorded };
const recordOf = (obj: ASN1Obj): Recorded | undefined => (obj as Noted)[RECORD];
/** A leaf's children and their records, shared by every leaf: frozen, so none can change it. */
const NONE: readonly never[] = Object.freeze([]);

function record(obj: ASN1Obj, der: Buffer | undefined): Recorded {
  const leaf = obj.subs.length === 0;
  const known = { der, tag: obj.tag, value: obj.value, subs: leaf ? NONE : [...obj.subs], inner: leaf ? NONE : obj.subs.map((sub) => recordOf(sub)) };
  (obj as Noted)[RECORD] = known;
  return known;
}

/** The node's own fields, and its children's records, are those of `known`; says nothing deeper. */
function sameFields(obj: ASN1Obj, known: Recorded): boolean {
  if (obj.tag !== known.tag || obj.value !== known.value || obj.subs.length !== known.subs.length) return false;
  return obj.subs.every((sub, i) => sub === known.subs[i] && known.inner[i] !== undefined && recordOf(sub) === known.inner[i]);
}

function unchanged(obj: ASN1Obj, known: Recorded): boolean {
  return sameFields(obj, known) && obj.subs.every((sub, i) => unchanged(sub, known.inner[i]!));
}

/** DER definite length, minimal form, as @sigstore/core's encodeLength writes it. */
function lengthBytes(length: number): number[] {
  if (length < 128) return [length];
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  return [0x80 | bytes.length, ...bytes];
}

function parsedEncoding(obj: ASN1Obj): Buffer {
  const header = [obj.tag.toDER(), ...lengthBytes(obj.value.length)];
  const der = Buffer.alloc(header.length + obj.value.length);
  der.set(header, 0);
  der.set(obj.value, header.length);
  return der;
}

function memoisedToDER(this: ASN1Obj): Buffer {
  const known = recordOf(this);
  if (known !== undefined && unchanged(this, known)) return (known.der ??= parsedEncoding(this));
  // The original encoder calls toDER() on each child, so children are cached on the way.
  const der = encode.call(this);
  record(this, der);
  return der;
}

function recordParsed(obj: ASN1Obj): void {
  for (const sub of obj.subs) recordParsed(sub);
  record(obj, undefined);
}

function memoisedParseBuffer(buf: Buffer<ArrayBuffer>): ASN1Obj {
  const obj = parseDer(buf);
  recordParsed(obj);
  return obj;
}

if (installedToDER[ORIGINAL] === undefined) {
  (memoisedToDER as Patched<ToDER>)[ORIGINAL] = encode;
  ASN1Obj.prototype.toDER = memoisedToDER;
}
if (installedParse[ORIGINAL] === undefined) {
  (memoisedParseBuffer as Patched<ParseBuffer>)[ORIGINAL] = parseBuffer;
  ASN1Obj.parseBuffer = memoisedParseBuffer;
}

/**
 * A deep copy of the tree; value bytes are shared, as nothing writes into them. A node whose
 * encoding is on record and unchanged hands it to its copy, which has the same bytes.
 */
export function copyTree(obj: ASN1Obj): ASN1Obj {
  const subs = obj.subs.map(copyTree);
  const copy = new ASN1Obj(obj.tag, obj.value, subs);
  const known = recordOf(obj);
  // A child's copy is on record only when the child's whole subtree was unchanged.
  if (known !== undefined && sameFields(obj, known) && subs.every((sub) => recordOf(sub) !== undefined)) record(copy, known.der);
  return copy;
}

/** The unmemoised encoder, for tests that compare both. */
export const encodeWithoutMemo: (obj: ASN1Obj) => Buffer = (obj) => encode.call(obj);

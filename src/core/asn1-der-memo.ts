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
// when it was encoded: a walk of references, far cheaper than building buffers. Nothing writes
// into a parsed value's bytes or into an encoding handed out, in either library or in ours.
import { ASN1Obj } from '@sigstore/core';

interface Encoded {
  der: Buffer;
  tag: ASN1Obj['tag'];
  value: Buffer;
  subs: readonly ASN1Obj[];
}

const ORIGINAL = Symbol.for('provenance-lens.asn1-der-memo.original');
type ToDER = typeof ASN1Obj.prototype.toDER;
type Patched = ToDER & { [ORIGINAL]?: ToDER };

// Twice-bundled code (tests, the bench's worker build) must not wrap the wrapper.
const installed = ASN1Obj.prototype.toDER as Patched;
const encode: ToDER = installed[ORIGINAL] ?? installed;
const encoded = new WeakMap<ASN1Obj, Encoded>();

function unchanged(obj: ASN1Obj, known: Encoded): boolean {
  if (obj.tag !== known.tag || obj.value !== known.value || obj.subs.length !== known.subs.length) return false;
  for (let i = 0; i < known.subs.length; i++) {
    const sub = obj.subs[i]!;
    if (sub !== known.subs[i]) return false;
    const inner = encoded.get(sub);
    if (inner === undefined || !unchanged(sub, inner)) return false;
  }
  return true;
}

function memoisedToDER(this: ASN1Obj): Buffer {
  const known = encoded.get(this);
  if (known !== undefined && unchanged(this, known)) return known.der;
  // The original encoder calls toDER() on each child, so children are cached on the way.
  const der = encode.call(this);
  encoded.set(this, { der, tag: this.tag, value: this.value, subs: [...this.subs] });
  return der;
}

if (installed[ORIGINAL] === undefined) {
  (memoisedToDER as Patched)[ORIGINAL] = encode;
  ASN1Obj.prototype.toDER = memoisedToDER;
}

/** The unmemoised encoder, for tests that compare both. */
export const encodeWithoutMemo: (obj: ASN1Obj) => Buffer = (obj) => encode.call(obj);

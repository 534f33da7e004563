// @sigstore/core re-encodes a parsed ASN.1 tree on every `toDER()`, and @sigstore/verify's chain
// builder compares certificates by re-encoding both (`X509Certificate.equals`), once per pair of
// candidate certificates, for every CA in the trusted root, for every bundle. Profiled under
// Node, that re-encoding was about half of all verification time; with the worker's Buffer
// polyfill it costs more still.
//
// A parsed ASN1Obj is never changed after parsing (neither library assigns `subs` or `value`
// outside the constructor), so its encoding is a function of the object: caching it per object
// returns exactly the bytes the original method would build. The cache is a WeakMap, so an
// encoding lives as long as its certificate. Installed once, by importing this module.
import { ASN1Obj } from '@sigstore/core';

const ORIGINAL = Symbol.for('provenance-lens.asn1-der-memo.original');
type ToDER = typeof ASN1Obj.prototype.toDER;
type Patched = ToDER & { [ORIGINAL]?: ToDER };

// Twice-bundled code (tests, the bench's worker build) must not wrap the wrapper.
const installed = ASN1Obj.prototype.toDER as Patched;
const encode: ToDER = installed[ORIGINAL] ?? installed;
const encoded = new WeakMap<ASN1Obj, Buffer>();

function memoisedToDER(this: ASN1Obj): Buffer {
  let der = encoded.get(this);
  if (der === undefined) {
    der = encode.call(this);
    encoded.set(this, der);
  }
  return der;
}

if (installed[ORIGINAL] === undefined) {
  (memoisedToDER as Patched)[ORIGINAL] = encode;
  ASN1Obj.prototype.toDER = memoisedToDER;
}

/** The unmemoised encoder, for tests that compare both. */
export const encodeWithoutMemo: (obj: ASN1Obj) => Buffer = (obj) => encode.call(obj);

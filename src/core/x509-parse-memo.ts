// Per bundle, @sigstore/verify parses the signing certificate twice (once to read the signed
// entity, once more inside `clone()` for the SCT check) and our own checks read it too. Parsing
// was among the costliest steps in the worker (asn1-parse.ts says why, and makes it cheaper);
// once per certificate is still enough.
//
// So a parse is remembered by the exact DER bytes (a hit is the answer to the very same input),
// and `clone()` copies the parsed tree instead of parsing again. Parsed certificates are shared
// only while nobody changes them: the one caller that changes a certificate (the SCT check
// splices an extension out) does so on a clone, and a clone has its own tree, never a cached one.
import { X509Certificate } from '@sigstore/core';
import { copyTree } from './asn1-der-memo';
import { BoundedMemo } from './crypto/bounded-memo';

const PATCHED = Symbol.for('provenance-lens.x509-parse-memo');
type Parse = typeof X509Certificate.parse & { [PATCHED]?: true };

const parse: Parse = X509Certificate.parse;
// Sized by measurement: with 32 entries a 60-file release took 1.5x as long to verify cold in
// the worker as with 128 (bench/time-to-badge.ts), for about 4 MB more worker heap at 128.
const parsed = new BoundedMemo<X509Certificate>(128);

function memoisedParse(cert: Buffer<ArrayBuffer> | string): X509Certificate {
  // PEM input goes the original way: only the bundles' DER bytes recur.
  if (typeof cert === 'string') return parse(cert);
  const key = cert.toString('base64');
  return parsed.getOrCompute(key, () => parse(cert));
}

if (!(parse as Parse)[PATCHED]) {
  const patched = memoisedParse as Parse;
  patched[PATCHED] = true;
  X509Certificate.parse = patched;
  X509Certificate.prototype.clone = function clone(this: X509Certificate): X509Certificate {
    return new X509Certificate(copyTree(this.root));
  };
}

/** Forgets remembered parses; benchmarks call it so a "fresh" package is really new. */
export function clearParsedCertificates(): void {
  parsed.clear();
}

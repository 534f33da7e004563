// Review 10, change 1 (asn1-parse.ts): the hand-written DER parser must build exactly the tree
// @sigstore/core's parser builds and refuse exactly what it refuses. Attacked with structured
// random DER (OCTET STRINGs holding good/bad/deep DER, long and non-minimal lengths, bad tags,
// nesting around the 100 limit), with real Fulcio leaves whose extension values are swapped
// for DER-looking and non-DER bytes, and for value aliasing, re-encoding and hangs.
import { ASN1Obj, X509Certificate } from '@sigstore/core';
import { describe, expect, it } from 'vitest';
import { describeRealData, readFixtureJson } from '../testing/fixtures';
import { encodeWithoutMemo } from './asn1-der-memo';
import { parseDerOrNull, tagClassOf } from './asn1-parse';

type Parse = (buf: Buffer<ArrayBuffer>) => ASN1Obj;
const installed = ASN1Obj.parseBuffer as Parse & { [k: symbol]: Parse | undefined };
// asn1-der-memo keeps the library's own parser under this symbol.
const library: Parse = installed[Symbol.for('provenance-lens.asn1-der-memo.original')]!;
const Tag = tagClassOf((b) => library.call(ASN1Obj, b));
const libraryOrNull = (b: Buffer<ArrayBuffer>): ASN1Obj | null => {
  try {
    return library.call(ASN1Obj, b);
  } catch {
    return null;
  }
};

function treeText(o: ASN1Obj): string {
  return `${o.tag.toDER()}:${Buffer.from(o.value).toString('hex')}[${o.subs.map(treeText).join(',')}]`;
}

/** Same refusal, same tree; for a parsed input also: re-encoding gives the input back. */
function agree(bytes: number[] | Buffer<ArrayBuffer>): 'parsed' | 'refused' {
  const buf = Buffer.from(bytes);
  const ours = parseDerOrNull(Tag, buf);
  const theirs = libraryOrNull(buf);
  expect(ours === null, buf.toString('hex')).toBe(theirs === null);
  if (ours === null || theirs === null) return 'refused';
  expect(treeText(ours), buf.toString('hex')).toBe(treeText(theirs));
  // The DER memo answers a parsed node's toDER() with tag+length+value: that must be the input.
  expect(Buffer.from(encodeWithoutMemo(ours)).equals(buf)).toBe(true);
  expect(Buffer.from(ours.toDER()).equals(buf)).toBe(true);
  return 'parsed';
}

// Deterministic PRNG (no Math.random): a failure always reproduces.
function rng(seed: number): (n: number) => number {
  let s = seed >>> 0;
  return (n) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return Math.floor((s / 2 ** 32) * n);
  };
}

function lengthOf(n: number, r: (n: number) => number): number[] {
  if (n < 128 && r(30) !== 0) return [n];
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  if (r(8) === 0) bytes.unshift(0); // non-minimal: leading zero
  return [0x80 | bytes.length, ...bytes];
}

const TAGS = [0x04, 0x04, 0x04, 0x30, 0x31, 0x24, 0xa0, 0xa3, 0x80, 0x84, 0xc4, 0x44, 0x02, 0x06, 0x05, 0x0c, 0x00, 0x20, 0x1f, 0x3f];

function gen(r: (n: number) => number, depth: number): number[] {
  const tag = TAGS[r(TAGS.length)]!;
  const content: number[] = [];
  if (depth > 0 && (tag & 0x20 || tag === 0x04) && r(5) !== 0) {
    for (let i = r(3) + (tag === 0x04 ? 1 : 0); i > 0; i--) content.push(...gen(r, depth - 1));
  } else {
    for (let i = r(5); i > 0; i--) content.push(r(256));
  }
  const out = [tag, ...lengthOf(content.length, r), ...content];
  if (r(25) === 0) out[1 + r(out.length - 1)] = r(256); // corrupt a byte
  if (r(40) === 0) out.push(r(256)); // trailing byte
  if (r(40) === 0) out.pop(); // truncated
  return out;
}

/** `inner` wrapped `n` times in OCTET STRINGs or SEQUENCEs chosen at random. */
function wrapped(r: (n: number) => number, n: number, inner: number[], octets = 2): number[] {
  let c = inner;
  for (let i = 0; i < n; i++) c = [r(octets) === 0 ? 0x04 : 0x30, ...lengthOf(c.length, () => 1), ...c];
  return c;
}

describe('fast DER parser vs @sigstore/core: structured random DER', () => {
  it('agrees on 40,000 generated trees (nested OCTET STRINGs, bad lengths and tags)', () => {
    const r = rng(1010);
    const seen = { parsed: 0, refused: 0 };
    for (let i = 0; i < 40_000; i++) seen[agree(gen(r, 1 + r(6)))]++;
    expect(seen.parsed).toBeGreaterThan(5_000);
    expect(seen.refused).toBeGreaterThan(5_000);
  });

  it('agrees around the nesting limit, with OCTET STRINGs and SEQUENCEs mixed', () => {
    const r = rng(100);
    const seen = { parsed: 0, refused: 0 };
    for (let i = 0; i < 3_000; i++) seen[agree(wrapped(r, 94 + r(12), gen(r, 3), [2, 40, 400][i % 3]))]++;
    expect(seen.parsed).toBeGreaterThan(300);
    expect(seen.refused).toBeGreaterThan(300);
  });

  it('refuses huge declared lengths and 1 MB of nesting fast, without a stack overflow', () => {
    expect(agree([0x04, 0x86, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00])).toBe('refused');
    expect(agree([0x30, 0x84, 0x7f, 0xff, 0xff, 0xff, 0x04, 0x00])).toBe('refused');
    const deep: number[] = [];
    for (let i = 0; i < 250_000; i++) deep.push(0x04, 0x84); // never closes: refused or leaf
    const start = Date.now();
    agree([0x04, 0x83, ...[deep.length >> 16, (deep.length >> 8) & 0xff, deep.length & 0xff], ...deep]);
    expect(Date.now() - start).toBeLessThan(5_000);
  });

  it('keeps every value out of the caller buffer, in one copy, as the library does', () => {
    const input = Buffer.from([0x30, 0x08, 0x04, 0x06, 0x30, 0x04, 0x02, 0x02, 0x01, 0x00]);
    const tree = ASN1Obj.parseBuffer(input);
    const before = treeText(tree);
    input.fill(0xaa);
    expect(treeText(tree)).toBe(before);
    const buffers = new Set<ArrayBufferLike>();
    const walk = (o: ASN1Obj): void => void (buffers.add(o.value.buffer), o.subs.forEach(walk));
    walk(tree);
    expect(buffers.size).toBe(1);
  });
});

interface Att { verification_material: { certificate: string } }
const LEAVES = [
  'pypi/pypi-attestations/pypi_attestations-0.0.19.tar.gz.publish.attestation',
  'pypi/pypi-attestations/pypi_attestations-0.0.16.tar.gz.attestation',
  'pypi/pypi-attestation-models/pypi_attestation_models-0.0.4a2.tar.gz.attestation',
];

/** Certificate fields @sigstore/verify and the core read, under the installed parser or the library's. */
function certView(der: Buffer<ArrayBuffer>, useLibrary: boolean): string {
  const saved = ASN1Obj.parseBuffer;
  if (useLibrary) ASN1Obj.parseBuffer = ((b: Buffer<ArrayBuffer>) => library.call(ASN1Obj, b)) as typeof saved;
  try {
    const c = X509Certificate.parse(der);
    const hex = (b: Uint8Array | undefined): string | undefined => (b === undefined ? undefined : Buffer.from(b).toString('hex'));
    const field = (f: () => unknown): unknown => {
      try {
        return f();
      } catch (error) {
        return `threw ${(error as Error).message}`;
      }
    };
    return JSON.stringify({
      tbs: field(() => hex(c.tbsCertificate.toDER())),
      san: field(() => [c.subjectAltName, c.extSubjectAltName?.uri, c.extSubjectAltName?.rfc822Name]),
      exts: field(() => c.extensions.map(treeText)),
      fulcio: Array.from({ length: 24 }, (_, n) => field(() => hex(c.extension(`1.3.6.1.4.1.57264.1.${n}`)?.value))),
      scts: field(() => c.extSCT?.signedCertificateTimestamps.map((s) => hex(s.signature))),
      ca: field(() => [c.isCA, c.extKeyUsage?.digitalSignature, c.extBasicConstraints?.pathLenConstraint?.toString()]),
      ids: field(() => [hex(c.extAuthorityKeyID?.keyIdentifier), hex(c.extSubjectKeyID?.keyIdentifier)]),
      issuer: field(() => hex(c.issuer)),
      sig: field(() => hex(c.signatureValue)),
    });
  } catch (error) {
    return `threw ${(error as Error).message}`;
  } finally {
    ASN1Obj.parseBuffer = saved;
  }
}

describeRealData('fast DER parser on real Fulcio leaves with hostile extension values', () => {
  const leaves = LEAVES.map((f) => Buffer.from(readFixtureJson<Att>(f).verification_material.certificate, 'base64'));

  it('reads every real leaf exactly as the library does', () => {
    for (const der of leaves) {
      expect(agree(der)).toBe('parsed');
      expect(certView(der, false)).toBe(certView(der, true));
    }
  });

  // The extnValue OCTET STRING decides nesting by content: feed it DER, near-DER and non-DER.
  const payloads: number[][] = [
    [0x0c, 0x03, 0x61, 0x62, 0x63], // UTF8String: nests
    [0x0c, 0x04, 0x61, 0x62, 0x63], // length past the end: leaf
    [0x0c, 0x03, 0x61, 0x62, 0x63, 0x00], // trailing byte: leaf
    [0x30, 0x03, 0x61, 0x62, 0x63], // "0\x03abc" as a legacy raw string: nests
    [0x04, 0x81, 0x05, 1, 2, 3, 4, 5], // non-minimal length: leaf
    [0x04, 0x04, 0x04, 0x02, 0x04, 0x00], // OCTET in OCTET in OCTET
    [0x1f, 0x01, 0x00], // long-form tag: leaf
    [0x00, 0x00], // universal 0: leaf
    [0x30, 0x80, 0x00, 0x00], // indefinite: leaf
    [],
    wrapped(rng(7), 99, [0x05, 0x00]),
    wrapped(rng(8), 101, [0x05, 0x00]),
  ];

  it('every extension value swapped for DER-like payloads: same refusal, tree and certificate view', () => {
    let rebuilt = 0;
    for (const der of leaves) {
      const root = library.call(ASN1Obj, der);
      const exts = root.subs[0]!.subs.find((s) => s.tag.toDER() === 0xa3)!.subs[0]!.subs;
      for (const ext of exts) {
        const i = ext.subs.length - 1;
        const original = ext.subs[i]!;
        for (const payload of payloads) {
          ext.subs[i] = new ASN1Obj(original.tag, Buffer.from(payload), []);
          const edited = Buffer.from(encodeWithoutMemo(root));
          agree(edited);
          expect(certView(edited, false), edited.toString('hex')).toBe(certView(edited, true));
          rebuilt++;
        }
        ext.subs[i] = original;
      }
    }
    expect(rebuilt).toBeGreaterThan(200);
  });
});

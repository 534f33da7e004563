import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ASN1Obj } from '@sigstore/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeRealData, FIXTURES_DIR } from '../testing/fixtures';
import { createTestSigstore, fakeSha256, githubIdentity } from '../testing/testca/index';
import { createDerParser, parseDerOrNull, tagClassOf } from './asn1-parse';

// The library's own parser, as @sigstore/core ships it (asn1-der-memo.ts is not imported here).
const library = (buf: Buffer<ArrayBuffer>): ASN1Obj => ASN1Obj.parseBuffer(buf);
const Tag = tagClassOf(library);
const fast = (buf: Buffer<ArrayBuffer>) => parseDerOrNull(Tag, buf);

function libraryOrNull(buf: Buffer<ArrayBuffer>): ASN1Obj | null {
  try {
    return library(buf);
  } catch {
    return null;
  }
}

/** The same tree: tags, value bytes and children, all the way down. */
function sameTree(a: ASN1Obj, b: ASN1Obj): boolean {
  const tagsEqual = a.tag.number === b.tag.number && a.tag.constructed === b.tag.constructed && a.tag.class === b.tag.class;
  return tagsEqual && a.value.equals(b.value) && a.subs.length === b.subs.length && a.subs.every((sub, i) => sameTree(sub, b.subs[i]!));
}

/** Both parsers refuse `buf`, or both build the same tree; says which. */
function agree(buf: Buffer<ArrayBuffer>): 'refused' | 'parsed' {
  const ours = fast(buf);
  const theirs = libraryOrNull(buf);
  expect(ours === null, `refusal differs on ${buf.toString('hex')}`).toBe(theirs === null);
  if (ours !== null && theirs !== null) expect(sameTree(ours, theirs), `tree differs on ${buf.toString('hex')}`).toBe(true);
  return ours === null ? 'refused' : 'parsed';
}

/** Every base64 DER object (certificates, timestamps, keys) in the shared fixtures' JSON files. */
function fixtureDer(): Buffer<ArrayBuffer>[] {
  const found = new Map<string, Buffer<ArrayBuffer>>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.json')) {
        for (const m of readFileSync(path, 'utf8').matchAll(/"(?:rawBytes|certificate|signedTimestamp)"\s*:\s*"([A-Za-z0-9+/=]{100,})"/g)) {
          const der = Buffer.from(m[1]!, 'base64');
          if (der[0] === 0x30) found.set(m[1]!, der);
        }
      }
    }
  };
  walk(FIXTURES_DIR);
  return [...found.values()];
}

/** A copy of `der` with byte edits: set, flip a bit, insert, delete, truncate, extend. */
const edited = (ders: Buffer<ArrayBuffer>[]) =>
  fc
    .record({
      pick: fc.nat(),
      edits: fc.array(fc.record({ op: fc.integer({ min: 0, max: 5 }), at: fc.double({ min: 0, max: 1, noNaN: true }), byte: fc.integer({ min: 0, max: 255 }) }), { minLength: 1, maxLength: 3 }),
    })
    .map(({ pick, edits }) => {
      let bytes = [...ders[pick % ders.length]!];
      for (const { op, at, byte } of edits) {
        const i = Math.min(bytes.length - 1, Math.floor(at * bytes.length));
        if (op === 0) bytes[i] = byte;
        else if (op === 1) bytes[i] = bytes[i]! ^ (1 << (byte & 7));
        else if (op === 2) bytes.splice(i, 0, byte);
        else if (op === 3) bytes.splice(i, 1);
        else if (op === 4) bytes = bytes.slice(0, i);
        else bytes.push(byte);
      }
      return Buffer.from(bytes);
    });

function checkMutations(ders: Buffer<ArrayBuffer>[], runs: number): Record<'refused' | 'parsed', number> {
  const seen = { refused: 0, parsed: 0 };
  fc.assert(
    fc.property(edited(ders), (buf) => {
      seen[agree(buf)]++;
    }),
    { numRuns: runs, seed: 740 },
  );
  return seen;
}

describeRealData('the fast DER parser against @sigstore/core on real material', () => {
  const ders = fixtureDer();

  it('builds the library tree for every certificate, timestamp and key in the fixtures', () => {
    expect(ders.length).toBeGreaterThan(40);
    for (const der of ders) expect(agree(der)).toBe('parsed');
  });

  it('refuses exactly what the library refuses, and agrees on the rest, over edits of real certificates', () => {
    const seen = checkMutations(ders, 20_000);
    // Both outcomes exercised in volume, or the property says little.
    expect(seen.refused).toBeGreaterThan(2_000);
    expect(seen.parsed).toBeGreaterThan(2_000);
  });
});

describe('the fast DER parser, on generated certificates and edge cases', () => {
  it('agrees with the library on a test-CA leaf and its edits', async () => {
    const ca = await createTestSigstore();
    const attestation = ca.pypiAttestation({ filename: 'der-1.0.tar.gz', sha256: fakeSha256('der'), identity: githubIdentity('lens/der') });
    const leaf = Buffer.from(attestation.verification_material.certificate, 'base64');
    expect(agree(leaf)).toBe('parsed');
    const seen = checkMutations([leaf], 3_000);
    expect(seen.refused).toBeGreaterThan(100);
    expect(seen.parsed).toBeGreaterThan(100);
  });

  const tlv = (tag: number, content: number[]): number[] => {
    const n = content.length;
    const length = n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : [0x82, n >> 8, n & 0xff];
    return [tag, ...length, ...content];
  };
  const nested = (depth: number): number[] => (depth === 0 ? [0x05, 0x00] : tlv(0x30, nested(depth - 1)));
  const cases: [string, number[], 'refused' | 'parsed'][] = [
    ['a long-form tag', [0x1f, 0x01, 0x00], 'refused'],
    ['universal tag 0', [0x00, 0x00], 'refused'],
    ['context tag 0 (allowed)', [0x80, 0x00], 'parsed'],
    ['the indefinite length', [0x30, 0x80, 0x00, 0x00], 'refused'],
    ['a non-minimal long length', [0x04, 0x81, 0x05, 1, 2, 3, 4, 5], 'refused'],
    ['a leading zero length byte', [0x04, 0x82, 0x00, 0x81, ...new Array<number>(0x81).fill(7)], 'refused'],
    ['a length of 7 bytes', [0x04, 0x87, 0, 0, 0, 0, 0, 0, 1, 9], 'refused'],
    ['a long length', [0x04, 0x81, 0x81, ...new Array<number>(0x81).fill(7)], 'parsed'],
    ['trailing bytes', [0x05, 0x00, 0x00], 'refused'],
    ['a child past its parent', [0x30, 0x03, 0x04, 0x03, 1, 2, 3], 'refused'],
    ['an OCTET STRING holding DER', [0x04, 0x04, 0x02, 0x02, 0x01, 0x00], 'parsed'],
    ['an OCTET STRING holding bytes', [0x04, 0x03, 0x02, 0x05, 0x01], 'parsed'],
    ['a constructed OCTET STRING with bad content', [0x24, 0x02, 0x00, 0x00], 'refused'],
    ['nesting 100 deep', nested(100), 'parsed'],
    ['nesting 101 deep', nested(101), 'refused'],
    // Too deep inside an OCTET STRING: the string stays a leaf, the parse succeeds.
    ['an OCTET STRING nesting 101 deep', tlv(0x04, nested(100)), 'parsed'],
    ['one byte', [0x30], 'refused'],
    ['nothing', [], 'refused'],
  ];
  it.each(cases)('%s: as the library', (_name, bytes, outcome) => {
    expect(agree(Buffer.from(bytes))).toBe(outcome);
  });

  it('keeps its values apart from the caller buffer, as the library does', () => {
    const input = Buffer.from([0x04, 0x03, 1, 2, 3]);
    const tree = fast(input)!;
    input.fill(0);
    expect([...tree.value]).toEqual([1, 2, 3]);
  });

  it('lets the library answer what it refuses, with the library own error', () => {
    const parse = createDerParser(library);
    const bad = Buffer.from([0x30, 0x80, 0x00, 0x00]);
    expect(() => parse(bad)).toThrow('indefinite length encoding not supported');
    expect(sameTree(parse(Buffer.from([0x30, 0x03, 0x02, 0x01, 0x05])), library(Buffer.from([0x30, 0x03, 0x02, 0x01, 0x05])))).toBe(true);
  });
});

// Review 10, change 3 (buffer-compare.ts): the browser Buffer stand-in's compare()/equals() no
// longer copy. They must answer as Node (the CLI) and the package do, so no two certificates,
// names, key IDs or algorithm identifiers compare equal in the browser when they differ.
// Attacked with real DER as views at offsets, prefixes, views into one parsed certificate,
// odd receivers, detached and out-of-bounds views, and with the whole @sigstore pipeline on
// real bundles (and bundles edited where it compares bytes) under the patched package Buffer.
import { X509Certificate } from '@sigstore/core';
import { describe, expect, it } from 'vitest';
import { describeRealData, FIXTURES_DIR, readFixtureJson } from '../testing/fixtures';
import { installCopyFreeCompare } from './crypto/buffer-compare';
import { installNativeStringCodecs } from './crypto/buffer-string-codecs';
import * as adapter from './crypto/node-crypto';
import { freshPackageBuffer } from './crypto/testing/package-buffer';
import { loadBundleCases, type BundleCase } from './crypto/testing/real-bundle-cases';
import { withCrypto } from './crypto/testing/swap-node-crypto';
import { verifyCaseFresh, type Outcome } from './crypto/testing/verify-bundle-case';

type B = Uint8Array & { equals: (b: unknown) => boolean; subarray: (s?: number, e?: number) => B };
interface BufferClass {
  from: (...a: unknown[]) => B;
  compare: (a: unknown, b: unknown) => number;
  isBuffer: (b: unknown) => boolean;
  prototype: B;
}
function packageBuffer(copyFree: boolean): BufferClass {
  const P = freshPackageBuffer<BufferClass>();
  installNativeStringCodecs(P as never); // as install-buffer.ts does
  if (copyFree) installCopyFreeCompare(P as never);
  return P;
}
const patched = packageBuffer(true);
const before = packageBuffer(false);
const node = Buffer as unknown as BufferClass;

const outcome = (f: () => unknown): unknown => {
  try {
    return f();
  } catch {
    return 'threw';
  }
};

/** `bytes` as a view `pad` bytes into a larger buffer of class `C`. */
const view = (C: BufferClass, bytes: Uint8Array, pad: number): B =>
  C.from([...new Array<number>(pad).fill(0x30), ...bytes, 0x30]).subarray(pad, pad + bytes.length) as B;

interface Att { verification_material: { certificate: string } }
const certs = (): Uint8Array[] =>
  ['pypi/pypi-attestations/pypi_attestations-0.0.19.tar.gz.publish.attestation', 'pypi/pypi-attestations/pypi_attestations-0.0.16.tar.gz.attestation']
    .map((f) => new Uint8Array(Buffer.from(readFixtureJson<Att>(f).verification_material.certificate, 'base64')));

describeRealData('copy-free compare/equals on real certificate bytes', () => {
  it('answers as Node for real DER, its prefixes, one-byte edits and views at offsets', () => {
    const [a, b] = certs() as [Uint8Array, Uint8Array];
    const last = new Uint8Array(a);
    last[last.length - 1]! ^= 1;
    const variants = [a, b, a.subarray(0, a.length - 1), last, new Uint8Array([...a, 0]), a.subarray(1), new Uint8Array(0)];
    for (const x of variants) {
      for (const y of variants) {
        for (const [px, py] of [[0, 0], [1, 3], [7, 0]] as const) {
          const want = node.compare(view(node, x, px), view(node, y, py));
          expect(patched.compare(view(patched, x, px), view(patched, y, py))).toBe(want);
          expect(patched.compare(x, y)).toBe(want);
          expect(view(patched, x, px).equals(view(patched, y, py))).toBe(want === 0);
          expect(before.compare(view(before, x, px), view(before, y, py))).toBe(want);
        }
      }
    }
  });

  it('compares views into one parsed certificate (subject vs issuer, leaf DER vs itself shifted)', () => {
    for (const der of certs()) {
      const one = patched.from(der);
      // Two overlapping windows of one buffer with the same length but different bytes.
      const window = (x: B, at: number): B => x.subarray(at, at + 100) as B;
      expect(window(one, 0).equals(window(one, 1))).toBe(window(node.from(der), 0).equals(window(node.from(der), 1)));
      const cert = X509Certificate.parse(Buffer.from(der));
      const [subject, issuer] = [new Uint8Array(cert.subject), new Uint8Array(cert.issuer)];
      expect(view(patched, subject, 2).equals(view(patched, issuer, 5))).toBe(Buffer.from(subject).equals(Buffer.from(issuer)));
      expect(patched.compare(subject, issuer)).toBe(Buffer.compare(subject, issuer));
    }
  });
});

describe('copy-free compare/equals on odd arguments', () => {
  it('detached and out-of-bounds views never equal live bytes, and answer as Node', () => {
    const detached = (): Uint8Array => {
      const u = new Uint8Array([1, 2, 3]);
      structuredClone(u.buffer, { transfer: [u.buffer] });
      return u;
    };
    const shrunk = (): Uint8Array => {
      type Resizable = ArrayBuffer & { resize: (n: number) => void };
      const ab = new (ArrayBuffer as unknown as new (n: number, o: { maxByteLength: number }) => Resizable)(8, { maxByteLength: 16 });
      const u = new Uint8Array(ab, 4, 4).fill(9);
      ab.resize(2);
      return u;
    };
    for (const make of [detached, shrunk]) {
      const live = patched.from([1, 2, 3]);
      expect(outcome(() => patched.compare(make(), live))).toBe(outcome(() => Buffer.compare(make(), Buffer.from([1, 2, 3]))));
      expect(patched.compare(make(), live)).not.toBe(0);
      expect(outcome(() => live.equals(make()))).toBe('threw'); // not a Buffer: refused, as before
    }
  });

  it('refuses what the package refuses: DataView, Uint16Array, Uint8ClampedArray, arrays, strings', () => {
    const bytes = [1, 2];
    const odd: unknown[] = [new DataView(new Uint8Array(bytes).buffer), new Uint16Array([0x0201]), new Uint8ClampedArray(bytes), bytes, '\u0001\u0002', null];
    for (const x of odd) {
      expect(outcome(() => patched.compare(x, patched.from(bytes)))).toBe('threw');
      expect(outcome(() => patched.compare(patched.from(bytes), x))).toBe('threw');
      expect(outcome(() => patched.from(bytes).equals(x))).toBe(outcome(() => before.from(bytes).equals(x)));
      expect(outcome(() => patched.prototype.equals.call(x, patched.from(bytes)))).toBe(outcome(() => before.prototype.equals.call(x, before.from(bytes))));
    }
    // A Uint16Array receiver over the same bytes: the package refuses, so must we (no "equal").
    expect(outcome(() => patched.prototype.equals.call(new Uint16Array([0x0201]), patched.from(bytes)))).toBe('threw');
  });
});

// The whole @sigstore pipeline with the global Buffer swapped to the package (as in the worker).
function inBrowser(P: BufferClass, c: BundleCase): Outcome {
  const scope = globalThis as { Buffer: unknown };
  const saved = scope.Buffer;
  scope.Buffer = P;
  try {
    adapter.clearCryptoMemos();
    return withCrypto('adapter', () => verifyCaseFresh(c));
  } finally {
    scope.Buffer = saved;
  }
}
const verdict = (o: Outcome): string => (o.ok ? 'ok' : o.code);

type Json = Record<string, unknown>;
const b64 = (s: string, edit: (b: Uint8Array) => Uint8Array): string => Buffer.from(edit(new Uint8Array(Buffer.from(s, 'base64')))).toString('base64');
const EDITS: [string, (b: Uint8Array) => Uint8Array][] = [
  ['prefix', (b) => b.subarray(0, b.length - 1)],
  ['extended', (b) => new Uint8Array([...b, b[b.length - 1] ?? 0])],
  ['last byte flipped', (b) => b.map((x, i) => (i === b.length - 1 ? x ^ 1 : x))],
];

/** Edits of a case at every place @sigstore compares bytes: log IDs, chains, trusted root log IDs. */
function edited(c: BundleCase): [string, BundleCase][] {
  if (typeof c.bundle !== 'object' || c.bundle === null) return [];
  const out: [string, BundleCase][] = [];
  for (const [name, edit] of EDITS) {
    const bundle = structuredClone(c.bundle) as { verificationMaterial?: { tlogEntries?: { logId?: { keyId: string } }[] } };
    for (const e of bundle.verificationMaterial?.tlogEntries ?? []) if (e.logId) e.logId.keyId = b64(e.logId.keyId, edit);
    out.push([`entry logId ${name}`, { ...c, bundle }]);
    const root = structuredClone(c.trustedRoot) as { tlogs?: { logId: { keyId: string } }[] };
    for (const t of root.tlogs ?? []) t.logId.keyId = b64(t.logId.keyId, edit);
    out.push([`trusted log ID ${name}`, { ...c, trustedRoot: root }]);
  }
  const chain = (c.bundle as { verificationMaterial?: { x509CertificateChain?: { certificates: Json[] } } }).verificationMaterial?.x509CertificateChain;
  if (chain && chain.certificates.length > 0) {
    const bundle = structuredClone(c.bundle) as typeof c.bundle & { verificationMaterial: { x509CertificateChain: { certificates: Json[] } } };
    const certsIn = bundle.verificationMaterial.x509CertificateChain.certificates;
    certsIn.push(certsIn[0]!);
    out.push(['leaf repeated in chain', { ...c, bundle }]);
  }
  return out;
}

describeRealData('review10: browser verdicts with the copy-free compare equal the CLI on real bundles', () => {
  it('every real case and every byte-compare edit of it: patched browser = package before = CLI', () => {
    const differing: string[] = [];
    let ok = 0;
    let edits = 0;
    let changed = 0;
    for (const c of loadBundleCases(FIXTURES_DIR)) {
      let unedited = '';
      for (const [name, v] of [['as is', c] as [string, BundleCase], ...edited(c)]) {
        const want = verdict(withCrypto('native', () => verifyCaseFresh(v)));
        const ours = verdict(inBrowser(patched, v));
        const theirs = verdict(inBrowser(before, v));
        if (ours !== want || theirs !== want) differing.push(`${c.name} ${name}: cli ${want}, patched ${ours}, before ${theirs}`);
        if (name === 'as is') unedited = want;
        else edits++;
        if (name === 'as is' && want === 'ok') ok++;
        // An edit that turns "ok" into a failure was caught by a byte comparison.
        if (name !== 'as is' && unedited === 'ok' && want !== 'ok') changed++;
      }
    }
    expect(differing).toEqual([]);
    expect(ok).toBeGreaterThan(40);
    expect(edits).toBeGreaterThan(400);
    expect(changed).toBeGreaterThan(200);
  }, 240_000);
});

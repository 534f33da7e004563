// Independent review (12) of the worker's native base64 decoding (buffer-string-codecs.ts:
// Uint8Array.fromBase64 with lastChunkHandling 'strict' plus a byte-count check, else the
// package's lenient decoder after mapping characters above U+00FF to their low byte).
// Claim under attack: the browser's Buffer.from(text, 'base64') gives Node's bytes for every
// text, the native path is taken for exactly the canonical texts, and a real bundle re-spelt in
// any way gets the CLI's verdict and identity in the browser.
// Node 22 has no Uint8Array.fromBase64: core-js's implementation of the standard is installed
// first, so this file's buffer-string-codecs module captures it as "native", as the worker
// captures the engine's. The same hostile texts and mutated documents were also run in the real
// Chromium 156 worker and a Firefox ESR 153 page (the review's scratch scripts, not kept):
// no difference was found there either.
import 'core-js/actual/typed-array/from-base64';
import seeds from '@sigstore/tuf/seeds.json';
import { describe, expect, it } from 'vitest';
import { loadPackageCases, type PackageCase } from '../../../bench/lib/package-cases';
import { FIXTURES_DIR, describeRealData } from '../../testing/fixtures';
import { createTrustContext, verifyNpmAttestations, verifyPypiProvenance } from '../index';
import { embeddedTrustInput, embeddedTufRoot } from '../trust-embedded';
import { clearParsedCertificates } from '../x509-parse-memo';
import { atobCanonicalBase64, canonicalBase64ToBytes, type FromBase64, installNativeStringCodecs, nativeCanonicalBase64 } from './buffer-string-codecs';
import * as adapter from './node-crypto';
import { stringsOf } from './testing/json-strings';
import { freshPackageBuffer, withGlobalBuffer } from './testing/package-buffer';
import { loadBundleCases } from './testing/real-bundle-cases';
import { withCrypto } from './testing/swap-node-crypto';

interface BufferClass {
  from: (...a: unknown[]) => Uint8Array & { toString: (...a: unknown[]) => string };
}
const patched = freshPackageBuffer<BufferClass>();
installNativeStringCodecs(patched as never);
const hex = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');
const nodeHex = (text: string): string => Buffer.from(text, 'base64').toString('hex');
const isCanonical = (text: string): boolean => Buffer.from(text, 'base64').toString('base64') === text;

const STD = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const ins = (s: string, i: number, x: string): string => s.slice(0, i) + x + s.slice(i);
const half = (s: string): number => Math.floor(s.replace(/=+$/, '').length / 2);
/** Re-spellings of a canonical base64 text: each keeps or breaks canonical form on purpose. */
const SPELLINGS: Record<string, (s: string) => string> = {
  'space mid': (s) => ins(s, half(s), ' '),
  'four spaces mid (length stays a multiple of 4)': (s) => ins(s, half(s), '    '),
  'four tabs first': (s) => `\t\t\t\t${s}`,
  'LF every 64': (s) => s.replace(/(.{64})/g, '$1\n'),
  'CRLF every 76': (s) => s.replace(/(.{76})/g, '$1\r\n'),
  'four LF last': (s) => `${s}\n\n\n\n`,
  'space between the two =': (s) => (s.endsWith('==') ? `${s.slice(0, -2)}= =` : `${s}    `),
  unpadded: (s) => s.replace(/=+$/, ''),
  'one = more': (s) => `${s}=`,
  'four = more': (s) => `${s}====`,
  '==== mid': (s) => ins(s, half(s) - (half(s) % 4), '===='),
  'padding then AAAA': (s) => `${s}AAAA`,
  'the text twice': (s) => s + s,
  'URL-safe letters': (s) => s.replace(/\+/g, '-').replace(/\//g, '_'),
  'unused bits set': (s) => {
    const body = s.replace(/=+$/, '');
    if (body.length === s.length) return `${s}A===`;
    return body.slice(0, -1) + STD[STD.indexOf(body.at(-1)!) | (s.length - body.length === 2 ? 0xf : 0x3)] + s.slice(body.length);
  },
  'one letter as U+01xx': (s) => s.slice(0, 3) + String.fromCharCode(s.charCodeAt(3) | 0x100) + s.slice(4),
  'every letter as U+01xx': (s) => [...s].map((c) => String.fromCharCode(c.charCodeAt(0) | 0x100)).join(''),
  'eight letters as U+FFxx': (s) => s.slice(0, 8) + [...s.slice(8, 16)].map((c) => String.fromCharCode(c.charCodeAt(0) | 0xff00)).join('') + s.slice(16),
  'U+0141 x4 mid': (s) => ins(s, half(s), '\u0141'.repeat(4)),
  'U+013D (low byte =) mid': (s) => ins(s, half(s), '\u013d'),
  'U+0120 (low byte space) x4 mid': (s) => ins(s, half(s), '\u0120'.repeat(4)),
  'lone high surrogate mid': (s) => ins(s, half(s), '\ud800'),
  'four lone low surrogates last': (s) => `${s}${'\udc00'.repeat(4)}`,
  'NBSP mid': (s) => ins(s, half(s), '\u00a0'),
  'BOM first': (s) => `\ufeff${s}`,
  'four VT mid (not ASCII whitespace to the standard)': (s) => ins(s, half(s), '\v'.repeat(4)),
  'four FF mid': (s) => ins(s, half(s), '\f'.repeat(4)),
  'four NUL mid': (s) => ins(s, half(s), '\0'.repeat(4)),
};

describe('review12: the native path here is the standard fromBase64, captured as the worker captures it', () => {
  it('the default decoder refuses what only fromBase64 refuses (unused bits), so it is not the atob path', () => {
    expect(canonicalBase64ToBytes('QR==')).toBeUndefined();
    // Finding (test-only, fixed): buffer-base64-native.test.ts once reached "the atob path" by
    // passing `undefined` for the decoder, which is the default parameter again; the two paths
    // are now functions of their own, and the atob one decodes what strict fromBase64 refuses.
    expect(atobCanonicalBase64('QR==')).toBeDefined();
    expect(nativeCanonicalBase64('QR==', (Uint8Array as unknown as { fromBase64: FromBase64 }).fromBase64)).toBeUndefined();
    expect(hex(canonicalBase64ToBytes('QUJD')!)).toBe('414243');
    expect(hex(patched.from('QR==', 'base64'))).toBe(nodeHex('QR=='));
  });
});

describe('review12: every short text over hostile alphabets reads as Node reads it', () => {
  function* texts(alphabet: string[], length: number): Generator<string> {
    const idx = new Array<number>(length).fill(0);
    for (let k = 0; k < alphabet.length ** length; k++) {
      yield idx.map((i) => alphabet[i]).join('');
      for (let j = length - 1; j >= 0; j--) {
        if (++idx[j]! < alphabet.length) break;
        idx[j] = 0;
      }
    }
  }
  const cases: [string[], number][] = [
    [['A', 'Q', 'g', '/', '+', '=', ' ', '\n', '-', '_', '\u0141', '\ud800', '\u0120'], 4],
    [['Q', 'A', '=', ' ', '-', '\u013d'], 8],
  ];
  for (const [alphabet, length] of cases) {
    it(`length ${length} over ${JSON.stringify(alphabet)}: same bytes; native exactly for the canonical ones`, () => {
      const differing: string[] = [];
      let native = 0;
      let canonical = 0;
      for (const t of texts(alphabet, length)) {
        if (hex(patched.from(t, 'base64')) !== nodeHex(t) && differing.length < 10) differing.push(JSON.stringify(t));
        const n = canonicalBase64ToBytes(t) !== undefined;
        const c = isCanonical(t);
        if (n) native++;
        if (c) canonical++;
        if (n !== c && differing.length < 10) differing.push(`native ${n}, canonical ${c}: ${JSON.stringify(t)}`);
      }
      expect(differing).toEqual([]);
      expect(native).toBe(canonical);
      expect(native).toBeGreaterThan(0);
    });
  }
});

describeRealData('review12: real base64 fields, re-spelt, read as Node reads them', () => {
  const fields = [...new Set(loadBundleCases(FIXTURES_DIR).flatMap((c) => [...stringsOf(c.bundle), ...stringsOf(c.trustedRoot)]))].filter(
    (s) => s.length >= 8 && isCanonical(s),
  );

  it('every real field and every re-spelling of it: Node bytes; native path iff Node would write the text', () => {
    expect(fields.length).toBeGreaterThan(100);
    const differing: string[] = [];
    let tried = 0;
    for (const f of fields) {
      for (const [label, fn] of [['as is', (s: string) => s] as const, ...Object.entries(SPELLINGS)]) {
        const t = fn(f);
        tried++;
        if (hex(patched.from(t, 'base64')) !== nodeHex(t)) differing.push(`${label} of ${f.slice(0, 24)}: bytes`);
        if ((canonicalBase64ToBytes(t) !== undefined) !== isCanonical(t)) differing.push(`${label} of ${f.slice(0, 24)}: native path`);
      }
    }
    expect(differing).toEqual([]);
    expect(tried).toBeGreaterThan(3000);
  });

  it('a long text (all real fields base64-encoded again, 4 MiB): native when canonical, Node bytes in every spelling', () => {
    // Whole 3-byte groups, so the unit carries no padding and its repetitions stay canonical.
    const unit = Buffer.from(fields.join(''));
    let long = unit.subarray(0, unit.length - (unit.length % 3)).toString('base64');
    while (long.length < 4 * 1024 * 1024) long += long;
    long = long.slice(0, 4 * 1024 * 1024);
    expect(canonicalBase64ToBytes(long)).toBeDefined();
    for (const [label, fn] of Object.entries(SPELLINGS).filter(([l]) => !l.startsWith('every letter') && !l.startsWith('the text twice'))) {
      const t = fn(long);
      expect([label, hex(patched.from(t, 'base64')) === nodeHex(t)]).toEqual([label, true]);
    }
  });
});

describeRealData('review12: mutated real package documents, CLI configuration against the worker configuration', () => {
  const set = loadPackageCases(FIXTURES_DIR);
  const B64_KEYS = new Set(['certificate', 'rawBytes', 'signature', 'sig', 'statement', 'payload', 'canonicalizedBody', 'signedEntryTimestamp', 'rootHash', 'hashes', 'keyId']);
  type Path = (string | number)[];
  const paths = (v: unknown, key = '', p: Path = []): Path[] => {
    if (typeof v === 'string') return B64_KEYS.has(key) && isCanonical(v) ? [p] : [];
    if (Array.isArray(v)) return v.flatMap((x, i) => paths(x, key, [...p, i]));
    if (v !== null && typeof v === 'object') return Object.entries(v).flatMap(([k, x]) => paths(x, k, [...p, k]));
    return [];
  };
  const setAt = (o: unknown, p: Path, fn: (s: string) => string): void => {
    const parent = p.slice(0, -1).reduce<unknown>((x, k) => (x as Record<string | number, unknown>)[k], o) as Record<string | number, string>;
    parent[p.at(-1)!] = fn(parent[p.at(-1)!]!);
  };
  const cliTrust = createTrustContext(set.trustInput);
  const browserTrust = withGlobalBuffer(patched, () => withCrypto('adapter', () => createTrustContext(set.trustInput)));
  const verify = (c: PackageCase, trust: typeof cliTrust): string => {
    const v = (c.registry === 'pypi' ? verifyPypiProvenance(c.doc, c.file, trust) : verifyNpmAttestations(c.doc, c.version, trust)) as { status: string; code?: string; identity?: unknown };
    return JSON.stringify({ status: v.status, code: v.code, identity: v.identity });
  };
  const cli = (c: PackageCase): string => withCrypto('native', () => verify(c, cliTrust));
  const browser = (c: PackageCase): string => withGlobalBuffer(patched, () => withCrypto('adapter', () => verify(c, browserTrust)));

  it('one base64 field re-spelt at a time, every field of every real document: the same status, code and identity', () => {
    adapter.clearCryptoMemos();
    clearParsedCertificates();
    const differing: string[] = [];
    const statuses = new Map<string, number>();
    for (const c of set.cases) {
      expect(JSON.parse(cli(c)).status).toBe('verified');
      for (const p of paths(c.doc)) {
        for (const [label, fn] of Object.entries(SPELLINGS)) {
          const doc = structuredClone(c.doc);
          setAt(doc, p, fn);
          const variant = { ...c, doc } as PackageCase;
          const want = cli(variant);
          const got = browser(variant);
          const status = (JSON.parse(want) as { status: string; code?: string }).status;
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
          if (got !== want) differing.push(`${c.name} ${p.join('.')} ${label}: cli ${want.slice(0, 80)}, browser ${got.slice(0, 80)}`);
        }
      }
    }
    expect(differing).toEqual([]);
    // Both kinds of outcome occur, so the comparison can tell them apart.
    expect(statuses.get('verified')).toBeGreaterThan(500);
    expect(statuses.get('invalid')).toBeGreaterThan(100);
  });
});

describe('review12: the embedded TUF seeds through the standard fromBase64', () => {
  const repo = (seeds as Record<string, { 'root.json': string; targets: Record<string, string> }>)['https://tuf-repo-cdn.sigstore.dev']!;
  it('each seed is canonical and decodes natively to exactly Node’s bytes; the decoded material equals Node’s reading', () => {
    for (const text of [repo['root.json'], ...Object.values(repo.targets)]) {
      const bytes = canonicalBase64ToBytes(text);
      expect(bytes).toBeDefined();
      expect(hex(bytes!)).toBe(nodeHex(text));
    }
    const node = (text: string) => Buffer.from(text, 'base64').toString('utf8');
    expect(embeddedTufRoot()).toBe(node(repo['root.json']));
    const input = embeddedTrustInput();
    expect(input.trustedRoot).toEqual(JSON.parse(node(repo.targets['trusted_root.json']!)));
    expect(input.npmKeys).toEqual(JSON.parse(node(repo.targets['registry.npmjs.org%2Fkeys.json']!)));
  });
});

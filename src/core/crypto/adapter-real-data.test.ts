// The adapter against native crypto on the real fixtures: the same verdict per bundle from
// the whole @sigstore/verify pipeline, and the same answer to every single crypto call that
// pipeline makes, also after flipping bits in signatures, signed data and keys.
import {
  createHash as nodeCreateHash,
  createPublicKey as nodeCreatePublicKey,
  timingSafeEqual as nodeTimingSafeEqual,
  type KeyObject as NodeKeyObject } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import { describeRealData, FIXTURES_DIR } from '../../testing/fixtures';
import * as adapter from './node-crypto';
import { adapterAccepts, mutations, nativeAccepts, type VerifyQuestion } from './testing/native-compare';
import { loadBundleCases, type BundleCase } from './testing/real-bundle-cases';
import { recordNativeCalls, withCrypto, type RecordedCall } from './testing/swap-node-crypto';
import { verifyCaseFresh } from './testing/verify-bundle-case';

const bytes = (v: unknown): Uint8Array => new Uint8Array(v as Uint8Array);

function toQuestion(call: RecordedCall): VerifyQuestion {
  const [algorithm, data, key, signature] = call.args as [string | undefined, Uint8Array, NodeKeyObject, Uint8Array];
  const der = key.export({ format: 'der', type: 'spki' });
  return { algorithm, data: bytes(data), key: bytes(der), keyType: 'spki', signature: bytes(signature) };
}

describeRealData('crypto adapter on the real fixture bundles', () => {
  let cases: BundleCase[] = [];
  const recorded: { name: string; calls: RecordedCall[] }[] = [];

  beforeAll(() => {
    cases = loadBundleCases(FIXTURES_DIR);
    for (const c of cases) recorded.push({ name: c.name, calls: recordNativeCalls(() => verifyCaseFresh(c)).calls });
  });

  it('covers PyPI, npm and conformance bundles', () => {
    const groups = new Set(cases.map((c) => c.group));
    expect([...groups].sort()).toEqual(['conformance', 'npm', 'pypi']);
    expect(cases.filter((c) => c.group === 'pypi').length).toBeGreaterThanOrEqual(14);
    expect(cases.filter((c) => c.group === 'npm').length).toBeGreaterThanOrEqual(20);
    expect(cases.filter((c) => c.group === 'conformance').length).toBeGreaterThanOrEqual(47);
  });

  it('patching node:crypto really routes @sigstore/verify through the adapter', () => {
    const ok = cases.find((c) => c.name.startsWith('npm/sigstore/sigstore@2.3.1.attestations.json'));
    expect(ok).toBeDefined();
    adapter.clearCryptoMemos();
    const before = adapter.verifyMemoStats().misses;
    expect(withCrypto('adapter', () => verifyCaseFresh(ok as BundleCase))).toEqual({ ok: true });
    expect(adapter.verifyMemoStats().misses).toBeGreaterThan(before);
  });

  it('the full pipeline gives the same outcome (and error code) per bundle', () => {
    const differences: string[] = [];
    let passed = 0;
    for (const c of cases) {
      const native = withCrypto('native', () => verifyCaseFresh(c));
      adapter.clearCryptoMemos();
      const cold = withCrypto('adapter', () => verifyCaseFresh(c));
      const warm = withCrypto('adapter', () => verifyCaseFresh(c));
      for (const ours of [cold, warm]) {
        const same = native.ok === ours.ok && (native.ok || (!ours.ok && native.code === ours.code));
        if (!same) differences.push(`${c.name}: native ${JSON.stringify(native)} adapter ${JSON.stringify(ours)}`);
      }
      if (native.ok) passed++;
    }
    expect(differences).toEqual([]);
    // Both outcomes occur, so agreement is not agreement on "everything fails".
    expect(passed).toBeGreaterThan(40);
    expect(cases.length - passed).toBeGreaterThan(25);
  });

  it('every recorded verify call gets the same answer, and mutated calls are rejected by both', () => {
    let checked = 0;
    let mutated = 0;
    let keyTypes = new Set<string>();
    for (const { name, calls } of recorded) {
      for (const call of calls.filter((c) => c.name === 'verify')) {
        const q = toQuestion(call);
        keyTypes = keyTypes.add((call.args[2] as NodeKeyObject).asymmetricKeyType ?? '?');
        expect([name, adapterAccepts(q)]).toEqual([name, nativeAccepts(q)]);
        checked++;
        for (const m of mutations(q, 3)) {
          expect([name, m.label, adapterAccepts(m.question)]).toEqual([name, m.label, false]);
          expect([name, m.label, nativeAccepts(m.question)]).toEqual([name, m.label, false]);
          mutated++;
        }
      }
    }
    expect(checked).toBeGreaterThan(200);
    expect(mutated).toBeGreaterThan(checked * 5);
    // RSA appears too (conformance TSA / staging chains), so the PKCS#1 path is exercised.
    expect([...keyTypes].sort()).toEqual(['ec', 'ed25519', 'rsa']);
  });

  it('every recorded createHash, timingSafeEqual and createPublicKey call matches', () => {
    const seen = { createHash: 0, timingSafeEqual: 0, createPublicKey: 0 };
    for (const { calls } of recorded) {
      for (const call of calls) {
        if (call.name === 'createHash') {
          const [algorithm, chunks] = call.args as [string, Uint8Array[]];
          const ours = adapter.createHash(algorithm);
          for (const chunk of chunks) ours.update(chunk);
          expect(ours.digest('hex')).toBe(nativeHash(algorithm, chunks));
          seen.createHash++;
        } else if (call.name === 'timingSafeEqual') {
          const [a, b] = call.args as [Uint8Array, Uint8Array];
          expect(answer(() => adapter.timingSafeEqual(a, b))).toBe(answer(() => nodeTimingSafeEqual(a, b)));
          seen.timingSafeEqual++;
        } else if (call.name === 'createPublicKey') {
          seen.createPublicKey += comparePublicKey(call.args[0]);
        }
      }
    }
    expect(seen.createHash).toBeGreaterThan(500);
    expect(seen.timingSafeEqual).toBeGreaterThan(100);
    expect(seen.createPublicKey).toBeGreaterThan(100);
  });
});

/** The result, or 'throws' (@sigstore/core turns a throwing comparison into false). */
function answer(fn: () => boolean): boolean | 'throws' {
  try {
    return fn();
  } catch {
    return 'throws';
  }
}

function nativeHash(algorithm: string, chunks: Uint8Array[]): string {
  const hash = nodeCreateHash(algorithm);
  for (const chunk of chunks) hash.update(chunk);
  return hash.digest('hex');
}

/** Both decode the key or both throw; decoded keys agree on type, details and bytes. */
function comparePublicKey(input: unknown): number {
  let native: NodeKeyObject | undefined;
  let ours: adapter.KeyObject | undefined;
  try {
    native = nodeCreatePublicKey(input as Parameters<typeof nodeCreatePublicKey>[0]);
  } catch {
    native = undefined;
  }
  try {
    ours = adapter.createPublicKey(input as Parameters<typeof adapter.createPublicKey>[0]);
  } catch {
    ours = undefined;
  }
  expect(ours === undefined).toBe(native === undefined);
  if (native && ours) {
    expect(ours.asymmetricKeyType).toBe(native.asymmetricKeyType);
    expect(ours.asymmetricKeyDetails).toEqual(native.asymmetricKeyDetails);
    // A PKCS#1 input stays PKCS#1 in the adapter (export() keeps the input's encoding).
    const ourType = ours.fingerprint.startsWith('pkcs1:') ? 'pkcs1' : 'spki';
    expect(ours.export()).toEqual(native.export({ format: 'der', type: ourType }));
  }
  return 1;
}

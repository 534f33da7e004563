// Recording mode and the WebCrypto side of verify-ahead on keys made here: recording stores
// nothing and refuses re-entry, DER conversion is canonical-only, and verifyAhead answers
// exactly what the adapter answers, also with a lying, throwing or missing WebCrypto.
import { generateKeyPairSync, sign, webcrypto } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { derToP1363, subtleAnswer } from './ecdsa-subtle';
import * as adapter from './node-crypto';
import { verifyAhead } from './verify-ahead';
import { isRecording, recordVerifyRequests, RecordingReentryError } from './verify-requests';

const subtle = webcrypto.subtle as SubtleCrypto;
const P256_ORDER = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;

const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const spki = new Uint8Array(publicKey.export({ format: 'der', type: 'spki' }));
const data = new TextEncoder().encode('signed by a key made for this test');
const goodSig = new Uint8Array(sign('sha256', data, privateKey));
const badSig = new Uint8Array(goodSig);
badSig[badSig.length - 1] = (badSig[badSig.length - 1] as number) ^ 1;

const key = () => adapter.createPublicKey({ key: spki, format: 'der', type: 'spki' });
const verify = (signature: Uint8Array) => adapter.verify('sha256', data, key(), signature);

/** DER for (r, s) with minimal positive INTEGERs; short lengths suffice for P-256. */
function derSig(r: bigint, s: bigint): Uint8Array {
  const int = (v: bigint): number[] => {
    const hex = v.toString(16).padStart(2, '0');
    const bytes = [...Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex')];
    const body = (bytes[0] as number) & 0x80 ? [0, ...bytes] : bytes;
    return [0x02, body.length, ...body];
  };
  const body = [...int(r), ...int(s)];
  return new Uint8Array([0x30, body.length, ...body]);
}

beforeEach(() => adapter.clearCryptoMemos());

describe('recording mode', () => {
  it('answers a memo miss true, records it exactly, and stores nothing in the memo', () => {
    const { result, requests } = recordVerifyRequests(() => [verify(badSig), verify(badSig)]);
    expect(result).toEqual([true, true]);
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ keyKind: 'ec', curve: 'P-256', hash: 'sha256', spki, data, signature: badSig });
    expect(adapter.verifyMemoStats().size).toBe(0);
    expect(isRecording()).toBe(false);
    // The optimistic answer did not outlive the recording.
    expect(verify(badSig)).toBe(false);
  });

  it('answers memo hits from the memo without recording them', () => {
    expect(verify(badSig)).toBe(false);
    const { result, requests } = recordVerifyRequests(() => verify(badSig));
    expect(result).toBe(false);
    expect(requests).toEqual([]);
  });

  it('refuses re-entry and ends the mode even when the call throws', () => {
    expect(() => recordVerifyRequests(() => recordVerifyRequests(() => 1))).toThrow(RecordingReentryError);
    expect(isRecording()).toBe(false);
    expect(() => recordVerifyRequests(() => { throw new Error('boom'); })).toThrow('boom');
    expect(isRecording()).toBe(false);
  });
});

describe('DER to P1363 and the WebCrypto answer', () => {
  it('converts canonical DER and rejects non-canonical encodings', () => {
    expect(derToP1363(goodSig, 32)).toHaveLength(64);
    const padded = new Uint8Array([0x30, (goodSig[1] as number) + 1, 0x02, (goodSig[3] as number) + 1, 0x00, ...goodSig.subarray(4)]);
    expect(derToP1363(padded, 32)).toBeNull();
    expect(derToP1363(new Uint8Array([...goodSig, 0]), 32)).toBeNull();
    expect(derToP1363(derSig(0n, 1n), 32)).toBeNull();
  });

  it('agrees with the adapter on good, flipped and high-S signatures', async () => {
    const { requests } = recordVerifyRequests(() => [verify(goodSig), verify(badSig)]);
    const answers = await Promise.all(requests.map((r) => subtleAnswer(subtle, r)));
    expect(answers).toEqual([true, false]);
    const p = derToP1363(goodSig, 32) as Uint8Array;
    const [r, s] = [BigInt(`0x${Buffer.from(p.subarray(0, 32)).toString('hex')}`), BigInt(`0x${Buffer.from(p.subarray(32)).toString('hex')}`)];
    const flippedS = derSig(r, P256_ORDER - s);
    const high = recordVerifyRequests(() => verify(flippedS)).requests[0];
    expect(high && (await subtleAnswer(subtle, high))).toBe(verify(flippedS));
  });
});

describe('verifyAhead', () => {
  const both = () => [verify(goodSig), verify(badSig)];

  it('answers as the adapter with real WebCrypto and seeds the memo', async () => {
    expect(await verifyAhead(both, subtle)).toEqual([true, false]);
    expect(adapter.verifyMemoStats().size).toBe(2);
  });

  it('runs once when every check is confirmed', async () => {
    let runs = 0;
    expect(await verifyAhead(() => (runs++, verify(goodSig)), subtle)).toBe(true);
    expect(runs).toBe(1);
  });

  it('takes a seeded false from WebCrypto over a signature that is in fact good', async () => {
    const lying = { importKey: subtle.importKey.bind(subtle), verify: async () => false } as unknown as SubtleCrypto;
    expect(await verifyAhead(() => verify(goodSig), lying)).toBe(false);
  });

  it('is unchanged with a throwing or missing WebCrypto', async () => {
    const throwing = { importKey: () => Promise.reject(new Error('no')), verify: () => { throw new Error('no'); } } as unknown as SubtleCrypto;
    expect(await verifyAhead(both, throwing)).toEqual([true, false]);
    adapter.clearCryptoMemos();
    expect(await verifyAhead(both, undefined)).toEqual([true, false]);
  });
});

import * as nodeCrypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { BoundedMemo } from './bounded-memo';
import * as adapter from './node-crypto';

describe('BoundedMemo', () => {
  it('evicts the least recently used entry beyond capacity', () => {
    const memo = new BoundedMemo<number>(2);
    memo.set('a', 1);
    memo.set('b', 2);
    expect(memo.get('a')).toBe(1); // a is now the most recent
    memo.set('c', 3);
    expect(memo.get('b')).toBeUndefined();
    expect(memo.get('a')).toBe(1);
    expect(memo.get('c')).toBe(3);
    expect(memo.stats()).toEqual({ hits: 3, misses: 1, size: 2 });
  });

  it('rejects a non-positive capacity', () => {
    expect(() => new BoundedMemo(0)).toThrow(RangeError);
  });
});

describe('signature memo in the adapter', () => {
  const pair = nodeCrypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const pem = pair.publicKey.export({ format: 'pem', type: 'spki' }) as string;
  const data = nodeCrypto.randomBytes(64);
  const signature = nodeCrypto.sign('sha256', data, pair.privateKey);

  it('answers a repeated question from the memo, and a changed one afresh', () => {
    adapter.clearCryptoMemos();
    const key = adapter.createPublicKey(pem);
    expect(adapter.verify('sha256', data, key, signature)).toBe(true);
    expect(adapter.verify('sha256', data, key, signature)).toBe(true);
    expect(adapter.verifyMemoStats()).toMatchObject({ hits: 1, misses: 1 });
    const other = Buffer.from(data);
    other[0] = other[0]! ^ 1;
    expect(adapter.verify('sha256', other, key, signature)).toBe(false);
    expect(adapter.verify('sha384', data, key, signature)).toBe(false);
    expect(adapter.verifyMemoStats()).toMatchObject({ hits: 1, misses: 3 });
  });

  it('stays bounded however many distinct signatures it sees', () => {
    adapter.clearCryptoMemos();
    const key = adapter.createPublicKey(pem);
    for (let i = 0; i < 600; i++) adapter.verify('sha256', Buffer.from([i & 0xff, i >> 8]), key, signature);
    expect(adapter.verifyMemoStats().size).toBe(512);
  });

  it('returns the same decoded key object for the same bytes', () => {
    expect(adapter.createPublicKey(pem)).toBe(adapter.createPublicKey(pem));
  });
});

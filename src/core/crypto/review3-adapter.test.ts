// Review 3 (issue 15): the crypto adapter's options form of verify() (new for tuf-js), against
// node as the oracle, on inputs bit flips do not reach: re-encoded DER, P1363 signatures,
// options that disagree with the algorithm argument, keys wrapped in several ways, Ed25519 with a
// digest. REGRESSION throughout: the adapter must never say true where node says false/throws.
import * as nodeCrypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import * as adapter from './node-crypto';

type Answer = boolean | 'throws';
const ask = (f: () => boolean): Answer => {
  try {
    return f();
  } catch {
    return 'throws';
  }
};
const yes = (a: Answer) => a === true;

function derInts(sig: Buffer): [Buffer, Buffer] {
  // 30 len 02 rlen r 02 slen s (short form lengths for P-256/P-384)
  let i = 2;
  if (sig[1] === 0x81) i = 3;
  const rl = sig[i + 1] as number;
  const r = sig.subarray(i + 2, i + 2 + rl);
  const sl = sig[i + 2 + rl + 1] as number;
  const s = sig.subarray(i + 2 + rl + 2, i + 2 + rl + 2 + sl);
  return [r, s];
}
const seq = (body: Buffer, longForm = false) => Buffer.concat([Buffer.from(longForm ? [0x30, 0x81, body.length] : [0x30, body.length]), body]);
const int = (v: Buffer, longForm = false) => Buffer.concat([Buffer.from(longForm ? [0x02, 0x81, v.length] : [0x02, v.length]), v]);

function reencodings(sig: Buffer): [string, Buffer][] {
  const [r, s] = derInts(sig);
  const strip = (b: Buffer) => (b[0] === 0 ? b.subarray(1) : b);
  const pad = (b: Buffer) => Buffer.concat([Buffer.from([0]), b]);
  const p1363 = Buffer.concat([strip(r).length < 32 ? pad(strip(r)) : strip(r), strip(s).length < 32 ? pad(strip(s)) : strip(s)]);
  return [
    ['trailing byte', Buffer.concat([sig, Buffer.from([0])])],
    ['long-form seq length', seq(Buffer.concat([int(r), int(s)]), true)],
    ['long-form int length', seq(Buffer.concat([int(r, true), int(s)]))],
    ['extra leading zero in r', seq(Buffer.concat([int(pad(r)), int(s)]))],
    ['r and s swapped', seq(Buffer.concat([int(s), int(r)]))],
    ['P1363 raw r||s', p1363],
    ['empty', Buffer.alloc(0)],
    ['negative-looking r (zero stripped)', seq(Buffer.concat([int(strip(r)), int(s)]))],
  ];
}

describe('review3: adapter verify vs node, options form and re-encodings', () => {
  it.each(['P-256', 'P-384'])('REGRESSION: ECDSA %s: re-encoded signatures, in plain and options form', (curve) => {
    const pair = nodeCrypto.generateKeyPairSync('ec', { namedCurve: curve });
    const pem = pair.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const ours = adapter.createPublicKey(pem);
    for (let round = 0; round < 20; round++) {
      const data = nodeCrypto.randomBytes(64);
      const sig = nodeCrypto.sign('sha256', data, pair.privateKey);
      for (const [label, variant] of reencodings(sig)) {
        const forms: [string, () => boolean, () => boolean][] = [
          ['plain', () => adapter.verify('sha256', data, ours, variant), () => nodeCrypto.verify('sha256', data, pair.publicKey, variant)],
          ['{key}', () => adapter.verify('sha256', data, { key: ours }, variant), () => nodeCrypto.verify('sha256', data, { key: pair.publicKey }, variant)],
          ['{key, dsaEncoding: der}', () => adapter.verify('sha256', data, { key: ours, dsaEncoding: 'der' }, variant), () => nodeCrypto.verify('sha256', data, { key: pair.publicKey, dsaEncoding: 'der' }, variant)],
          ['{key: pem}', () => adapter.verify('sha256', data, { key: pem } as never, variant), () => nodeCrypto.verify('sha256', data, { key: pem }, variant)],
        ];
        for (const [form, a, n] of forms) {
          const [mine, theirs] = [ask(a), ask(n)];
          if (yes(mine)) expect(`${label} ${form}: node ${String(theirs)}`).toBe(`${label} ${form}: node true`);
        }
      }
    }
  });

  it('REGRESSION: options that disagree with the algorithm argument never make a wrong hash pass', () => {
    const pair = nodeCrypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const ours = adapter.createPublicKey(pair.publicKey.export({ type: 'spki', format: 'pem' }).toString());
    const data = nodeCrypto.randomBytes(100);
    const sig384 = nodeCrypto.sign('sha384', data, pair.privateKey);
    for (const hashAlgorithm of ['sha384', 'sha256', undefined]) {
      for (const algorithm of ['sha256', undefined, null, 'sha512', 'SHA-256', 'RSA-SHA256'] as const) {
        const mine = ask(() => adapter.verify(algorithm, data, { key: ours, hashAlgorithm } as never, sig384));
        const theirs = ask(() => nodeCrypto.verify(algorithm ?? null, data, { key: pair.publicKey, hashAlgorithm } as never, sig384));
        expect([algorithm, hashAlgorithm, mine]).toEqual([algorithm, hashAlgorithm, theirs === true ? true : mine === true ? 'MISMATCH' : mine]);
      }
    }
  });

  it('REGRESSION: P1363 / PSS / unknown padding options fail closed (throw), never true', () => {
    const pair = nodeCrypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const ours = adapter.createPublicKey(pair.publicKey.export({ type: 'spki', format: 'pem' }).toString());
    const data = nodeCrypto.randomBytes(32);
    const p1363 = nodeCrypto.sign('sha256', data, { key: pair.privateKey, dsaEncoding: 'ieee-p1363' });
    for (const opts of [{ dsaEncoding: 'ieee-p1363' }, { dsaEncoding: 'IEEE-P1363' }, { padding: 6 }, { saltLength: 0 }, { padding: 3 }]) {
      expect(ask(() => adapter.verify('sha256', data, { key: ours, ...opts } as never, p1363))).not.toBe(true);
    }
  });

  it('REGRESSION: Ed25519 in options form, with a digest argument, with zip215-only signatures', () => {
    const pair = nodeCrypto.generateKeyPairSync('ed25519');
    const ours = adapter.createPublicKey(pair.publicKey.export({ type: 'spki', format: 'pem' }).toString());
    const data = nodeCrypto.randomBytes(50);
    const sig = nodeCrypto.sign(null, data, pair.privateKey);
    expect(ask(() => adapter.verify(undefined, data, { key: ours }, sig))).toBe(true);
    for (const algorithm of ['sha512', 'sha256']) {
      expect(ask(() => adapter.verify(algorithm, data, { key: ours }, sig))).not.toBe(true);
    }
    // s >= L (non-canonical): add the group order to s; node (strict) refuses.
    const L = 2n ** 252n + 27742317777372353535851937790883648493n;
    const sBytes = Buffer.from(sig.subarray(32)).reverse();
    const s = BigInt(`0x${sBytes.toString('hex')}`) + L;
    if (s < 2n ** 256n) {
      const bumped = Buffer.from(s.toString(16).padStart(64, '0'), 'hex').reverse();
      const variant = Buffer.concat([sig.subarray(0, 32), bumped]);
      const theirs = ask(() => nodeCrypto.verify(null, data, pair.publicKey, variant));
      const mine = ask(() => adapter.verify(undefined, data, { key: ours }, variant));
      expect([mine === true, theirs === true]).toEqual([false, false]);
    }
  });

  it('REGRESSION: a key of another curve than the TUF scheme names (P-384 key, ecdsa-sha2-nistp256) agrees with node', () => {
    const pair = nodeCrypto.generateKeyPairSync('ec', { namedCurve: 'P-384' });
    const ours = adapter.createPublicKey(pair.publicKey.export({ type: 'spki', format: 'pem' }).toString());
    const data = nodeCrypto.randomBytes(40);
    const sig = nodeCrypto.sign('sha256', data, pair.privateKey);
    expect(ask(() => adapter.verify('sha256', data, { key: ours, hashAlgorithm: 'sha256' } as never, sig))).toBe(nodeCrypto.verify('sha256', data, pair.publicKey, sig));
  });
});

// The TUF client (tuf-js TrustedMetadataStore, @tufjs/models) on the browser crypto adapter, as
// the worker runs it. @tufjs/models verifies with crypto.verify(hash, data, { key: KeyObject,
// hashAlgorithm }, sig): node accepts a KeyObject inside that options object, and the adapter
// once threw on it, so in the browser every TUF signature, the embedded root's own included,
// failed (TUF_SIGNATURE) while the Node unit tests passed. Native answers are the oracle.
import * as nodeCrypto from 'node:crypto';
import { TrustedMetadataStore } from 'tuf-js/dist/store';
import { describe, expect, it } from 'vitest';
import { embeddedTufRoot } from '../trust-embedded';
import { generateTufKey } from '../../testing/tuf/tuf-keys';
import { NPM_ROLE, TestTufRepo } from '../../testing/tuf/tuf-repo';
import * as adapter from './node-crypto';
import { withCrypto, type CryptoImpl } from './testing/swap-node-crypto';

function signed(curve: string, hash: string | undefined) {
  const pair = curve === 'ed25519' ? nodeCrypto.generateKeyPairSync('ed25519') : nodeCrypto.generateKeyPairSync('ec', { namedCurve: curve });
  const data = nodeCrypto.randomBytes(200);
  const signature = nodeCrypto.sign(hash ?? null, data, pair.privateKey);
  const pem = pair.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  return { pair, data, signature, pem };
}

describe('verify with a key options object, as @tufjs/models calls it', () => {
  it.each([
    ['P-256', 'sha256'],
    ['P-384', 'sha384'],
    ['ed25519', undefined],
  ])('%s / %s: { key: KeyObject, hashAlgorithm } agrees with node, mutations rejected by both', (curve, hash) => {
    const { pair, data, signature, pem } = signed(curve, hash);
    const ours = { key: adapter.createPublicKey(pem), hashAlgorithm: hash };
    const native = { key: pair.publicKey, hashAlgorithm: hash };
    expect([adapter.verify(hash, data, ours, signature), nodeCrypto.verify(hash ?? null, data, native, signature)]).toEqual([true, true]);
    const bad = Buffer.from(signature);
    bad[bad.length - 3] = (bad[bad.length - 3] as number) ^ 1;
    const other = Buffer.from(data);
    other[0] = (other[0] as number) ^ 1;
    for (const [d, s] of [[data, bad], [other, signature]] as const) {
      expect([adapter.verify(hash, d, ours, s), nodeCrypto.verify(hash ?? null, d, native, s)]).toEqual([false, false]);
    }
  });

  it('{ key: PEM } and { key: DER, format, type } options agree with node', () => {
    const { pair, data, signature, pem } = signed('P-256', 'sha256');
    const der = pair.publicKey.export({ type: 'spki', format: 'der' });
    for (const key of [{ key: pem }, { key: der, format: 'der', type: 'spki' }]) {
      expect([adapter.verify('sha256', data, key as never, signature), nodeCrypto.verify('sha256', data, key as never, signature)]).toEqual([true, true]);
    }
  });

  it('options the adapter does not implement throw (fail closed) instead of being ignored', () => {
    const { pair, data, pem } = signed('P-256', 'sha256');
    const p1363 = nodeCrypto.sign('sha256', data, { key: pair.privateKey, dsaEncoding: 'ieee-p1363' });
    expect(nodeCrypto.verify('sha256', data, { key: pair.publicKey, dsaEncoding: 'ieee-p1363' }, p1363)).toBe(true);
    const key = adapter.createPublicKey(pem);
    expect(() => adapter.verify('sha256', data, { key, dsaEncoding: 'ieee-p1363' }, p1363)).toThrow(/not supported/);
    expect(() => adapter.verify('sha256', data, { key, padding: 6 }, p1363)).toThrow(/not supported/);
  });
});

/** The client workflow's checks over a generated repository, synchronously under `impl`. */
function walkRepository(impl: CryptoImpl, repo: TestTufRepo): { root: number; targets: number } {
  const file = (path: string) => Buffer.from(repo.files.get(path) ?? new Uint8Array());
  return withCrypto(impl, () => {
    const store = new TrustedMetadataStore(Buffer.from(repo.initialRoot));
    store.updateRoot(file('2.root.json'));
    store.updateTimestamp(file('timestamp.json'));
    store.updateSnapshot(file('4.snapshot.json'));
    store.updateDelegatedTargets(file('4.targets.json'), 'targets', 'root');
    store.updateDelegatedTargets(file(`4.${NPM_ROLE}.json`), NPM_ROLE, 'targets');
    return { root: store.root.signed.version, targets: store.targets?.signed.version ?? 0 };
  });
}

describe('the TUF client on the adapter', () => {
  it('walks a rotated root, timestamp, snapshot, targets and a delegated role exactly as on node', () => {
    const repo = new TestTufRepo();
    repo.publishRoot({ version: 2, rootKeys: [generateTufKey(), generateTufKey()], threshold: 2 });
    repo.publish({ version: 4, trustedRoot: { tlogs: [] }, npmKeys: { keys: [] } });
    expect(walkRepository('native', repo)).toEqual({ root: 2, targets: 4 });
    expect(walkRepository('adapter', repo)).toEqual({ root: 2, targets: 4 });
  });

  it('refuses a timestamp whose signature by the right key is damaged, or made by another key, on both', () => {
    const repo = new TestTufRepo();
    repo.publishRoot({ version: 2, rootKeys: repo.rootKeys, threshold: 2 });
    repo.publish({ version: 4, trustedRoot: {}, npmKeys: {} });
    const good = JSON.parse(Buffer.from(repo.files.get('timestamp.json') ?? []).toString('utf8')) as { signatures: { sig: string }[] };
    const sig = good.signatures[0]?.sig ?? '';
    // A byte inside the DER signature's s value: the key is found, the check itself must say no.
    const at = sig.length - 10;
    const damaged = { ...good, signatures: [{ ...good.signatures[0], sig: `${sig.slice(0, at)}${sig[at] === '0' ? '1' : '0'}${sig.slice(at + 1)}` }] };
    repo.files.set('timestamp.json', Buffer.from(JSON.stringify(damaged)));
    for (const impl of ['native', 'adapter'] as const) expect(() => walkRepository(impl, repo), impl).toThrow(/signed by 0\/1 keys/);
    repo.putMeta('timestamp.json', repo.signedAt('timestamp.json'), [generateTufKey()]);
    for (const impl of ['native', 'adapter'] as const) expect(() => walkRepository(impl, repo), impl).toThrow(/signed by 0\/1 keys/);
  });

  it("loads Sigstore's embedded root.json (its own root threshold of signatures) on both", () => {
    for (const impl of ['native', 'adapter'] as const) {
      const version = withCrypto(impl, () => new TrustedMetadataStore(Buffer.from(embeddedTufRoot())).root.signed.version);
      expect(version, impl).toBeGreaterThan(0);
    }
  });
});

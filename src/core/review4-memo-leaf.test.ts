// Review 4 (signing-key memo, readExtensions memo): test-CA leaves shared by several files or
// trust roots. A leaf signed once and used again after it expired (a genuine, signed log entry
// at a later time), one leaf under two CAs' roots, and leaves with duplicate extensions.
import { webcrypto } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { fakeSha256, githubIdentity, testSigstoreFor, type IdentitySpec, type KeylessSession, type TestSigstore } from '../testing/testca/index';
import { createTestFulcio, issueLeaf, sctListExtensionValue, SCT_EXTENSION_OID, signSct, type TestFulcio } from '../testing/testca/fulcio';
import { leafIdentity } from '../testing/testca/fulcio-extensions';
import { generateTestKey, type TestKey } from '../testing/testca/keys';
import { TestRekor } from '../testing/testca/rekor';
import type { TestInstance } from '../testing/testca/signing';
import { distinguishedName, encodeTbs, ext, OID_CODE_SIGNING, randomSerial, signTbs, type RawExtension } from '../testing/testca/x509-der';
import { withCrypto, type CryptoImpl } from './crypto/testing/swap-node-crypto';
import { verifyAhead } from './crypto/verify-ahead';
import { createTrustContext, verifyPypiProvenance } from './index';
import type { TrustContext } from './api';
import type { ArtifactVerdict } from './verdict';

const subtle = webcrypto.subtle as SubtleCrypto;
const newInstance = (fulcio: TestFulcio = createTestFulcio()): TestInstance => ({
  fulcio, ctKey: generateTestKey(), rekor: new TestRekor(generateTestKey()), npmKey: generateTestKey(),
});
let one: TestInstance;
let ca: TestSigstore;
beforeAll(() => {
  one = newInstance();
  ca = testSigstoreFor(one);
});
const now = () => Math.floor(Date.now() / 1000) - 3600;
const file = (tag: string) => ({ filename: `review4_leaf_${tag}-1.0.tar.gz`, sha256: fakeSha256(tag) });
function docFor(session: KeylessSession, f: { filename: string; sha256: string }, integratedTime?: number) {
  const identity = session.identity;
  return ca.pypiProvenance({ publisher: identity, attestations: [ca.pypiAttestation({ ...f, identity, session, integratedTime })] });
}
type Check = (doc: unknown, f: { filename: string; sha256: string }, trust: TrustContext) => Promise<ArtifactVerdict>;
const checks: Record<string, Check> = {
  native: async (d, f, t) => withCrypto('native', () => verifyPypiProvenance(d, f, t)),
  adapter: async (d, f, t) => withCrypto('adapter', () => verifyPypiProvenance(d, f, t)),
  verifyAhead: (d, f, t) => verifyAhead(() => withCrypto('adapter', () => verifyPypiProvenance(d, f, t)), subtle),
};
const trustOf = (impl: string, root: unknown) =>
  withCrypto((impl === 'native' ? 'native' : 'adapter') as CryptoImpl, () => createTrustContext({ trustedRoot: root as never }));

describe.each(Object.keys(checks))('review4 leaf reuse (%s)', (impl) => {
  const check = (d: unknown, f: { filename: string; sha256: string }, t: TrustContext) => checks[impl]!(d, f, t);

  it('a file signed and logged after the shared leaf expired fails after its release siblings verified', async () => {
    const trust = trustOf(impl, ca.trustedRoot);
    const identity = githubIdentity(`lens/review4-expiry-${impl}`);
    const t0 = now();
    const session = ca.keylessSession(identity, t0);
    const a = file(`exp-a-${impl}`);
    const late = file(`exp-late-${impl}`);
    const early = file(`exp-early-${impl}`);
    expect((await check(docFor(session, a), a, trust)).status).toBe('verified');
    expect(await check(docFor(session, late, t0 + 3600), late, trust)).toMatchObject({ status: 'invalid', code: 'CERT_CHAIN' });
    expect(await check(docFor(session, early, t0 - 3600), early, trust)).toMatchObject({ status: 'invalid', code: 'CERT_CHAIN' });
    expect((await check(docFor(session, a), a, trust)).status).toBe('verified');
  });

  it('one leaf under its own root, then under the root of another CA, then under both and a swapped CT key', async () => {
    const other = newInstance();
    const otherCa = testSigstoreFor(other);
    const identity = githubIdentity(`lens/review4-roots-${impl}`);
    const session = ca.keylessSession(identity, now());
    const f = file(`roots-${impl}`);
    const doc = docFor(session, f);
    expect((await check(doc, f, trustOf(impl, ca.trustedRoot))).status).toBe('verified');
    expect(await check(doc, f, trustOf(impl, otherCa.trustedRoot))).toMatchObject({ status: 'unavailable', code: 'TRUST_UNKNOWN_CA' });
    // The other root's CA list with our CT log and Rekor: never verified (our CA is unknown there).
    const mixed = { ...ca.trustedRoot, certificateAuthorities: otherCa.trustedRoot.certificateAuthorities };
    expect(await check(doc, f, trustOf(impl, mixed))).toMatchObject({ status: 'unavailable', code: 'TRUST_UNKNOWN_CA' });
    // Both CAs: ours issued the leaf, so it verifies again; the memo of the other lists is no obstacle.
    const both = { ...ca.trustedRoot, certificateAuthorities: [...otherCa.trustedRoot.certificateAuthorities, ...ca.trustedRoot.certificateAuthorities] };
    expect((await check(doc, f, trustOf(impl, both))).status).toBe('verified');
    // Our CA, the other instance's CT log (same log id as ours, other key): the SCT must fail.
    const ctSwapped = structuredClone(ca.trustedRoot) as { ctlogs: { publicKey: unknown }[] };
    ctSwapped.ctlogs[0]!.publicKey = structuredClone(otherCa.trustedRoot.ctlogs[0]!.publicKey);
    expect(await check(doc, f, trustOf(impl, ctSwapped))).toMatchObject({ status: 'invalid', code: 'CERT_SCT' });
  });

  it('a leaf of an impostor intermediate (same name, same key id, other key) after the genuine leaf verified', async () => {
    const trust = trustOf(impl, ca.trustedRoot);
    const identity = githubIdentity(`lens/review4-impostor-${impl}`);
    const t = now();
    const genuine = ca.keylessSession(identity, t);
    const f = file(`imp-${impl}`);
    expect((await check(docFor(genuine, f), f, trust)).status).toBe('verified');
    // Same leaf key and identity, issued by a key that only claims the intermediate's name.
    const impostorKey: TestKey = { ...generateTestKey(), spki: one.fulcio.intermediateKey.spki, keyId: one.fulcio.intermediateKey.keyId };
    const certificate = issueLeaf({ ...one.fulcio, intermediateKey: impostorKey }, one.ctKey, genuine.leafKey, identity, t);
    const g = file(`imp2-${impl}`);
    expect(await check(docFor({ ...genuine, certificate }, g), g, trust)).toMatchObject({ status: 'invalid', code: 'CERT_CHAIN' });
  });
});

/** issueLeaf with the extension list rewritten (same SCT and signature steps as the test Fulcio). */
function leafWith(identity: IdentitySpec, leafKey: TestKey, t: number, rewrite: (e: RawExtension[]) => RawExtension[]): Buffer {
  const notBefore = t * 1000 - 20_000;
  const { san, extensions } = leafIdentity(identity);
  const exts = rewrite([
    ext.keyUsage('digitalSignature'), ext.extendedKeyUsage(OID_CODE_SIGNING), ext.subjectKeyId(leafKey.spki),
    ext.authorityKeyId(one.fulcio.intermediateKey.spki), ext.subjectAltName(san), ...extensions,
  ]);
  const fields = {
    serial: randomSerial(), issuer: one.fulcio.intermediateName, subject: distinguishedName(null),
    notBefore: new Date(notBefore), notAfter: new Date(notBefore + 600_000), subjectSpki: leafKey.spki,
  };
  const sct = signSct(one.ctKey, one.fulcio.intermediateKey.spki, encodeTbs({ ...fields, extensions: exts }), BigInt(notBefore + 345));
  const all = [...exts, { oid: SCT_EXTENSION_OID, value: sctListExtensionValue([sct]) }];
  return signTbs(encodeTbs({ ...fields, extensions: all }), one.fulcio.intermediateKey);
}

describe('review4 leaves with duplicate extensions (RFC 5280 4.2: at most one instance of each)', () => {
  const other = leafIdentity(githubIdentity('mallory/other-repo')).extensions;
  const dup = (oid: string) => (e: RawExtension[]) => [...e, ...other.filter((x) => x.oid === oid)];
  it.each([
    ['source repository URI (.12)', '1.3.6.1.4.1.57264.1.12'],
    ['build config URI (.18)', '1.3.6.1.4.1.57264.1.18'],
    ['source repository ref (.14)', '1.3.6.1.4.1.57264.1.14'],
    ['OIDC issuer (.8)', '1.3.6.1.4.1.57264.1.8'],
  ])('a second, conflicting %s extension is not shown as verified', async (_, oid) => {
    const identity = githubIdentity(`lens/review4-dup-${oid}`);
    const leafKey = generateTestKey();
    const t = now();
    const session: KeylessSession = { identity, integratedTime: t, leafKey, certificate: leafWith(identity, leafKey, t, dup(oid)) };
    const f = file(`dup-${oid}`);
    const trust = createTrustContext({ trustedRoot: ca.trustedRoot });
    const honest = ca.keylessSession(identity, t);
    expect(verifyPypiProvenance(docFor(honest, f), f, trust).status).toBe('verified');
    expect(verifyPypiProvenance(docFor(session, f), f, trust)).toMatchObject({ status: 'invalid', code: 'PARSE_CERTIFICATE' });
  });

  it('a second subject alternative name extension (another workflow) is not shown as verified', async () => {
    const identity = githubIdentity('lens/review4-dup-san');
    const leafKey = generateTestKey();
    const t = now();
    const otherSan = ext.subjectAltName(leafIdentity(githubIdentity('mallory/other-repo')).san);
    const certificate = leafWith(identity, leafKey, t, (e) => [...e, otherSan]);
    const f = file('dup-san');
    const trust = createTrustContext({ trustedRoot: ca.trustedRoot });
    expect(verifyPypiProvenance(docFor({ identity, integratedTime: t, leafKey, certificate }, f), f, trust)).toMatchObject({ status: 'invalid', code: 'PARSE_CERTIFICATE' });
  });
});

// Review 4 (signing-key memo + rememberWhenConfirmed): the worker's optimistic pass (verifyAhead
// over the pure-JS adapter) with test-CA sessions whose one certificate signs several files.
// Concurrent recordings, refused / throwing / missing WebCrypto answers, parse-memo eviction
// between recording and confirmation: no forged certificate may ever verify, no honest one fail.
import { webcrypto } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createTestSigstore, fakeSha256, githubIdentity, type KeylessSession, type KeylessSessionOptions, type TestSigstore,
} from '../testing/testca/index';
import { withCrypto } from './crypto/testing/swap-node-crypto';
import { verifyAhead } from './crypto/verify-ahead';
import { recordVerifyRequests, RecordingReentryError } from './crypto/verify-requests';
import type { TrustContext } from './api';
import { createTrustContext, verifyPypiProvenance } from './index';
import type { ArtifactVerdict } from './verdict';
import { clearParsedCertificates } from './x509-parse-memo';

type File = { filename: string; sha256: string };
const realSubtle = webcrypto.subtle as SubtleCrypto;
let ca: TestSigstore;
let trust: TrustContext;
beforeAll(async () => {
  ca = await createTestSigstore();
  trust = withCrypto('adapter', () => createTrustContext({ trustedRoot: ca.trustedRoot }));
});

let serial = 0;
/** A session (one leaf) and `n` of its files, each with its own provenance document. */
function release(options: KeylessSessionOptions = {}, n = 3): { docs: unknown[]; files: File[]; session: KeylessSession } {
  const tag = `r${++serial}`;
  const identity = githubIdentity(`lens/review4-${tag}`);
  const session = ca.keylessSession(identity, undefined, options);
  const files = Array.from({ length: n }, (_, i) => ({ filename: `review4_${tag}-1.0-${i}.tar.gz`, sha256: fakeSha256(`${tag}/${i}`) }));
  const docs = files.map((f) => ca.pypiProvenance({ publisher: identity, attestations: [ca.pypiAttestation({ ...f, identity, session })] }));
  return { docs, files, session };
}

const run = (doc: unknown, file: File) => withCrypto('adapter', () => verifyPypiProvenance(doc, file, trust));
const ahead = (doc: unknown, file: File, subtle: SubtleCrypto | undefined = realSubtle): Promise<ArtifactVerdict> =>
  verifyAhead(() => run(doc, file), subtle);

/** WebCrypto that cannot or will not answer: importKey throws, rejects, or verify throws. */
const refusing = {
  throws: { importKey: () => { throw new Error('no'); }, verify: () => { throw new Error('no'); } },
  rejects: { importKey: () => Promise.reject(new Error('no')), verify: () => Promise.reject(new Error('no')) },
  verifyThrows: { importKey: realSubtle.importKey.bind(realSubtle), verify: () => { throw new Error('no'); } },
} as unknown as Record<string, SubtleCrypto>;

const FORGERIES = [['forgedSct', 'CERT_SCT'], ['forgedIssuerSignature', 'CERT_CHAIN']] as const;

describe('review4: optimistic passes sharing one certificate', () => {
  it.each(FORGERIES)('%s: all files started concurrently (every recording before any confirmation) fail, and again after', async (forgery, code) => {
    const forged = release({ [forgery]: true }, 4);
    const verdicts = await Promise.all(forged.docs.map((d, i) => ahead(d, forged.files[i]!)));
    for (const v of verdicts) expect(v).toMatchObject({ status: 'invalid', code });
    for (const [i, d] of forged.docs.entries()) expect(await ahead(d, forged.files[i]!)).toMatchObject({ status: 'invalid', code });
    for (const [i, d] of forged.docs.entries()) expect(run(d, forged.files[i]!)).toMatchObject({ status: 'invalid', code });
  });

  it.each(FORGERIES)('%s: forged and honest releases of one identity interleaved concurrently', async (forgery, code) => {
    const forged = release({ [forgery]: true });
    const honest = release();
    const started = forged.docs.flatMap((d, i) => [ahead(d, forged.files[i]!), ahead(honest.docs[i], honest.files[i]!)]);
    const verdicts = await Promise.all(started);
    verdicts.forEach((v, i) => {
      if (i % 2 === 0) expect(v, `forged ${i}`).toMatchObject({ status: 'invalid', code });
      else expect(v.status, `honest ${i}`).toBe('verified');
    });
  });

  it.each(Object.keys(refusing))('forged SCT under a WebCrypto that %s, then under the real one: always invalid', async (how) => {
    const forged = release({ forgedSct: true });
    expect(await ahead(forged.docs[0], forged.files[0]!, refusing[how])).toMatchObject({ status: 'invalid', code: 'CERT_SCT' });
    expect(await ahead(forged.docs[1], forged.files[1]!)).toMatchObject({ status: 'invalid', code: 'CERT_SCT' });
    expect(await ahead(forged.docs[2], forged.files[2]!, refusing[how])).toMatchObject({ status: 'invalid', code: 'CERT_SCT' });
  });

  it.each(Object.keys(refusing))('honest release under a WebCrypto that %s verifies, and a forged one after it does not', async (how) => {
    const honest = release();
    for (const [i, d] of honest.docs.entries()) expect((await ahead(d, honest.files[i]!, refusing[how])).status).toBe('verified');
    const forged = release({ forgedIssuerSignature: true });
    expect(await ahead(forged.docs[0], forged.files[0]!, refusing[how])).toMatchObject({ status: 'invalid', code: 'CERT_CHAIN' });
  });

  it('no WebCrypto at all (real pass only): forged fails, honest verifies, in either order', async () => {
    const forged = release({ forgedSct: true });
    const honest = release();
    expect(await ahead(forged.docs[0], forged.files[0]!, undefined)).toMatchObject({ status: 'invalid', code: 'CERT_SCT' });
    expect((await ahead(honest.docs[0], honest.files[0]!, undefined)).status).toBe('verified');
    expect(await ahead(forged.docs[1], forged.files[1]!)).toMatchObject({ status: 'invalid', code: 'CERT_SCT' });
  });

  it.each(FORGERIES)('%s: the parse memo cleared between the recording and its confirmation', async (forgery, code) => {
    const forged = release({ [forgery]: true });
    const pending = ahead(forged.docs[0], forged.files[0]!);
    clearParsedCertificates();
    const second = ahead(forged.docs[1], forged.files[1]!);
    clearParsedCertificates();
    expect(await pending).toMatchObject({ status: 'invalid', code });
    expect(await second).toMatchObject({ status: 'invalid', code });
    expect(await ahead(forged.docs[2], forged.files[2]!)).toMatchObject({ status: 'invalid', code });
  });

  it('one recording that verifies a forged and an honest file of one identity together', async () => {
    const forged = release({ forgedSct: true });
    const honest = release();
    const both = await verifyAhead(() => [run(honest.docs[0], honest.files[0]!), run(forged.docs[0], forged.files[0]!)], realSubtle);
    expect(both[0]!.status).toBe('verified');
    expect(both[1]).toMatchObject({ status: 'invalid', code: 'CERT_SCT' });
    expect(await ahead(forged.docs[1], forged.files[1]!)).toMatchObject({ status: 'invalid', code: 'CERT_SCT' });
  });

  it("an honest file's verdict does not hand its certificate's pass to a forged file's document (wrong file)", async () => {
    const honest = release();
    expect((await ahead(honest.docs[0], honest.files[0]!)).status).toBe('verified');
    // File 0's provenance offered for file 1 (same certificate, both verified before): invalid.
    expect((await ahead(honest.docs[1], honest.files[1]!)).status).toBe('verified');
    expect((await ahead(honest.docs[0], honest.files[1]!)).status).toBe('invalid');
    expect((await ahead(honest.docs[1], honest.files[0]!)).status).toBe('invalid');
  });

  it.each(FORGERIES)('%s: plain (non-optimistic) passes interleaved with a pending optimistic one', async (forgery, code) => {
    const forged = release({ [forgery]: true });
    const honest = release();
    const pendingForged = ahead(forged.docs[0], forged.files[0]!);
    expect(run(forged.docs[1], forged.files[1]!)).toMatchObject({ status: 'invalid', code });
    const pendingHonest = ahead(honest.docs[0], honest.files[0]!);
    expect(run(honest.docs[1], honest.files[1]!).status).toBe('verified');
    expect(await pendingForged).toMatchObject({ status: 'invalid', code });
    expect((await pendingHonest).status).toBe('verified');
    expect(await ahead(forged.docs[2], forged.files[2]!)).toMatchObject({ status: 'invalid', code });
  });

  it('a recording that ends in re-entry keeps nothing it saw', async () => {
    const forged = release({ forgedSct: true });
    const reentering = () => {
      run(forged.docs[0], forged.files[0]!);
      return recordVerifyRequests(() => 1);
    };
    await expect(verifyAhead(reentering, realSubtle)).rejects.toBeInstanceOf(RecordingReentryError);
    expect(run(forged.docs[1], forged.files[1]!)).toMatchObject({ status: 'invalid', code: 'CERT_SCT' });
    expect(await ahead(forged.docs[2], forged.files[2]!)).toMatchObject({ status: 'invalid', code: 'CERT_SCT' });
  });
});

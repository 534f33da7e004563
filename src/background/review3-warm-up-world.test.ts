// Third review, the worker's start-up verification (warm-up.ts, commit 68ae8e7), in a worker
// of real parts: the verdict service, cache, pins and publisher history over a storage.local
// stand-in, the worker's verifiers (noble adapter + WebCrypto), the worker's trust (trust.ts)
// and a registry serving the real recorded provenance. The warm-up must keep nothing, decide
// nothing a page later sees, follow trust material installed after it, never reject (nor leave
// a rejection unhandled), and still do its work in the e2e builds' test-CA overlay.
import { webcrypto } from 'node:crypto';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { clearCryptoMemos } from '../core/crypto/node-crypto';
import { withCrypto } from '../core/crypto/testing/swap-node-crypto';
import { embeddedTrustInput, verifyNpmAttestations, verifyPypiProvenance } from '../core/index';
import type { Verifiers } from '../registries/adapter';
import { PYPI_ORIGIN } from '../registries/pypi/hosts';
import dists from '../../demo/recorded/pypi/sampleproject/dists.json';
import embedded from '../../demo/recorded/pypi/sampleproject/sampleproject-4.0.0.tar.gz.provenance?raw';
import { createTestSigstore, fakeSha256, githubIdentity } from '../testing/testca/index';
import { createVerdictCache } from './cache';
import { createPinStore } from './pins';
import { fakeStorage } from './testing/fake-storage';
import { freshRegistry } from './testing/fresh-registry';
import { unhandledRejections } from './testing/unhandled-rejections';
import { installWorkerTrust, trustContextFor, trustVersion, workerTrust } from './trust';
import { createVerdictService } from './verdicts';
import { createWorkerVerifiers } from './verifiers';
import { warmVerification } from './warm-up';

const core = {
  verifyPypiProvenance: (...a: Parameters<typeof verifyPypiProvenance>) => withCrypto('adapter', () => verifyPypiProvenance(...a)),
  verifyNpmAttestations: (...a: Parameters<typeof verifyNpmAttestations>) => withCrypto('adapter', () => verifyNpmAttestations(...a)),
};
const verifiers: Verifiers = createWorkerVerifiers({ core, subtle: webcrypto.subtle as SubtleCrypto });
const SDIST = dists.distributions.find((d) => d.filename === 'sampleproject-4.0.0.tar.gz')!;
const on = (path: string) => new URL(path, PYPI_ORIGIN).href;
const otherHex = (hex: string) => `${hex.slice(0, -1)}${hex.endsWith('0') ? '1' : '0'}`;

/** A worker whose registry lists sampleproject 4.0.0's sdist with `sha256`, its provenance the recorded one. */
function world(sha256: string) {
  const storage = fakeStorage();
  const routes = {
    [on('/pypi/sampleproject/json')]: { info: { name: 'sampleproject', version: '4.0.0' }, urls: [{ filename: SDIST.filename, digests: { sha256 } }] },
    [on('/pypi/sampleproject/4.0.0/json')]: { info: { name: 'sampleproject', version: '4.0.0' }, urls: [{ filename: SDIST.filename, digests: { sha256 } }] },
    [on(`/integrity/sampleproject/4.0.0/${SDIST.filename}/provenance`)]: JSON.parse(embedded) as unknown,
  };
  const asked: string[] = [];
  const cache = createVerdictCache(storage, { trustVersion });
  const pins = createPinStore(storage);
  const verdicts = createVerdictService({ fetcher: freshRegistry(routes, (u) => asked.push(u.pathname)), verifiers, trust: workerTrust, cache, pins });
  return { storage, asked, verdicts };
}

// The bundled worker's node:crypto is the adapter: its trust material is parsed under it too.
beforeAll(() => void withCrypto('adapter', () => workerTrust()));
const unhandled = unhandledRejections();
beforeEach(() => clearCryptoMemos());
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('review3: the warm-up in a worker of real parts', () => {
  it('keeps nothing in storage.local (verdict cache, pins, publisher history) and the page\'s ask goes to the registry', async () => {
    const w = world(SDIST.sha256);
    await warmVerification(verifiers, workerTrust);
    expect([...w.storage.data.keys()]).toEqual([]);
    const verdict = await w.verdicts.getVerdict({ registry: 'pypi', name: 'sampleproject', version: '4.0.0' });
    expect(w.asked.some((p) => p.startsWith('/integrity/sampleproject/'))).toBe(true);
    expect(verdict).toMatchObject({ status: 'verified' });
  });

  it('a registry listing the sdist under another sha256 gets no "verified" after the warm-up verified that very provenance', async () => {
    await warmVerification(verifiers, workerTrust);
    const w = world(otherHex(SDIST.sha256));
    const verdict = await w.verdicts.getVerdict({ registry: 'pypi', name: 'sampleproject', version: '4.0.0' });
    expect(verdict.status).not.toBe('verified');
    expect(verdict.files.map((f) => f.verdict.status)).not.toContain('verified');
  });

  it('never rejects and leaves no unhandled rejection: a core that throws, a WebCrypto that throws, trust that throws', async () => {
    const throwingSubtle = { importKey: () => Promise.reject(new Error('import')), verify: () => { throw new Error('verify'); } } as unknown as SubtleCrypto;
    const throwingCore = { verifyPypiProvenance: () => { throw new Error('core'); }, verifyNpmAttestations: core.verifyNpmAttestations };
    await expect(warmVerification(createWorkerVerifiers({ core, subtle: throwingSubtle }), workerTrust)).resolves.toBeUndefined();
    await expect(warmVerification(createWorkerVerifiers({ core: throwingCore, subtle: webcrypto.subtle as SubtleCrypto }), workerTrust)).resolves.toBeUndefined();
    await expect(warmVerification(createWorkerVerifiers({ core, subtle: null }), () => { throw new Error('no trust'); })).resolves.toBeUndefined();
    const rejecting: Verifiers = { verifyPypiProvenance: () => Promise.reject(new Error('later')), verifyNpmAttestations };
    await expect(warmVerification(rejecting, workerTrust)).resolves.toBeUndefined();
    await settle();
    expect(unhandled).toEqual([]);
  });

  it('in the e2e builds (test-CA overlay appended) it still verifies end to end, and a test-CA bundle after it is judged as before', async () => {
    const ts = await createTestSigstore();
    const overlay = () => withCrypto('adapter', () => trustContextFor({ trustedRoot: ts.trustedRoot, npmKeys: ts.npmKeys }));
    const seen: string[] = [];
    const recording: Verifiers = { ...verifiers, verifyPypiProvenance: async (d, f, t) => { const v = await verifiers.verifyPypiProvenance(d, f, t); seen.push(v.status); return v; } };
    await warmVerification(recording, overlay);
    expect(seen).toEqual(['verified']);
    const file = { filename: 'demo-1.0.tar.gz', sha256: fakeSha256('overlay') };
    const attestation = ts.pypiAttestation({ ...file, identity: githubIdentity('acme/demo') });
    expect(await verifiers.verifyPypiProvenance(attestation, file, overlay())).toMatchObject({ status: 'verified' });
    expect((await verifiers.verifyPypiProvenance(attestation, { ...file, sha256: otherHex(file.sha256) }, overlay())).status).not.toBe('verified');
  });

  // Last: installWorkerTrust changes this module's trust for the rest of the file.
  it('trust material installed after it (a TUF refresh) without the authorities it used decides the real verdict: not verified', async () => {
    await warmVerification(verifiers, workerTrust);
    const input = embeddedTrustInput();
    const root = structuredClone(input.trustedRoot) as Record<string, unknown[]>;
    root.certificateAuthorities = [];
    withCrypto('adapter', () => installWorkerTrust({ trustedRoot: root, npmKeys: input.npmKeys, materialDate: new Date().toISOString(), id: 'review3-no-fulcio' }));
    const w = world(SDIST.sha256);
    const verdict = await w.verdicts.getVerdict({ registry: 'pypi', name: 'sampleproject', version: '4.0.0' });
    expect(verdict.status).not.toBe('verified');
  });
});

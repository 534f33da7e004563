// Review 5 (cache, worker level): the verdict service over the cache as worker.ts builds it
// (gatherWritesMs 100), on the fake registry of verdicts.test. What a page is answered right after
// a Retry, and what a trust-material change mid-verification leaves in the cache.
import { describe, expect, it } from 'vitest';
import type { TrustContext } from '../core/api';
import type { ArtifactVerdict, SignerIdentity } from '../core/verdict';
import type { Verifiers } from '../registries/adapter';
import { PYPI_ORIGIN } from '../registries/pypi/hosts';
import { fakeFetcher } from '../registries/testing/fake-fetcher';
import { createVerdictCache } from './cache';
import { fakeStorage } from './testing/fake-storage';
import { createVerdictService } from './verdicts';

const onPypi = (path: string) => new URL(path, PYPI_ORIGIN).href;
const trust: TrustContext = { kind: 'trust-context', trustedRootDate: '2025-01-01' };
const identity: SignerIdentity = { forge: 'github', issuer: 'https://token.actions.githubusercontent.com', san: 's', repository: 'o/r' };
const verified: ArtifactVerdict = { status: 'verified', identity, attestations: [] };
const forged: ArtifactVerdict = { status: 'invalid', code: 'SIGNATURE_INVALID', message: 'signature does not verify' };
const doc = { info: { name: 'demo', version: '1.0' }, urls: [{ filename: 'demo-1.0.tar.gz', digests: { sha256: 'a'.repeat(64) } }] };
const routes = {
  [onPypi('/pypi/demo/json')]: doc,
  [onPypi('/pypi/demo/1.0/json')]: doc,
  [onPypi('/integrity/demo/1.0/demo-1.0.tar.gz/provenance')]: { any: 'doc' },
};
const release = { registry: 'pypi' as const, name: 'demo', version: '1.0' };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function world(gatherWritesMs: number) {
  const state = { answer: verified, verifications: 0, version: 'A', onVerify: () => {} };
  const verifiers: Verifiers = {
    verifyPypiProvenance: () => (state.verifications++, state.onVerify(), state.answer),
    verifyNpmAttestations: () => ({ status: 'none' }),
  };
  const storage = fakeStorage();
  const cache = createVerdictCache(storage, { trustVersion: () => state.version, gatherWritesMs });
  const svc = createVerdictService({ fetcher: fakeFetcher(routes), verifiers, trust: () => trust, cache });
  return { state, svc, cache, storage };
}

describe('review5 cache: the verdict service over gathered writes', () => {
  for (const gather of [100, 0]) {
    it(`W1 (gatherWritesMs ${gather}) the page's ask right after a Retry is answered what the Retry decided, not the file verdict before it`, async () => {
      const { state, svc } = world(gather);
      expect((await svc.getVerdict(release)).status).toBe('verified');
      await sleep(gather + 50); // the first verdict is written
      state.answer = forged; // the Retry finds the file's attestation no longer verifies
      expect((await svc.getVerdict(release, { fresh: true })).status).toBe('invalid');
      // tab-state tells the page to ask again (ASK_AGAIN); it asks at once, in the usual mode.
      expect((await svc.getVerdict(release)).status).toBe('invalid');
      await sleep(gather + 50);
      expect((await svc.getVerdict(release)).status).toBe('invalid');
    });
  }

  it('W2 a verdict decided under trust material A is not kept under B, installed while it was being decided', async () => {
    const { state, svc } = world(0);
    state.onVerify = () => {
      state.version = 'B'; // a TUF refresh installs new material (installWorkerTrust) mid-check
    };
    await svc.getVerdict(release); // decided with the trust context taken at its start (A)
    state.onVerify = () => {};
    await sleep(20);
    const before = state.verifications;
    await svc.getVerdict(release); // under B: decided anew, not answered from A's decision
    expect(state.verifications).toBe(before + 1);
  });

  it('W3 after Clear cache, a Retry and an ordinary ask agree, and no verdict from before the clear is answered', async () => {
    const { state, svc, cache, storage } = world(100);
    await svc.getVerdict(release);
    await sleep(150);
    expect(await cache.clear()).toBe(1);
    expect([...storage.data.keys()]).toEqual([]);
    const before = state.verifications;
    expect((await svc.getVerdict(release)).status).toBe('verified');
    expect(state.verifications).toBe(before + 1); // decided anew: nothing kept answered it
  });
});

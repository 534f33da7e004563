// A worker starts on the trust material its last TUF refresh stored (live-trust.ts), installed
// once storage has been read; the verdict cache's keys name that material. A page's ask that
// wakes the worker can arrive before the read ends: the answer waits for it (`trustLoaded`), so
// it neither misses the verdicts kept under the stored material's key (asking the registry and
// verifying again, as a woken worker did when the read lost the race) nor builds the build's
// own material only to have it replaced.
import { beforeAll, describe, expect, it } from 'vitest';
import type { TrustContext } from '../core/api';
import { verifyNpmAttestations, verifyPypiProvenance } from '../core/index';
import type { PackageRef } from '../core/verdict';
import { fakeFetcher } from '../registries/testing/fake-fetcher';
import { createTestSigstore, githubIdentity, type TestSigstore } from '../testing/testca/index';
import { createVerdictCache } from './cache';
import { fakeStorage, type FakeStorage } from './testing/fake-storage';
import { npmPackageRoutes, testTrust } from './testing/testca-registry';
import { createLiveTrust } from './tuf/live-trust';
import { createVerdictService } from './verdicts';

let ts: TestSigstore;
let trust: TrustContext;
beforeAll(async () => {
  ts = await createTestSigstore();
  trust = testTrust(ts);
});

const PKG: PackageRef = { registry: 'npm', name: 'demo', version: '1.0.0' };

/** A worker whose trust version is the build's until `install` (the stored material's) runs. */
function worker(local: FakeStorage, loaded: Promise<void> | undefined) {
  let version = 'embedded';
  const built: string[] = [];
  if (loaded) void loaded.then(() => (version = 'tuf-1'));
  const registry = fakeFetcher(npmPackageRoutes(ts, 'demo', [{ version: '1.0.0', identity: githubIdentity('acme/demo') }]));
  const cache = createVerdictCache(local, { trustVersion: () => version });
  const svc = createVerdictService({
    fetcher: registry,
    verifiers: { verifyPypiProvenance, verifyNpmAttestations },
    trust: () => {
      built.push(version);
      return trust;
    },
    ...(loaded ? { trustLoaded: () => loaded } : {}),
    cache,
  });
  return { svc, built, requests: () => registry.requests.length };
}

describe('answers wait for the stored trust material', () => {
  it('a woken worker asked before storage was read finds the verdict kept under the stored material, and builds only that', async () => {
    const local = fakeStorage();
    const first = worker(local, Promise.resolve());
    await new Promise((r) => setTimeout(r, 0));
    expect((await first.svc.getVerdict(PKG)).status).toBe('verified');
    expect(first.requests()).toBeGreaterThan(0);

    let install: () => void = () => undefined;
    const read = new Promise<void>((resolve) => (install = resolve));
    const woken = worker(local, read);
    const answer = woken.svc.getVerdict(PKG);
    await new Promise((r) => setTimeout(r, 10));
    expect(woken.built, 'nothing built before the stored material is in').toEqual([]);
    install();
    expect((await answer).status).toBe('verified');
    expect(woken.requests(), 'the kept verdict, not the registry').toBe(0);
    expect(woken.built.every((v) => v === 'tuf-1')).toBe(true);
  });

  it('without the wait (the code before), the same ask misses the kept verdict and asks the registry', async () => {
    const local = fakeStorage();
    const first = worker(local, Promise.resolve());
    await new Promise((r) => setTimeout(r, 0));
    await first.svc.getVerdict(PKG);
    const woken = worker(local, undefined);
    await woken.svc.getVerdict(PKG);
    expect(woken.requests()).toBeGreaterThan(0);
  });

  it('live trust: loaded() settles, installing nothing, when storage cannot be read', async () => {
    const installed: string[] = [];
    const failing = { get: () => Promise.reject(new Error('gone')), set: async () => undefined, remove: async () => undefined };
    const live = createLiveTrust({ storage: failing, fetch: () => Promise.reject(new Error('offline')), install: (m) => installed.push(m.id) });
    await expect(live.loaded()).resolves.toBeUndefined();
    expect(installed).toEqual([]);
  });
});

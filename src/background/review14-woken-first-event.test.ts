// Review 14: the first event of a worker woken with stored TUF material, through the real live
// trust (live-trust.ts loaded()) over a storage.local holding what a refresh stored. Every cache
// key the answer touches must name the stored material, also for the asks that reach the cache
// before `answer` waits (verdicts.ts askAnew -> cache.unfresh, for a Retry or a revalidation),
// and nothing may be keyed, read or written under the build's material meanwhile.
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyNpmAttestations, verifyPypiProvenance } from '../core/index';
import type { PackageRef } from '../core/verdict';
import { createTestSigstore, githubIdentity, type TestSigstore } from '../testing/testca/index';
import { createVerdictCache } from './cache';
import { freshRegistry } from './testing/fresh-registry';
import { fakeStorage, type FakeStorage } from './testing/fake-storage';
import { pypiProjectRoutes, testTrust } from './testing/testca-registry';
import { createLiveTrust } from './tuf/live-trust';
import { STORED_TRUST_KEY } from './tuf/stored-trust';
import { createVerdictService } from './verdicts';

let ts: TestSigstore;
beforeAll(async () => {
  ts = await createTestSigstore();
});

const REFRESHED = '2026-12-07T10:00:00.000Z';
const NOW = Date.parse(REFRESHED) + 3_600_000;
/** What a refresh stores (stored-trust.ts); the install below takes its id only. */
const stored = {
  good: { trustedRoot: {}, npmKeys: {}, materialDate: REFRESHED, id: 'tuf-b', versions: { root: 1, timestamp: 5, snapshot: 5, targets: 5 }, metadata: {} },
};
const LATEST: PackageRef = { registry: 'pypi', name: 'demo' };
const RELEASE: PackageRef = { registry: 'pypi', name: 'demo', version: '1.0' };
const owner = githubIdentity('acme/demo');

/** A worker: the build's material ('embedded') until the live trust installs the stored one. */
function worker(local: FakeStorage) {
  const state = { version: 'embedded', keyedEmbedded: 0 };
  const live = createLiveTrust({
    storage: local,
    fetch: () => Promise.reject(new Error('offline')),
    install: (m) => void (state.version = m.id),
    now: () => NOW,
  });
  const trust = testTrust(ts);
  const trustVersion = () => {
    if (state.version === 'embedded') state.keyedEmbedded++;
    return state.version;
  };
  const routes = pypiProjectRoutes(ts, 'demo', [{ version: '1.0', identity: owner }]);
  const cache = createVerdictCache(local, { trustVersion, now: () => Date.now() });
  const verdicts = createVerdictService({ fetcher: freshRegistry(routes), verifiers: { verifyPypiProvenance, verifyNpmAttestations }, trust: () => trust, trustLoaded: live.loaded, cache });
  setTimeout(() => void live.start().catch(() => undefined), 0); // worker.ts, after its first task
  return { state, verdicts, live };
}

const written = () => new Promise((r) => setTimeout(r, 50));
const freshUntilOf = (local: FakeStorage, key: string) => (local.data.get(key) as { index?: { freshUntil?: number } } | undefined)?.index?.freshUntil;

describe('review14: the first event of a woken worker with stored TUF material', () => {
  it('HOLDS: its first ask is keyed under the stored material only', async () => {
    const local = fakeStorage({ [STORED_TRUST_KEY]: stored });
    const first = worker(local);
    await first.live.loaded();
    expect((await first.verdicts.getVerdict(LATEST)).status).toBe('verified');
    await written();
    const woken = worker(local);
    expect((await woken.verdicts.getVerdict(LATEST)).status).toBe('verified');
    expect(woken.state).toEqual({ version: 'tuf-b', keyedEmbedded: 0 });
  });

  it("HOLDS: a Retry that wakes the worker withdraws the freshness of the name's indexes kept under the stored material", async () => {
    const local = fakeStorage({ [STORED_TRUST_KEY]: stored });
    const first = worker(local);
    await first.live.loaded();
    await first.verdicts.getVerdict(LATEST);
    await written();
    expect(freshUntilOf(local, 'pk|tuf-b|pypi:demo@')).toBeGreaterThan(Date.now());
    const woken = worker(local);
    // The Retry, on release 1.0's page: the name's "latest" index no longer answers alone.
    await woken.verdicts.getVerdict(RELEASE, { fresh: true });
    await written();
    expect(freshUntilOf(local, 'pk|tuf-b|pypi:demo@')).toBeUndefined();
    expect(woken.state.keyedEmbedded, 'no key named the build material').toBe(0);
  });

  it('HOLDS: a stored record that cannot be parsed or installed leaves the build material, and the answer comes', async () => {
    for (const record of [{ good: { ...stored.good, versions: { root: 'x' } } }, 'garbage', { good: { ...stored.good, materialDate: '2020-01-01T00:00:00Z' } }]) {
      const local = fakeStorage({ [STORED_TRUST_KEY]: record });
      const woken = worker(local);
      expect((await woken.verdicts.getVerdict(RELEASE)).status).toBe('verified');
      expect(woken.state.version).toBe('embedded');
    }
    const throwing = fakeStorage({ [STORED_TRUST_KEY]: stored });
    const live = createLiveTrust({ storage: throwing, fetch: () => Promise.reject(new Error('offline')), install: () => { throw new Error('unusable'); }, now: () => NOW });
    await expect(live.loaded()).resolves.toBeUndefined();
    expect(live.status().source).toBe('embedded');
  });
});

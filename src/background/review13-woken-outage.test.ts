// Review 13: continuity notes kept in storage.session (continuity-memo.ts). A woken worker must
// show what a worker that ran on shows. Two ways it does not: an outage past the TTL (the ran-on
// worker falls back to its last note, "however old"; the woken one read back none older than the
// TTL), and a storage.session write that failed (the woken worker trusts the older snapshot).
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyNpmAttestations, verifyPypiProvenance } from '../core/index';
import type { PackageRef } from '../core/verdict';
import { PYPI_ORIGIN } from '../registries/pypi/hosts';
import { fakeFetcher, type FakeRoute } from '../registries/testing/fake-fetcher';
import { createTestSigstore, githubIdentity, type TestSigstore } from '../testing/testca/index';
import { createVerdictCache } from './cache';
import { createContinuityService } from './continuity-service';
import type { StorageArea } from './storage-area';
import { fakeStorage, type FakeStorage } from './testing/fake-storage';
import { pypiProjectRoutes, testTrust, type TestRelease } from './testing/testca-registry';
import { createVerdictService } from './verdicts';

let ts: TestSigstore;
beforeAll(async () => {
  ts = await createTestSigstore();
});

const RELEASE: PackageRef = { registry: 'pypi', name: 'demo', version: '1.1' };
const LISTING = new URL('/pypi/demo/json', PYPI_ORIGIN).href;
const MIN = 60_000;
const acme = githubIdentity('acme/demo');
const evil = githubIdentity('evil/demo');
/** Past the memo's gathered write (100 ms). */
const written = () => new Promise((r) => setTimeout(r, 150));

/** storage.session whose writes can be made to fail (quota, or the area gone). */
function failingSession(base: FakeStorage) {
  const state = { failSets: false };
  const area: StorageArea = {
    get: (k) => base.get(k),
    set: (items) => (state.failSets ? Promise.reject(new Error('QUOTA_BYTES quota exceeded')) : base.set(items)),
    remove: (k) => base.remove(k),
  };
  return { area, state };
}

/** One worker: its own memory; the registry, the clock and the storage areas outlive it. */
function worker(routes: Record<string, FakeRoute>, local: FakeStorage, session: StorageArea, clock: { t: number }) {
  const fetcher = fakeFetcher(routes);
  const cache = createVerdictCache(local, { trustVersion: () => 't' });
  const verifiers = { verifyPypiProvenance, verifyNpmAttestations };
  const logged: string[] = [];
  const continuity = createContinuityService({ fetcher, verifiers, cache, session, now: () => Date.now() + clock.t, log: (m) => logged.push(m) });
  const trust = testTrust(ts);
  const verdicts = createVerdictService({ fetcher, verifiers, trust: () => trust, cache, continuity });
  return { verdicts, logged, listingReads: () => fetcher.requests.filter((r) => r.url === LISTING).length };
}

describe('review13: a woken worker shows what a worker that ran on shows', () => {
  const CHANGED: TestRelease[] = [
    { version: '1.0', identity: acme },
    { version: '1.1', identity: evil },
  ];

  it('control: a worker that ran on keeps the amber note past the TTL while the listing is unreadable', async () => {
    const routes = pypiProjectRoutes(ts, 'demo', CHANGED);
    const clock = { t: 0 };
    const w = worker(routes, fakeStorage(), fakeStorage(), clock);
    const note = (await w.verdicts.getVerdict(RELEASE)).continuity;
    expect(note).toMatchObject({ kind: 'publisher-changed', previousVersion: '1.0' });
    clock.t = 31 * MIN;
    routes[LISTING] = { status: 503 };
    const v = await w.verdicts.getVerdict(RELEASE);
    expect(w.listingReads()).toBe(2);
    expect(v.status).toBe('verified');
    expect(v.continuity).toEqual(note);
  });

  it('a woken worker keeps that note past the TTL while the listing is unreadable, no clean green "verified" (was DEFECT)', async () => {
    const routes = pypiProjectRoutes(ts, 'demo', CHANGED);
    const clock = { t: 0 };
    const [local, session] = [fakeStorage(), fakeStorage()];
    const first = worker(routes, local, session, clock);
    const note = (await first.verdicts.getVerdict(RELEASE)).continuity;
    expect(note).toMatchObject({ kind: 'publisher-changed', previousVersion: '1.0' });
    await written();
    clock.t = 31 * MIN;
    routes[LISTING] = { status: 503 };
    const woken = worker(routes, local, session, clock);
    const v = await woken.verdicts.getVerdict(RELEASE);
    expect(woken.listingReads()).toBe(1);
    expect(v.status).toBe('verified');
    // continuity-memo.ts parseEntry drops every entry older than the TTL on read-back, so the
    // outage fallback of continuity-service.ts ("however old, beats none") has nothing to give.
    expect(v.continuity, 'the note a worker that ran on shows').toEqual(note);
  });

  // 1.0 (by evil) is deleted from PyPI after 1.1 was first seen: 1.1's release before is now 0.9
  // (acme), and a retry shows the change. storage.session refuses the write (quota).
  const BEFORE: TestRelease[] = [
    { version: '0.9', identity: acme },
    { version: '1.0', identity: evil },
    { version: '1.1', identity: evil },
  ];
  const deleteRelease10 = (routes: Record<string, FakeRoute>) => {
    const listing = routes[LISTING] as { releases: Record<string, unknown> };
    delete listing.releases['1.0'];
    delete routes[new URL('/pypi/demo/1.0/json', PYPI_ORIGIN).href];
  };

  it('control: a worker that ran on shows the note its retry decided, whatever storage did', async () => {
    const routes = pypiProjectRoutes(ts, 'demo', BEFORE);
    const clock = { t: 0 };
    const session = failingSession(fakeStorage());
    const w = worker(routes, fakeStorage(), session.area, clock);
    expect((await w.verdicts.getVerdict(RELEASE)).continuity).toBeUndefined();
    await written();
    deleteRelease10(routes);
    session.state.failSets = true;
    clock.t = MIN;
    const retried = await w.verdicts.getVerdict(RELEASE, { fresh: true });
    expect(retried.continuity).toMatchObject({ kind: 'publisher-changed', previousVersion: '0.9' });
    await written();
    clock.t = 2 * MIN;
    expect((await w.verdicts.getVerdict(RELEASE)).continuity).toEqual(retried.continuity);
  });

  it('after a failed storage.session write a woken worker never shows the older stored answer over the newer note (was DEFECT)', async () => {
    const routes = pypiProjectRoutes(ts, 'demo', BEFORE);
    const clock = { t: 0 };
    const local = fakeStorage();
    const session = failingSession(fakeStorage());
    const first = worker(routes, local, session.area, clock);
    expect((await first.verdicts.getVerdict(RELEASE)).continuity).toBeUndefined();
    await written();
    deleteRelease10(routes);
    session.state.failSets = true;
    clock.t = MIN;
    const retried = await first.verdicts.getVerdict(RELEASE, { fresh: true });
    expect(retried.continuity).toMatchObject({ kind: 'publisher-changed', previousVersion: '0.9' });
    await written();
    expect(first.logged).toContain('continuity: notes not stored');
    clock.t = 2 * MIN;
    const woken = worker(routes, local, session.area, clock);
    const v = await woken.verdicts.getVerdict(RELEASE);
    expect(v.status).toBe('verified');
    // The write failed and was only logged: storage.session still holds the "no note" answer of
    // the first visit, which the woken worker takes as current for the rest of its 30 minutes.
    expect(v.continuity, 'the note the retry decided').toEqual(retried.continuity);
  });
});

// Review 14: verdicts decided under one trust material must never be kept under another's cache
// key (cache.ts: "new trust material never reuses a verdict decided under the old one").
// verdicts.ts guards its own write (decidedUnder); the other two writers of the same artifact
// cache, the publisher-continuity check of earlier releases (continuity-service.ts) and the
// release timeline (build-timeline.ts via timeline-service.ts), take the trust context at their
// start and write under whatever material is installed when they finish. A TUF refresh installs
// new material in the background while they run (live-trust.ts: at start-up when due, and on the
// first verdict of the day), and a woken worker's timeline does not wait for the stored material
// (worker.ts gives `trustLoaded` to the verdicts only).
//
// Material A trusts the test Sigstore instance that signed the releases; material B is another
// instance's, which does not: under B alone the release is not verified. The composition is the
// worker's: one cache keyed by the installed material, verdicts, continuity and timelines over it.
import { beforeAll, describe, expect, it } from 'vitest';
import type { TrustContext } from '../core/api';
import { verifyNpmAttestations, verifyPypiProvenance } from '../core/index';
import type { PackageRef } from '../core/verdict';
import type { Fetcher } from '../registries/fetcher';
import { fakeFetcher, type FakeRoute } from '../registries/testing/fake-fetcher';
import { createTestSigstore, githubIdentity, type TestSigstore } from '../testing/testca/index';
import { createVerdictCache } from './cache';
import { createContinuityService } from './continuity-service';
import { fakeStorage, type FakeStorage } from './testing/fake-storage';
import { pypiProjectRoutes, testTrust } from './testing/testca-registry';
import { createTimelineService } from './timeline-service';
import { createVerdictService } from './verdicts';

let signer: TestSigstore;
let other: TestSigstore;
beforeAll(async () => {
  signer = await createTestSigstore();
  other = await createTestSigstore({ fresh: true });
});

const verifiers = { verifyPypiProvenance, verifyNpmAttestations };
const owner = githubIdentity('acme/demo');
const OLD: PackageRef = { registry: 'pypi', name: 'demo', version: '1.0' };
const NEW: PackageRef = { registry: 'pypi', name: 'demo', version: '1.1' };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The worker's services over one storage; `version` is the installed material (trust.ts trustVersion). */
function worker(storage: FakeStorage, routes: Record<string, FakeRoute>) {
  const materials: Record<string, TrustContext> = { A: testTrust(signer), B: testTrust(other) };
  const state = { version: 'A', installOn: undefined as RegExp | undefined };
  const inner = fakeFetcher(routes);
  // A TUF refresh that lands while the registry answers the request matching `installOn`.
  const fetcher: Fetcher = async (url, init) => {
    const outcome = await inner(url, init);
    if (state.installOn?.test(url.pathname)) state.version = 'B';
    return outcome;
  };
  const trust = () => materials[state.version] as TrustContext;
  const cache = createVerdictCache(storage, { trustVersion: () => state.version });
  const continuity = createContinuityService({ fetcher, verifiers, cache });
  const verdicts = createVerdictService({ fetcher, verifiers, trust, trustLoaded: () => Promise.resolve(), cache, continuity });
  const timelines = createTimelineService({ fetcher, verifiers, trust, cache });
  return { state, verdicts, timelines, requests: inner.requests };
}

const routes = () => pypiProjectRoutes(signer, 'demo', [
  { version: '1.0', identity: owner },
  { version: '1.1', identity: owner },
]);

/** What material B alone says of release 1.0: a worker that only ever ran under B. */
async function underBAlone(): Promise<string> {
  const w = worker(fakeStorage(), routes());
  w.state.version = 'B';
  return (await w.verdicts.getVerdict(OLD)).status;
}

/** Release 1.0 as the next worker answers it under B, once the first worker's writes have landed. */
async function oldReleaseUnderB(storage: FakeStorage): Promise<string> {
  await sleep(20);
  const woken = worker(storage, routes());
  woken.state.version = 'B';
  return (await woken.verdicts.getVerdict(OLD)).status;
}

describe('review14: no verdict decided under one trust material is kept under another', () => {
  it('HOLDS: under B alone the release signed by the instance only A trusts is not verified', async () => {
    expect(await underBAlone()).not.toBe('verified');
  });

  it('HOLDS: the verdict itself, decided under A while B is installed, is not kept under B', async () => {
    const storage = fakeStorage();
    const w = worker(storage, routes());
    w.state.installOn = /^\/integrity\/demo\/1\.0\//;
    expect((await w.verdicts.getVerdict(OLD)).status).toBe('verified');
    expect(w.state.version).toBe('B');
    expect(await oldReleaseUnderB(storage)).toBe(await underBAlone());
  });

  it("continuity: an earlier release verified under A while a refresh installs B is not kept under B's key, nor answered green under B (was DEFECT)", async () => {
    const storage = fakeStorage();
    const w = worker(storage, routes());
    // The refresh lands as the continuity check reads the earlier release's provenance.
    w.state.installOn = /^\/integrity\/demo\/1\.0\//;
    expect((await w.verdicts.getVerdict(NEW)).status).toBe('verified');
    expect(w.state.version).toBe('B');
    // The next worker (or the same one) runs under B: release 1.0's page.
    expect(await oldReleaseUnderB(storage), 'what B alone decides of release 1.0').toBe(await underBAlone());
  });

  it("timeline: releases verified under A while a refresh installs B are not kept under B's key, nor answered green under B (was DEFECT)", async () => {
    const storage = fakeStorage();
    const w = worker(storage, routes());
    w.state.installOn = /^\/integrity\/demo\/1\.[01]\//;
    const answer = await w.timelines.timeline({ registry: 'pypi', name: 'demo' }, 'popup');
    expect(answer.kind).toBe('timeline');
    expect(w.state.version).toBe('B');
    expect(await oldReleaseUnderB(storage), 'what B alone decides of release 1.0').toBe(await underBAlone());
  });

  it("timeline in a woken worker: asked before the stored material B is installed, it waits for B and keeps nothing decided under the build's A under B's key (was DEFECT)", async () => {
    const storage = fakeStorage();
    const w = worker(storage, routes());
    // worker.ts: the stored material is installed once storage.local answers (a few ms); the
    // timeline does not wait for it, and its registry reads take longer: here storage answers
    // while the release listing is read.
    w.state.installOn = /^\/pypi\/demo\/json$/;
    const answer = await w.timelines.timeline({ registry: 'pypi', name: 'demo' }, 'popup');
    expect(answer.kind).toBe('timeline');
    expect(w.state.version).toBe('B');
    expect(await oldReleaseUnderB(storage), 'what B alone decides of release 1.0').toBe(await underBAlone());
  });
});

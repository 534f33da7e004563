// verdicts.kept(): what a search page's first script is told (search-early.test.ts). It is the
// answer an ask now gives from the cache, note and all: a "publisher changed" note is never left
// off a told verdict; without that note remembered, or with the documents stale, nothing is told;
// and nothing here sends a request.
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyNpmAttestations, verifyPypiProvenance } from '../core/index';
import type { PackageRef } from '../core/verdict';
import { fakeFetcher } from '../registries/testing/fake-fetcher';
import { createTestSigstore, githubIdentity, type TestSigstore } from '../testing/testca/index';
import { createVerdictCache } from './cache';
import { createContinuityService } from './continuity-service';
import { fakeStorage } from './testing/fake-storage';
import { pypiProjectRoutes, testTrust, type TestRelease } from './testing/testca-registry';
import { createVerdictService } from './verdicts';
import { freshAnswers } from './testing/fresh-registry';

let ts: TestSigstore;
beforeAll(async () => {
  ts = await createTestSigstore();
});

const LATEST: PackageRef = { registry: 'pypi', name: 'demo' };
const CHANGED: TestRelease[] = [{ version: '1.0', identity: githubIdentity('acme/demo') }, { version: '1.1', identity: githubIdentity('evil/demo') }];

function world(continuityMemo = 256) {
  const registry = fakeFetcher(pypiProjectRoutes(ts, 'demo', CHANGED));
  let clock = 1_000_000;
  const now = () => clock;
  const fetcher = freshAnswers(registry);
  const cache = createVerdictCache(fakeStorage(), { trustVersion: () => 't', now });
  const verifiers = { verifyPypiProvenance, verifyNpmAttestations };
  const continuity = createContinuityService({ fetcher, verifiers, cache, now, maxMemo: continuityMemo });
  const trust = testTrust(ts);
  const svc = createVerdictService({ fetcher, verifiers, trust: () => trust, cache, continuity, now });
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
  return { svc, continuity, settle, requests: () => registry.requests.length, advance: (ms: number) => (clock += ms) };
}

describe('verdicts.kept', () => {
  it("tells the answer an ask gives from the cache, with its remembered 'publisher changed' note, asking nothing", async () => {
    const w = world();
    const asked = await w.svc.getVerdict(LATEST);
    await w.settle();
    expect(asked.continuity).toBeDefined();
    const before = w.requests();
    const told = await w.svc.kept?.(LATEST);
    expect(told?.verdict).toEqual(asked);
    expect(told?.verdict.continuity).toEqual(asked.continuity);
    // Until the documents it was decided from go stale: PyPI's JSON API, 15 minutes.
    expect(told?.until).toBe(1_000_000 + 900_000);
    expect(w.requests()).toBe(before);
  });

  it('tells nothing when the note is no longer remembered (working it out would take the registry)', async () => {
    const w = world(1);
    await w.svc.getVerdict(LATEST);
    await w.settle();
    // Another release's note takes the memo's only place.
    await w.svc.getVerdict({ ...LATEST, version: '1.0' });
    const before = w.requests();
    expect(await w.svc.kept?.(LATEST)).toBeUndefined();
    expect(w.requests()).toBe(before);
  });

  it('tells nothing once the documents are stale, nor for what was never asked', async () => {
    const w = world();
    await w.svc.getVerdict(LATEST);
    await w.settle();
    w.advance(16 * 60_000);
    const before = w.requests();
    expect(await w.svc.kept?.(LATEST)).toBeUndefined();
    expect(await w.svc.kept?.({ registry: 'pypi', name: 'never-asked' })).toBeUndefined();
    expect(w.requests()).toBe(before);
  });
});

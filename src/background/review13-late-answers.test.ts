// Review 13: answers that land late. A visit's note still being worked out when the user retries
// or clears the cache must not overwrite what came after it: the verdict cache guards its
// release index so (verdicts.ts: "an answer read before the name was asked anew keeps its
// files' verdicts only"), and continuity-memo.ts guards a clear against a storage read still on
// its way; since 73570a6 the memo's entries also outlive the worker in storage.session.
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyNpmAttestations, verifyPypiProvenance } from '../core/index';
import type { PackageRef } from '../core/verdict';
import type { Fetcher } from '../registries/fetcher';
import { PYPI_ORIGIN } from '../registries/pypi/hosts';
import { fakeFetcher, type FakeRoute } from '../registries/testing/fake-fetcher';
import { createTestSigstore, githubIdentity, type TestSigstore } from '../testing/testca/index';
import { createVerdictCache } from './cache';
import { createContinuityService } from './continuity-service';
import { createRouter } from './router';
import { fakeStorage, type FakeStorage } from './testing/fake-storage';
import { pypiProjectRoutes, testTrust } from './testing/testca-registry';
import { createVerdictService } from './verdicts';

let ts: TestSigstore;
beforeAll(async () => {
  ts = await createTestSigstore();
});

const RELEASE: PackageRef = { registry: 'pypi', name: 'demo', version: '1.1' };
const LISTING = new URL('/pypi/demo/json', PYPI_ORIGIN).href;
const OPTIONS = { id: 'ext', url: 'chrome-extension://ext/src/options/index.html' };
const written = () => new Promise((r) => setTimeout(r, 150));
const acme = githubIdentity('acme/demo');
const evil = githubIdentity('evil/demo');

/** The first listing read is answered as the registry had it then, but delivered only on `release()`. */
function gatedFetcher(routes: Record<string, FakeRoute>) {
  const inner = fakeFetcher(routes);
  let open!: () => void;
  const gate = new Promise<void>((r) => (open = r));
  let held = false;
  const fetcher: Fetcher = async (url, init) => {
    const answer = inner(url, init);
    if (url.href !== LISTING || held) return answer;
    held = true;
    const outcome = await answer;
    await gate;
    return outcome;
  };
  return { fetcher, release: () => open(), listingReads: () => inner.requests.filter((r) => r.url === LISTING).length };
}

function worker(routes: Record<string, FakeRoute>, local: FakeStorage, session: FakeStorage) {
  const registry = gatedFetcher(routes);
  const cache = createVerdictCache(local, { trustVersion: () => 't' });
  const verifiers = { verifyPypiProvenance, verifyNpmAttestations };
  const continuity = createContinuityService({ fetcher: registry.fetcher, verifiers, cache, session });
  const trust = testTrust(ts);
  const verdicts = createVerdictService({ fetcher: registry.fetcher, verifiers, trust: () => trust, cache, continuity });
  const router = createRouter({ runtimeId: 'ext', extensionBase: 'chrome-extension://ext/', verdicts, tabs: {} as never, settings: {} as never, pins: {} as never, cache, continuity });
  return { verdicts, router, registry };
}

const until = async (cond: () => boolean) => {
  for (let i = 0; i < 200 && !cond(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(cond()).toBe(true);
};

describe('review13: a late note never overwrites a later retry or clear', () => {
  it('a visit\'s note read before a retry, landing after it, does not replace the retry\'s note, in this worker or the next (was DEFECT)', async () => {
    // 1.0 (evil) is deleted from PyPI while the visit runs: 1.1's release before becomes 0.9 (acme).
    const routes = pypiProjectRoutes(ts, 'demo', [
      { version: '0.9', identity: acme },
      { version: '1.0', identity: evil },
      { version: '1.1', identity: evil },
    ]);
    const [local, session] = [fakeStorage(), fakeStorage()];
    const w = worker(routes, local, session);
    const visit = w.verdicts.getVerdict(RELEASE);
    await until(() => w.registry.listingReads() === 1);
    delete (routes[LISTING] as { releases: Record<string, unknown> }).releases['1.0'];
    const retried = await w.verdicts.getVerdict(RELEASE, { fresh: true });
    expect(retried.continuity).toMatchObject({ kind: 'publisher-changed', previousVersion: '0.9' });
    w.registry.release();
    expect((await visit).continuity, 'the visit itself answered from what it read').toBeUndefined();
    await written();
    // verdicts.ts keeps such a late answer out of the release index (asked-anew); the memo does not.
    expect((await w.verdicts.getVerdict(RELEASE)).continuity, 'revisit, this worker').toEqual(retried.continuity);
    const woken = worker(routes, local, session);
    expect((await woken.verdicts.getVerdict(RELEASE)).continuity, 'revisit, woken worker').toEqual(retried.continuity);
  });

  it('a note read before "clear cache", landing after it, is not kept: the next worker reads the listing (was DEFECT)', async () => {
    const routes = pypiProjectRoutes(ts, 'demo', [
      { version: '1.0', identity: acme },
      { version: '1.1', identity: evil },
    ]);
    const [local, session] = [fakeStorage(), fakeStorage()];
    const w = worker(routes, local, session);
    const visit = w.verdicts.getVerdict(RELEASE);
    await until(() => w.registry.listingReads() === 1);
    expect(await w.router({ type: 'page/cache-clear' }, OPTIONS)).toMatchObject({ ok: true });
    w.registry.release();
    expect((await visit).continuity).toMatchObject({ kind: 'publisher-changed' });
    await written();
    const woken = worker(routes, local, session);
    // Its own listing read is not held: the note is worked out anew there.
    woken.registry.release();
    expect((await woken.verdicts.getVerdict(RELEASE)).continuity).toMatchObject({ kind: 'publisher-changed' });
    expect(woken.registry.listingReads(), 'listing reads after the clear').toBe(1);
  });
});

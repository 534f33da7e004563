// An MV3 worker is stopped after 30 s idle and started again by the next page. Its continuity
// notes are kept in storage.session (continuity-memo.ts): a revisit in a woken worker gets the
// note it had, without reading the release listing again; the user's "clear cache" forgets
// them; and a note read back from storage that is not one of ours is worked out anew.
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyNpmAttestations, verifyPypiProvenance } from '../core/index';
import type { PackageRef } from '../core/verdict';
import { fakeFetcher } from '../registries/testing/fake-fetcher';
import { createTestSigstore, githubIdentity, type TestSigstore } from '../testing/testca/index';
import { createVerdictCache } from './cache';
import { createContinuityService } from './continuity-service';
import { NOTES_KEY } from './continuity-memo';
import { createRouter } from './router';
import { fakeStorage, type FakeStorage } from './testing/fake-storage';
import { pypiProjectRoutes, testTrust, type TestRelease } from './testing/testca-registry';
import { createVerdictService } from './verdicts';

let ts: TestSigstore;
beforeAll(async () => {
  ts = await createTestSigstore();
});

const RELEASE: PackageRef = { registry: 'pypi', name: 'demo', version: '1.1' };
const CHANGED: TestRelease[] = [
  { version: '1.0', identity: githubIdentity('acme/demo') },
  { version: '1.1', identity: githubIdentity('evil/demo') },
];
const isListing = (url: string) => new URL(url).pathname === '/pypi/demo/json';
/** Past the memo's gathered write (100 ms). */
const written = () => new Promise((r) => setTimeout(r, 150));

/** One worker's life: its own memory, the browser's storage areas shared with the next one. */
function worker(local: FakeStorage, session: FakeStorage) {
  const registry = fakeFetcher(pypiProjectRoutes(ts, 'demo', CHANGED));
  const cache = createVerdictCache(local, { trustVersion: () => 't' });
  const verifiers = { verifyPypiProvenance, verifyNpmAttestations };
  const continuity = createContinuityService({ fetcher: registry, verifiers, cache, session });
  const trust = testTrust(ts);
  const verdicts = createVerdictService({ fetcher: registry, verifiers, trust: () => trust, cache, continuity });
  return { verdicts, continuity, cache, listingReads: () => registry.requests.filter((r) => isListing(r.url)).length };
}

describe('continuity notes outlive the worker', () => {
  it('a woken worker gives the note it had without reading the listing; a retry reads it again', async () => {
    const [local, session] = [fakeStorage(), fakeStorage()];
    const first = worker(local, session);
    const note = (await first.verdicts.getVerdict(RELEASE)).continuity;
    expect(note).toMatchObject({ kind: 'publisher-changed', previousVersion: '1.0' });
    expect(first.listingReads()).toBe(1);
    await written();

    const woken = worker(local, session);
    expect((await woken.verdicts.getVerdict(RELEASE)).continuity).toEqual(note);
    expect(woken.listingReads()).toBe(0);
    expect((await woken.verdicts.getVerdict(RELEASE, { fresh: true })).continuity).toEqual(note);
    expect(woken.listingReads()).toBe(1);
  });

  it('clearing the cache forgets the notes, in this worker and the next', async () => {
    const [local, session] = [fakeStorage(), fakeStorage()];
    const first = worker(local, session);
    await first.verdicts.getVerdict(RELEASE);
    await written();
    const router = createRouter({
      runtimeId: 'ext',
      extensionBase: 'chrome-extension://ext/',
      verdicts: first.verdicts,
      tabs: {} as never,
      settings: {} as never,
      pins: {} as never,
      cache: first.cache,
      continuity: first.continuity,
    });
    const options = { id: 'ext', url: 'chrome-extension://ext/src/options/index.html' };
    expect(await router({ type: 'page/cache-clear' }, options)).toMatchObject({ ok: true });
    expect(session.data.has(NOTES_KEY)).toBe(false);
    await first.verdicts.getVerdict(RELEASE);
    expect(first.listingReads()).toBe(2);
    const woken = worker(fakeStorage(), session);
    await woken.verdicts.getVerdict(RELEASE);
    expect(woken.listingReads()).toBe(1);
  });

  it('a stored note that is not well formed is worked out anew, not shown', async () => {
    const [local, session] = [fakeStorage(), fakeStorage()];
    const first = worker(local, session);
    await first.verdicts.getVerdict(RELEASE);
    await written();
    const stored = session.data.get(NOTES_KEY) as { entries: unknown[][] };
    // The changed publisher's note, its earlier identity stripped of its issuer.
    const mangled = stored.entries.map((e) => (e.length === 4 ? [...e.slice(0, 3), { ...(e[3] as object), previous: { forge: 'github' } }] : e));
    session.data.set(NOTES_KEY, { ...stored, entries: mangled });

    const woken = worker(local, session);
    const v = await woken.verdicts.getVerdict(RELEASE);
    expect(v.continuity).toMatchObject({ kind: 'publisher-changed', previous: { issuer: expect.any(String) } });
    expect(woken.listingReads()).toBe(1);
  });
});

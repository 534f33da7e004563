// A PyPI release page's continuity note reads the project JSON and verifies the release before.
// That work starts with the verdict (continuity-service.ts `anticipate`), not after it: the note
// no longer costs round trips after the verification. It must cost no extra request: one project
// JSON and one look at the earlier release per cold visit, none on a revisit whose note is
// remembered, the same again on a retry.
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyNpmAttestations, verifyPypiProvenance } from '../core/index';
import type { PackageRef } from '../core/verdict';
import type { FetchOutcome, Fetcher } from '../registries/fetcher';
import { fakeFetcher, type FakeRoute } from '../registries/testing/fake-fetcher';
import { createTestSigstore, githubIdentity, type TestSigstore } from '../testing/testca/index';
import { createVerdictCache } from './cache';
import { createContinuityService } from './continuity-service';
import { fakeStorage } from './testing/fake-storage';
import { npmPackageRoutes, pypiProjectRoutes, testTrust, type TestRelease } from './testing/testca-registry';
import { createVerdictService } from './verdicts';

let ts: TestSigstore;
beforeAll(async () => {
  ts = await createTestSigstore();
});

const owner = githubIdentity('acme/demo');
const RELEASE: PackageRef = { registry: 'pypi', name: 'demo', version: '1.1' };
const isProjectJson = (url: string) => new URL(url).pathname === '/pypi/demo/json';
const isProvenance = (url: string) => /^\/(integrity\/|-\/npm\/v1\/attestations\/)/.test(new URL(url).pathname);

const CHANGED: TestRelease[] = [{ version: '1.0', identity: owner }, { version: '1.1', identity: githubIdentity('evil/demo') }];

/** The verdict service over a registry whose provenance answers (PyPI's Integrity API, npm's attestations) wait until `release()`. */
function world(routes: Record<string, FakeRoute> = pypiProjectRoutes(ts, 'demo', CHANGED)) {
  const registry = fakeFetcher(routes);
  let open: () => void = () => undefined;
  let gate = new Promise<void>((resolve) => (open = resolve));
  const order: string[] = [];
  const fetcher: Fetcher = async (url, init): Promise<FetchOutcome> => {
    order.push(url.pathname);
    if (isProvenance(url.href)) await gate;
    return registry(url, init);
  };
  const cache = createVerdictCache(fakeStorage(), { trustVersion: () => 't' });
  const verifiers = { verifyPypiProvenance, verifyNpmAttestations };
  const continuity = createContinuityService({ fetcher, verifiers, cache });
  const trust = testTrust(ts);
  const svc = createVerdictService({ fetcher, verifiers, trust: () => trust, cache, continuity });
  return {
    svc,
    order,
    projectReads: () => registry.requests.filter((r) => isProjectJson(r.url)).length,
    requests: () => registry.requests.length,
    release: () => open(),
    closeAgain: () => (gate = new Promise<void>((resolve) => (open = resolve))),
  };
}

const tick = () => new Promise((r) => setTimeout(r, 10));

describe('continuity: earlier releases are looked up alongside the verification', () => {
  it('a cold release page reads the listing and the earlier release before its own files are verified, each once', async () => {
    const w = world();
    const answer = w.svc.getVerdict(RELEASE);
    await tick();
    // The Integrity API has not answered: nothing has been verified, yet the listing has been
    // read and the earlier release's provenance asked for.
    expect(w.order).toContain('/pypi/demo/json');
    expect(w.order.filter((p) => p.startsWith('/integrity/demo/1.0/'))).toHaveLength(1);
    w.release();
    const v = await answer;
    expect(v).toMatchObject({ status: 'verified', continuity: { kind: 'publisher-changed', previousVersion: '1.0' } });
    expect(w.projectReads()).toBe(1);
    // Each document once: the release's JSON, its file's and the earlier file's provenance, the listing.
    expect(new Set(w.order).size).toBe(w.order.length);
  });

  it('a revisit whose note is remembered asks for no project JSON; a retry asks again', async () => {
    const w = world();
    w.release();
    await w.svc.getVerdict(RELEASE);
    const before = { project: w.projectReads(), all: w.requests() };
    const again = await w.svc.getVerdict(RELEASE);
    expect(again.continuity).toMatchObject({ kind: 'publisher-changed' });
    expect(w.projectReads()).toBe(before.project);
    // The revisit reads the release JSON only (a release can gain files).
    expect(w.requests() - before.all).toBe(1);
    await w.svc.getVerdict(RELEASE, { fresh: true });
    expect(w.projectReads()).toBe(before.project + 1);
  });

  it('another spelling of the name is the same release: its remembered note still spares the read', async () => {
    const w = world();
    w.release();
    await w.svc.getVerdict(RELEASE);
    const before = w.projectReads();
    await w.svc.getVerdict({ ...RELEASE, name: 'Demo' });
    expect(w.projectReads()).toBe(before);
  });

  it('a "latest" page: the project JSON, read once, names the release; the earlier one is asked for beside it', async () => {
    const w = world();
    const answer = w.svc.getVerdict({ registry: 'pypi', name: 'demo' });
    await tick();
    expect(w.order.filter((p) => p.startsWith('/integrity/demo/1.0/'))).toHaveLength(1);
    w.release();
    const v = await answer;
    expect(v).toMatchObject({ pkg: { version: '1.1' }, continuity: { kind: 'publisher-changed', previousVersion: '1.0' } });
    expect(w.projectReads()).toBe(1);
    expect(new Set(w.order).size).toBe(w.order.length);
    // A revisit: the project JSON again (latest moves), nothing else; the note is remembered.
    const before = w.requests();
    expect((await w.svc.getVerdict({ registry: 'pypi', name: 'demo' })).continuity).toMatchObject({ kind: 'publisher-changed' });
    expect(w.requests() - before).toBe(1);
  });

  it('a "latest" page whose project JSON fails: the verdict says so, no note, nothing left unhandled', async () => {
    const w = world({});
    w.release();
    const v = await w.svc.getVerdict({ registry: 'pypi', name: 'demo' });
    expect(v.status).toBe('unavailable');
    expect(v).not.toHaveProperty('continuity');
  });

  it('a release without provenance still gets its note (provenance lost) from the one read', async () => {
    const w = world(pypiProjectRoutes(ts, 'demo', [{ version: '1.0', identity: owner }, { version: '1.1', identity: null }]));
    w.release();
    const v = await w.svc.getVerdict(RELEASE);
    expect(v).toMatchObject({ status: 'none', continuity: { kind: 'provenance-lost', previousVersion: '1.0' } });
    expect(w.projectReads()).toBe(1);
  });

  it('an npm version page reads the packument and the earlier version\'s attestations before its own are verified, each once', async () => {
    const w = world(npmPackageRoutes(ts, 'demo', [{ version: '1.0.0', identity: owner }, { version: '1.1.0', identity: githubIdentity('evil/demo') }]));
    const answer = w.svc.getVerdict({ registry: 'npm', name: 'demo', version: '1.1.0' });
    await tick();
    expect(w.order).toContain('/demo');
    expect(w.order).toContain('/-/npm/v1/attestations/demo@1.0.0');
    w.release();
    expect(await answer).toMatchObject({ status: 'verified', continuity: { kind: 'publisher-changed', previousVersion: '1.0.0' } });
    // The full packument once (the abbreviated one has no publish times), the rest once.
    expect(w.order.filter((p) => p === '/demo')).toHaveLength(1);
    const fetched = w.order.filter((p) => p !== '/demo');
    expect(new Set(fetched).size).toBe(fetched.length);
  });

  it('an npm version without provenance: the work started as for an attested one is not used; the note is still right', async () => {
    const w = world(npmPackageRoutes(ts, 'demo', [{ version: '1.0.0', identity: owner }, { version: '1.1.0', identity: null }]));
    w.release();
    const v = await w.svc.getVerdict({ registry: 'npm', name: 'demo', version: '1.1.0' });
    expect(v).toMatchObject({ status: 'none', continuity: { kind: 'provenance-lost', previousVersion: '1.0.0' } });
    // Worked out again for the verdict it is, over the answers already read: no request twice.
    expect(w.order.filter((p) => p === '/demo')).toHaveLength(1);
    const fetched = w.order.filter((p) => p !== '/demo');
    expect(new Set(fetched).size).toBe(fetched.length);
  });
});

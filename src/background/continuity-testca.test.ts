// Publisher continuity and pins through the verdict service, over registries signed by the
// generated test Sigstore instance and verified by the real core.
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyNpmAttestations, verifyPypiProvenance } from '../core/index';
import type { PackageVerdict } from '../core/verdict';
import type { FetchOutcome, Fetcher } from '../registries/fetcher';
import { NPM_REGISTRY_ORIGIN } from '../registries/npm/hosts';
import { fakeFetcher, type FakeRoute } from '../registries/testing/fake-fetcher';
import { createTestSigstore, githubIdentity, gitlabIdentity, type TestSigstore } from '../testing/testca/index';
import { createVerdictCache } from './cache';
import { createContinuityService } from './continuity-service';
import { createPinStore, type PinStore } from './pins';
import { fakeStorage } from './testing/fake-storage';
import { npmPackageRoutes, pypiProjectRoutes, testTrust, type TestRelease } from './testing/testca-registry';
import { createVerdictService } from './verdicts';

let ts: TestSigstore;
beforeAll(async () => {
  ts = await createTestSigstore();
});

const owner = githubIdentity('acme/demo');
const verifiers = { verifyPypiProvenance, verifyNpmAttestations };

function service(routes: Record<string, FakeRoute>, options: { pins?: PinStore; fetcher?: Fetcher } = {}) {
  const trust = testTrust(ts);
  const fetcher = options.fetcher ?? fakeFetcher(routes);
  const cache = createVerdictCache(fakeStorage(), { trustVersion: () => 't' });
  const pins = options.pins ?? createPinStore(fakeStorage());
  const continuity = createContinuityService({ fetcher, verifiers, cache });
  return { pins, svc: createVerdictService({ fetcher, verifiers, trust: () => trust, cache, continuity, pins }) };
}

const pypiVerdict = (releases: TestRelease[], version: string): Promise<PackageVerdict> =>
  service(pypiProjectRoutes(ts, 'demo', releases)).svc.getVerdict({ registry: 'pypi', name: 'demo', version });

describe('publisher continuity (test CA)', () => {
  it('says nothing when a release keeps its publisher', async () => {
    const v = await pypiVerdict([{ version: '1.0', identity: owner }, { version: '1.1', identity: owner }], '1.1');
    expect(v.status).toBe('verified');
    expect(v).not.toHaveProperty('continuity');
  });

  it('notes provenance lost: the previous release was attested, this one is not (status stays none)', async () => {
    const v = await pypiVerdict([{ version: '1.0', identity: owner }, { version: '1.1', identity: null }], '1.1');
    expect(v).toMatchObject({ status: 'none', continuity: { kind: 'provenance-lost', previousVersion: '1.0', previous: { repository: 'acme/demo' } } });
  });

  it('looks past releases without provenance to the last attested one', async () => {
    const releases = [{ version: '1.0', identity: owner }, { version: '1.1', identity: null }, { version: '1.2', identity: githubIdentity('evil/demo') }];
    expect((await pypiVerdict(releases, '1.2')).continuity).toMatchObject({ kind: 'publisher-changed', previousVersion: '1.0' });
  });

  it("reads a latest page's project JSON once for the verdict and its note, and again on the next visit", async () => {
    const fetcher = fakeFetcher(pypiProjectRoutes(ts, 'demo', [{ version: '1.0', identity: owner }, { version: '1.1', identity: githubIdentity('evil/demo') }]));
    const { svc } = service({}, { fetcher });
    const projectJson = () => fetcher.requests.filter((r) => new URL(r.url).pathname === '/pypi/demo/json').length;
    const v = await svc.getVerdict({ registry: 'pypi', name: 'demo' });
    expect(v.continuity).toMatchObject({ kind: 'publisher-changed' });
    expect(projectJson()).toBe(1);
    await svc.getVerdict({ registry: 'pypi', name: 'demo' });
    expect(projectJson()).toBe(2);
  });

  it('notes another repository (its numeric id differs first)', async () => {
    const v = await pypiVerdict([{ version: '1.0', identity: owner }, { version: '1.1', identity: githubIdentity('evil/demo') }], '1.1');
    expect(v.status).toBe('verified');
    expect(v.continuity).toMatchObject({ kind: 'publisher-changed', field: 'repositoryId', previous: { repository: 'acme/demo' } });
  });

  it('notes another workflow in the same repository', async () => {
    const other = githubIdentity('acme/demo', { workflowPath: '.github/workflows/sneaky.yml' });
    const v = await pypiVerdict([{ version: '1.0', identity: owner }, { version: '1.1', identity: other }], '1.1');
    expect(v.continuity).toMatchObject({ field: 'workflowPath', from: '.github/workflows/release.yml', to: '.github/workflows/sneaky.yml' });
  });

  it('notes another issuer (GitHub -> GitLab)', async () => {
    const v = await pypiVerdict([{ version: '1.0', identity: owner }, { version: '1.1', identity: gitlabIdentity('acme/demo') }], '1.1');
    expect(v.continuity).toMatchObject({ field: 'issuer', from: 'https://token.actions.githubusercontent.com', to: 'https://gitlab.com' });
  });

  it('works for npm too, reading the full packument (publish times)', async () => {
    const routes = npmPackageRoutes(ts, 'demo', [{ version: '1.0.0', identity: owner }, { version: '1.1.0', identity: null }]);
    const fetcher = fakeFetcher(routes);
    const v = await service(routes, { fetcher }).svc.getVerdict({ registry: 'npm', name: 'demo', version: '1.1.0' });
    expect(v).toMatchObject({ status: 'none', continuity: { kind: 'provenance-lost', previousVersion: '1.0.0' } });
    expect(fetcher.requests.filter((r) => r.url === new URL('/demo', NPM_REGISTRY_ORIGIN).href)).toEqual([{ url: new URL('/demo', NPM_REGISTRY_ORIGIN).href, accept: 'application/json' }]);
  });

  it('never changes the verdict when continuity cannot be checked', async () => {
    const routes = pypiProjectRoutes(ts, 'demo', [{ version: '1.0', identity: owner }, { version: '1.1', identity: null }]);
    const real = fakeFetcher(routes);
    const listingDown: Fetcher = (url, init) =>
      url.pathname === '/pypi/demo/json' ? Promise.resolve<FetchOutcome>({ ok: false, code: 'FETCH_NETWORK', message: 'down' }) : real(url, init);
    const v = await service(routes, { fetcher: listingDown }).svc.getVerdict({ registry: 'pypi', name: 'demo', version: '1.1' });
    expect(v.status).toBe('none');
    expect(v).not.toHaveProperty('continuity');
    // An earlier release that cannot be read is not taken for one without provenance.
    const provenanceDown: Fetcher = (url, init) =>
      url.pathname.startsWith('/integrity/demo/1.0/') ? Promise.resolve<FetchOutcome>({ ok: false, status: 503, code: 'FETCH_HTTP_STATUS', message: '503' }) : real(url, init);
    const w = await service(routes, { fetcher: provenanceDown }).svc.getVerdict({ registry: 'pypi', name: 'demo', version: '1.1' });
    expect(w).not.toHaveProperty('continuity');
  });
});

describe('pins (test CA)', () => {
  const pkg = { registry: 'pypi' as const, name: 'demo' };
  const releases = [{ version: '1.0', identity: owner }, { version: '1.1', identity: githubIdentity('evil/demo') }, { version: '1.2', identity: null }];

  it('a version signed by the pinned publisher stays verified; another signer is invalid IDENTITY_PIN', async () => {
    const { svc, pins } = service(pypiProjectRoutes(ts, 'demo', releases));
    await pins.set(pkg, { issuer: 'https://token.actions.githubusercontent.com', repository: 'ACME/demo', workflowPath: '.github/workflows/release.yml' });
    expect(await svc.getVerdict({ ...pkg, version: '1.0' })).toMatchObject({ status: 'verified' });
    const bad = await svc.getVerdict({ ...pkg, version: '1.1' });
    expect(bad).toMatchObject({ status: 'invalid', code: 'IDENTITY_PIN' });
    expect(bad.status === 'invalid' && bad.message).toBe(
      'pinned to ACME/demo (.github/workflows/release.yml), but signed by evil/demo (.github/workflows/release.yml)',
    );
  });

  it('a pinned package whose version has no provenance is invalid IDENTITY_PIN', async () => {
    const { svc, pins } = service(pypiProjectRoutes(ts, 'demo', releases));
    await pins.set(pkg, { issuer: 'https://token.actions.githubusercontent.com', repository: 'acme/demo' });
    const v = await svc.getVerdict({ ...pkg, version: '1.2' });
    expect(v).toMatchObject({ status: 'invalid', code: 'IDENTITY_PIN', message: 'expected provenance from acme/demo; this version has none' });
  });

  it('applies a pin set after the verdict was cached, and lifts it when removed, without the network', async () => {
    let online = true;
    const real = fakeFetcher(pypiProjectRoutes(ts, 'demo', releases));
    const fetcher: Fetcher = (url, init) => (online ? real(url, init) : Promise.resolve<FetchOutcome>({ ok: false, code: 'FETCH_NETWORK', message: 'offline' }));
    const { svc, pins } = service({}, { fetcher });
    expect(await svc.getVerdict({ ...pkg, version: '1.1' })).toMatchObject({ status: 'verified' });
    online = false;
    await pins.set({ registry: 'pypi', name: 'Demo' }, { issuer: 'https://token.actions.githubusercontent.com', repository: 'acme/demo' });
    expect(await svc.getVerdict({ ...pkg, version: '1.1' })).toMatchObject({ status: 'invalid', code: 'IDENTITY_PIN' });
    await pins.remove(pkg);
    expect(await svc.getVerdict({ ...pkg, version: '1.1' })).toMatchObject({ status: 'verified' });
  });

  it('records the identities seen per package', async () => {
    const { svc, pins } = service(pypiProjectRoutes(ts, 'demo', releases));
    await svc.getVerdict({ ...pkg, version: '1.0' });
    await svc.getVerdict({ ...pkg, version: '1.1' });
    expect((await pins.seen(pkg)).map((s) => [s.version, s.repository])).toEqual(
      expect.arrayContaining([
        ['1.0', 'acme/demo'],
        ['1.1', 'evil/demo'],
      ]),
    );
  });
});

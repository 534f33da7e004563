// Review 13: a note is remembered per release AND per identity (continuity-service.ts memoKey:
// issuer | repositoryId | repository | workflowPath). A PyPI release can change hands after it
// was first seen: its files deleted and new ones uploaded, signed by someone else. A note (or
// "no note") kept for the first signer must not be shown for the second, in a woken worker
// reading storage.session as in one that ran on. The fields continuity compares but the key
// leaves out (email, builder, ownerId) let one identity's answer stand for another's.
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyNpmAttestations, verifyPypiProvenance } from '../core/index';
import type { PackageRef, PackageVerdict } from '../core/verdict';
import { PYPI_ORIGIN } from '../registries/pypi/hosts';
import { fakeFetcher, type FakeRoute } from '../registries/testing/fake-fetcher';
import { createTestSigstore, fakeSha256, githubIdentity, googleIdentity, type IdentitySpec, type TestSigstore } from '../testing/testca/index';
import { createVerdictCache } from './cache';
import { createContinuityService } from './continuity-service';
import { fakeStorage, type FakeStorage } from './testing/fake-storage';
import { pypiProjectRoutes, testTrust } from './testing/testca-registry';
import { createVerdictService } from './verdicts';

let ts: TestSigstore;
beforeAll(async () => {
  ts = await createTestSigstore();
});

const RELEASE: PackageRef = { registry: 'pypi', name: 'demo', version: '1.1' };
const at = (path: string) => new URL(path, PYPI_ORIGIN).href;
const written = () => new Promise((r) => setTimeout(r, 150));
const MIN = 60_000;
const idOf = (v: PackageVerdict) => ('identity' in v ? v.identity : undefined);

/** 1.1's sdist deleted, a wheel signed by `by` uploaded in its place (PyPI allows both). */
function replaceFiles(routes: Record<string, FakeRoute>, by: IdentitySpec): void {
  const filename = 'demo-1.1-py3-none-any.whl';
  const sha256 = fakeSha256('demo-1.1-wheel');
  const file = { filename, packagetype: 'bdist_wheel', digests: { sha256 }, upload_time_iso_8601: '2024-02-01T00:00:00.000Z' };
  routes[at('/pypi/demo/1.1/json')] = { info: { name: 'demo', version: '1.1' }, urls: [file] };
  (routes[at('/pypi/demo/json')] as { urls: unknown[]; releases: Record<string, unknown[]> }).releases['1.1'] = [file];
  (routes[at('/pypi/demo/json')] as { urls: unknown[] }).urls = [file];
  routes[at(`/integrity/demo/1.1/${filename}/provenance`)] = ts.pypiProvenance({ publisher: by, attestations: [ts.pypiAttestation({ filename, sha256, identity: by })] });
}

function worker(routes: Record<string, FakeRoute>, local: FakeStorage, session: FakeStorage, clock: { t: number }) {
  const fetcher = fakeFetcher(routes);
  const cache = createVerdictCache(local, { trustVersion: () => 't' });
  const verifiers = { verifyPypiProvenance, verifyNpmAttestations };
  const continuity = createContinuityService({ fetcher, verifiers, cache, session, now: () => Date.now() + clock.t });
  const trust = testTrust(ts);
  return createVerdictService({ fetcher, verifiers, trust: () => trust, cache, continuity });
}

const cases: { name: string; first: IdentitySpec; second: IdentitySpec; field: string }[] = [
  { name: 'another Google service account', first: googleIdentity('release@acme.iam.gserviceaccount.com'), second: googleIdentity('deploy@evil.iam.gserviceaccount.com'), field: 'email' },
  {
    name: 'another builder workflow called by the same repository and workflow',
    first: githubIdentity('acme/demo'),
    second: githubIdentity('acme/demo', { buildSignerUri: 'https://github.com/evil/shared/.github/workflows/release.yml@refs/tags/v1' }),
    field: 'builder',
  },
];

describe('review13: one identity\'s remembered note is never shown for another signer of the same version', () => {
  for (const { name, first, second, field } of cases) {
    it(`control (${name}): a worker with nothing remembered notes the change`, async () => {
      const routes = pypiProjectRoutes(ts, 'demo', [{ version: '1.0', identity: first }, { version: '1.1', identity: first }]);
      replaceFiles(routes, second);
      const v = await worker(routes, fakeStorage(), fakeStorage(), { t: 0 }).getVerdict(RELEASE);
      expect(v.status).toBe('verified');
      expect(v.continuity).toMatchObject({ kind: 'publisher-changed', field, previousVersion: '1.0' });
    });

    it(`(${name}) a woken worker never shows the first signer's stored "no note" for the second signer's files (was DEFECT)`, async () => {
      const routes = pypiProjectRoutes(ts, 'demo', [{ version: '1.0', identity: first }, { version: '1.1', identity: first }]);
      const [local, session, clock] = [fakeStorage(), fakeStorage(), { t: 0 }];
      const seen = await worker(routes, local, session, clock).getVerdict(RELEASE);
      expect(seen.status).toBe('verified');
      expect(seen.continuity).toBeUndefined();
      await written();
      replaceFiles(routes, second);
      clock.t = 5 * MIN;
      const v = await worker(routes, local, session, clock).getVerdict(RELEASE);
      expect(v.status).toBe('verified');
      expect(idOf(v)).not.toEqual(idOf(seen));
      // memoKey leaves out the compared field, so the stored entry for the first signer is hit.
      expect(v.continuity, 'the note for the new signer').toMatchObject({ kind: 'publisher-changed', field, previousVersion: '1.0' });
    });
  }

  it('a worker that ran on never shows the first Google account\'s "no note" for the second\'s files (was DEFECT, pre-existing)', async () => {
    const { first, second } = cases[0] as (typeof cases)[number];
    const routes = pypiProjectRoutes(ts, 'demo', [{ version: '1.0', identity: first }, { version: '1.1', identity: first }]);
    const clock = { t: 0 };
    const svc = worker(routes, fakeStorage(), fakeStorage(), clock);
    expect((await svc.getVerdict(RELEASE)).continuity).toBeUndefined();
    replaceFiles(routes, second);
    clock.t = 5 * MIN;
    const v = await svc.getVerdict(RELEASE);
    expect(idOf(v)).toMatchObject({ email: 'deploy@evil.iam.gserviceaccount.com' });
    expect(v.continuity, 'the note for the new signer').toMatchObject({ kind: 'publisher-changed', field: 'email' });
  });
});

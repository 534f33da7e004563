// The worker's verdict service over real fixtures and the real core: the verdict the core
// produces must survive the cache's validation, so a revisit is answered offline.
import { expect, it } from 'vitest';
import { createTrustContext, verifyNpmAttestations, verifyPypiProvenance } from '../core/index';
import type { FetchOutcome, Fetcher } from '../registries/fetcher';
import { fakeFetcher } from '../registries/testing/fake-fetcher';
import { describeRealData, readFixtureJson } from '../testing/fixtures';
import { createVerdictCache } from './cache';
import { fakeStorage } from './testing/fake-storage';
import { createVerdictService } from './verdicts';
import { PYPI_ORIGIN } from '../registries/pypi/hosts';

const onPypi = (path: string) => new URL(path, PYPI_ORIGIN).href;

describeRealData('verdict service with the real core', () => {
  it('verifies pypi-attestations 0.0.19 once, then answers from the cache offline', async () => {
    const trust = createTrustContext({ trustedRoot: readFixtureJson('sigstore/trusted_root.json') });
    const online = fakeFetcher({
      [onPypi('/pypi/pypi-attestations/0.0.19/json')]: {
        info: { name: 'pypi-attestations', version: '0.0.19' },
        urls: [{ filename: 'pypi_attestations-0.0.19.tar.gz', packagetype: 'sdist', digests: { sha256: '9bb1add04b1b4e182be6b0b80931593f7a291eb49d69b4fd728a5d4cbcdc4bd3' } }],
      },
      [onPypi('/integrity/pypi-attestations/0.0.19/pypi_attestations-0.0.19.tar.gz/provenance')]: readFixtureJson(
        'pypi/pypi-attestations/pypi_attestations-0.0.19.tar.gz.provenance',
      ),
    });
    let offline = false;
    const fetcher: Fetcher = (url, init) =>
      offline ? Promise.resolve<FetchOutcome>({ ok: false, code: 'FETCH_NETWORK', message: 'offline' }) : online(url, init);
    const storage = fakeStorage();
    const make = () =>
      createVerdictService({
        fetcher,
        verifiers: { verifyPypiProvenance, verifyNpmAttestations },
        trust: () => trust,
        cache: createVerdictCache(storage, { trustVersion: () => `1@${trust.trustedRootDate}` }),
      });
    const pkg = { registry: 'pypi' as const, name: 'pypi-attestations', version: '0.0.19' };
    const first = await make().getVerdict(pkg);
    expect(first).toMatchObject({ status: 'verified', identity: { repository: 'trailofbits/pypi-attestations' } });
    offline = true;
    // A new service over the same storage: a restarted worker.
    expect(await make().getVerdict(pkg)).toEqual(first);
  });
});

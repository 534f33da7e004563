// When nothing is known of a PyPI release (a first visit, a retry), the Simple API (which files
// have provenance) is asked beside the release's JSON, not after it (pypi/release.ts): one round
// trip fewer before the files' provenance on every release of two files or more. Real
// sampleproject 4.0.0 (sdist and wheel, real provenance, Sigstore's production trusted root);
// the release JSON is held until the test lets it go, so "beside" is an order, not a time.
import { expect, it } from 'vitest';
import { createTrustContext, verifyNpmAttestations, verifyPypiProvenance } from '../core/index';
import type { PackageRef } from '../core/verdict';
import type { Fetcher } from '../registries/fetcher';
import { fakeFetcher } from '../registries/testing/fake-fetcher';
import { realPypiRelease, sampleprojectProvenance } from '../registries/testing/real-pypi-release';
import { describeRealData, readFixtureJson } from '../testing/fixtures';
import { createVerdictCache } from './cache';
import { fakeStorage } from './testing/fake-storage';
import { createVerdictService } from './verdicts';

const SDIST = 'sampleproject-4.0.0.tar.gz';
const WHEEL = 'sampleproject-4.0.0-py3-none-any.whl';
const release: PackageRef = { registry: 'pypi', name: 'sampleproject', version: '4.0.0' };
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describeRealData('the Simple API beside the release JSON', () => {
  function world(files: string[] = [SDIST, WHEEL]) {
    const { sdist, wheel } = sampleprojectProvenance();
    const docs: Record<string, unknown> = { [SDIST]: sdist, [WHEEL]: wheel };
    const inner = fakeFetcher(realPypiRelease('sampleproject', '4.0.0', files.map((filename) => ({ filename, provenance: docs[filename] }))));
    const asked: string[] = [];
    let letGo: (() => void) | undefined;
    const fetcher: Fetcher = async (url, init) => {
      asked.push(url.pathname);
      // The release JSON answers only once the test says: what is asked before then is asked beside it.
      if (url.pathname.endsWith('/json')) await new Promise<void>((go) => (letGo = go));
      return inner(url, init);
    };
    let clock = Date.parse('2025-06-01T00:00:00Z');
    const now = () => clock;
    const trust = createTrustContext({ trustedRoot: readFixtureJson('sigstore/trusted_root.json') });
    const cache = createVerdictCache(fakeStorage(), { trustVersion: () => 't', now, gatherWritesMs: 0 });
    const svc = createVerdictService({ fetcher: freshFor15Minutes(fetcher), verifiers: { verifyPypiProvenance, verifyNpmAttestations }, trust: () => trust, cache, now });
    /** Asks, lets the JSON go once the asks before it are in, and returns the verdict and what was asked before the JSON answered. */
    const ask = async (options: Parameters<typeof svc.getVerdict>[1] = {}) => {
      const from = asked.length;
      const verdict = svc.getVerdict(release, options);
      await settle();
      const beside = asked.slice(from);
      letGo?.();
      const v = await verdict;
      await settle();
      return { v, beside, all: asked.slice(from) };
    };
    return { ask, advance: (ms: number) => (clock += ms) };
  }

  it('a first visit: the Simple API is asked before the release JSON answers; both files verified, each document once', async () => {
    const { v, beside, all } = await world().ask();
    expect(v.status).toBe('verified');
    expect(beside.sort()).toEqual(['/pypi/sampleproject/4.0.0/json', '/simple/sampleproject/']);
    expect(all.sort()).toEqual([
      `/integrity/sampleproject/4.0.0/${WHEEL}/provenance`,
      `/integrity/sampleproject/4.0.0/${SDIST}/provenance`,
      '/pypi/sampleproject/4.0.0/json',
      '/simple/sampleproject/',
    ]);
  });

  it('a retry: the same, past every cache', async () => {
    const w = world();
    await w.ask();
    const { v, beside } = await w.ask({ fresh: true });
    expect(v.status).toBe('verified');
    expect(beside.sort()).toEqual(['/pypi/sampleproject/4.0.0/json', '/simple/sampleproject/']);
  });

  it('a revisit once the release JSON went stale: the JSON alone (its files are known), no Simple API', async () => {
    const w = world();
    await w.ask();
    w.advance(16 * 60_000);
    const { v, all } = await w.ask();
    expect(v.status).toBe('verified');
    expect(all).toEqual(['/pypi/sampleproject/4.0.0/json']);
  });

  it('a page listing a file the kept answer never saw (revalidate): the JSON first, nothing beside it', async () => {
    const w = world();
    await w.ask();
    const { beside } = await w.ask({ revalidate: true });
    expect(beside).toEqual(['/pypi/sampleproject/4.0.0/json']);
  });

  it('the accepted cost: a first visit of a one-file release asks the Simple API too, and never uses it', async () => {
    const { v, all } = await world([SDIST]).ask();
    expect(v.status).toBe('verified');
    expect(all.sort()).toEqual([`/integrity/sampleproject/4.0.0/${SDIST}/provenance`, '/pypi/sampleproject/4.0.0/json', '/simple/sampleproject/']);
  });
});

/** PyPI's JSON API says its answers stay fresh for 15 minutes. */
function freshFor15Minutes(inner: Fetcher): Fetcher {
  return async (url, init) => {
    const outcome = await inner(url, init);
    return outcome.ok ? { ...outcome, freshForMs: 15 * 60_000 } : outcome;
  };
}

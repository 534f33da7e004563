// Review attacks on answer freshness with the real core: real PyPI provenance (../shared/fixtures,
// mutated in code) and the test CA's npm packages, with the registries' real freshness (PyPI's
// JSON API 15 min, npm's packuments 5 min).
import { beforeAll, describe, expect, it } from 'vitest';
import { createTrustContext, verifyNpmAttestations, verifyPypiProvenance } from '../core/index';
import type { PackageVerdict } from '../core/verdict';
import type { FetchOutcome, Fetcher } from '../registries/fetcher';
import { PYPI_ORIGIN } from '../registries/pypi/hosts';
import { fakeFetcher } from '../registries/testing/fake-fetcher';
import { describeRealData, readFixtureJson } from '../testing/fixtures';
import { createTestSigstore, type TestSigstore } from '../testing/testca/index';
import { createVerdictCache } from './cache';
import { onScreen } from './on-screen';
import { fakeStorage } from './testing/fake-storage';
import { npmDemo, preparedWorld } from './testing/prepared-world';
import { createVerdictService } from './verdicts';

const on = (path: string) => new URL(path, PYPI_ORIGIN).href;
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const brief = (v: PackageVerdict) => ({ status: v.status, version: v.pkg.version, files: v.files.map((f) => `${f.filename}:${f.verdict.status}`).sort() });

const NAME = 'pypi-attestations';
const SDIST = { filename: 'pypi_attestations-0.0.19.tar.gz', packagetype: 'sdist', digests: { sha256: '9bb1add04b1b4e182be6b0b80931593f7a291eb49d69b4fd728a5d4cbcdc4bd3' } };
// The attacker's wheel, uploaded later into the same release.
const WHEEL = { filename: 'pypi_attestations-0.0.19-py3-none-any.whl', packagetype: 'bdist_wheel', digests: { sha256: 'e'.repeat(64) } };

describeRealData('review: freshness over real PyPI provenance', () => {
  function world() {
    const provenance = readFixtureJson('pypi/pypi-attestations/pypi_attestations-0.0.19.tar.gz.provenance');
    const doc = (urls: object[]) => ({ info: { name: NAME, version: '0.0.19' }, urls });
    const routes: Record<string, unknown> = {
      [on(`/pypi/${NAME}/json`)]: doc([SDIST]),
      [on(`/pypi/${NAME}/0.0.19/json`)]: doc([SDIST]),
      [on(`/integrity/${NAME}/0.0.19/${SDIST.filename}/provenance`)]: provenance,
    };
    const inner = fakeFetcher(routes);
    const held: (() => void)[] = [];
    let holdNext: string | undefined;
    const fetcher: Fetcher = async (url, init) => {
      const outcome: FetchOutcome = await inner(url, init);
      if (holdNext === url.href) {
        holdNext = undefined;
        await new Promise<void>((resolve) => held.push(resolve));
      }
      return outcome.ok ? { ...outcome, freshForMs: 900_000 } : outcome;
    };
    const trust = createTrustContext({ trustedRoot: readFixtureJson('sigstore/trusted_root.json') });
    let clock = Date.parse('2025-06-01T00:00:00Z');
    const now = () => clock;
    const cache = createVerdictCache(fakeStorage(), { trustVersion: () => `1@${trust.trustedRootDate}`, now });
    const svc = createVerdictService({ fetcher, verifiers: { verifyPypiProvenance, verifyNpmAttestations }, trust: () => trust, cache, now });
    return {
      svc,
      requests: inner.requests,
      held,
      hold: (href: string) => (holdNext = href),
      advance: (ms: number) => (clock += ms),
      /** The wheel joins the release, served with the sdist's real provenance (another subject). */
      upload() {
        routes[on(`/pypi/${NAME}/json`)] = doc([SDIST, WHEEL]);
        routes[on(`/pypi/${NAME}/0.0.19/json`)] = doc([SDIST, WHEEL]);
        routes[on(`/integrity/${NAME}/0.0.19/${WHEEL.filename}/provenance`)] = provenance;
      },
    };
  }

  it('control: the retry\'s answer (an invalid wheel) is what a search page then sees', async () => {
    const w = world();
    expect(await w.svc.getVerdict({ registry: 'pypi', name: NAME })).toMatchObject({ status: 'verified' });
    await settle();
    w.upload();
    const retried = await w.svc.getVerdict({ registry: 'pypi', name: NAME }, { fresh: true });
    expect(retried.status).not.toBe('verified');
    expect(brief(retried).files).toContain(`${WHEEL.filename}:invalid`);
    await settle();
    expect((await w.svc.getVerdict({ registry: 'pypi', name: NAME })).status).toBe(retried.status);
  });

  it('an answer read before the retry but landing after it does not make the old green the fresh "latest" again', async () => {
    const w = world();
    const latest = { registry: 'pypi' as const, name: NAME };
    w.hold(on(`/pypi/${NAME}/json`));
    const early = w.svc.getVerdict(latest); // a search page's ask; the registry is slow
    await settle();
    expect(w.held).toHaveLength(1);
    w.upload();
    const retried = await w.svc.getVerdict(latest, { fresh: true });
    expect(brief(retried).files).toContain(`${WHEEL.filename}:invalid`);
    await settle();
    w.held[0]!();
    expect((await early).status).toBe('verified'); // it read the release before the wheel
    await settle();
    w.advance(60_000);
    const before = w.requests.length;
    const next = await w.svc.getVerdict(latest);
    // The worker has seen, past every cache, a wheel that fails verification in this release.
    expect({ asked: w.requests.length > before, status: next.status }).not.toEqual({ asked: false, status: 'verified' });
  });

  it('a release page listing a wheel uploaded since its kept answer is judged with it (held)', async () => {
    const w = world();
    const release = { registry: 'pypi' as const, name: NAME, version: '0.0.19' };
    await w.svc.getVerdict(release);
    await settle();
    w.upload();
    const shown = await onScreen(release, { files: [SDIST.filename, WHEEL.filename] }, w.svc, 5);
    expect(brief(shown).files).toContain(`${WHEEL.filename}:invalid`);
    expect(shown.status).not.toBe('verified');
  });
});

describe('review: npm "latest" and the packument\'s freshness (test CA)', () => {
  let ts: TestSigstore;
  beforeAll(async () => {
    ts = await createTestSigstore();
  });

  function npmWorld() {
    const demo = npmDemo(ts);
    const inner = fakeFetcher(demo.routes);
    const fetcher: Fetcher = async (url, init) => {
      const outcome = await inner(url, init);
      return outcome.ok ? { ...outcome, freshForMs: 300_000 } : outcome;
    };
    return { demo, requests: inner.requests, world: preparedWorld(ts, fetcher) };
  }
  const latest = { registry: 'npm' as const, name: 'demo' };

  it('a page whose header shows the newly published version gets that version, not the fresh cached latest', async () => {
    const { demo, world } = npmWorld();
    expect(await world.verdicts.getVerdict(latest)).toMatchObject({ status: 'verified', pkg: { version: '1.0.0' } });
    await settle();
    demo.publish();
    const shown = await onScreen(latest, { shownVersion: '1.0.1' }, world.verdicts, 9);
    expect(shown).toMatchObject({ status: 'none', pkg: { version: '1.0.1' } });
  });

  it('search results (latest, no header) see the move once the packument\'s 5 minutes are over, not later', async () => {
    const { demo, world } = npmWorld();
    await world.verdicts.getVerdict(latest);
    await settle();
    demo.publish();
    world.advance(300_001);
    expect(await world.verdicts.getVerdict(latest)).toMatchObject({ status: 'none', pkg: { version: '1.0.1' } });
  });

  it('a retry of "latest" that sees the move is what search results then show', async () => {
    const { demo, world } = npmWorld();
    await world.verdicts.getVerdict(latest);
    await settle();
    demo.publish();
    expect(await world.verdicts.getVerdict(latest, { fresh: true })).toMatchObject({ pkg: { version: '1.0.1' } });
    await settle();
    expect(await world.verdicts.getVerdict(latest)).toMatchObject({ status: 'none', pkg: { version: '1.0.1' } });
  });
});

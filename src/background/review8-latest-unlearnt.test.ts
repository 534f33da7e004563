// Review 8, change 2 (on-screen.ts): a "latest" page whose latest version could not be learnt
// because the browser refused the request asks for the version its header shows by name (as
// reviewed: any FETCH_NETWORK, which B5 and B6 showed too broad; now FETCH_THROTTLED only). Real PyPI provenance
// (sampleproject 4.0.0's sdist and wheel, 3.0.0's sdist) under the real core and Sigstore's
// production trusted root where the verdict matters; the real limited fetcher over a simulated
// link (testing/review8-link.ts) where requests and time matter.
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTrustContext, verifyNpmAttestations, verifyPypiProvenance } from '../core/index';
import type { TrustContext } from '../core/api';
import type { ArtifactVerdict, PackageRef, PackageVerdict, SignerIdentity } from '../core/verdict';
import type { Verifiers } from '../registries/adapter';
import type { FetchOutcome, Fetcher } from '../registries/fetcher';
import { releaseUrl } from '../registries/pypi/api';
import { fakeFetcher } from '../registries/testing/fake-fetcher';
import { realPypiRelease, sampleprojectProvenance } from '../registries/testing/real-pypi-release';
import { describeRealData, readFixture, readFixtureJson } from '../testing/fixtures';
import { createVerdictCache } from './cache';
import { createContinuityService } from './continuity-service';
import { createLimitedFetcher } from './fetch-limited';
import { onScreen } from './on-screen';
import { fakeStorage } from './testing/fake-storage';
import { createTestSigstore, type TestSigstore } from '../testing/testca/index';
import { freshAnswers } from './testing/fresh-registry';
import { OWNER, preparedWorld, sender, settle } from './testing/prepared-world';
import { pypiProjectRoutes } from './testing/testca-registry';
import { bigPypiProject } from './testing/review8-big-project';
import { simulatedLink, underFakeTime, type Answer } from './testing/review8-link';
import { createVerdictService } from './verdicts';

afterEach(() => {
  vi.useRealTimers();
});

const SDIST = 'sampleproject-4.0.0.tar.gz';
const WHEEL = 'sampleproject-4.0.0-py3-none-any.whl';
const OLD_SDIST = 'sampleproject-3.0.0.tar.gz';
const latestRef: PackageRef = { registry: 'pypi', name: 'sampleproject' };
const LATEST_JSON = releaseUrl('sampleproject').href;
// What the limited fetcher makes of Chromium's refusal of a URL that answered 5xx lately (server-errors.ts).
const refused: FetchOutcome = { ok: false, code: 'FETCH_THROTTLED', message: 'the browser holds back requests to this address after its recent server errors' };

/** The worker's verdict service (with continuity) over `fetcher` and the production trusted root. */
function worker(fetcher: Fetcher, verifiers: Verifiers = { verifyPypiProvenance, verifyNpmAttestations }, trust?: TrustContext) {
  const t = trust ?? createTrustContext({ trustedRoot: readFixtureJson('sigstore/trusted_root.json') });
  const cache = createVerdictCache(fakeStorage(), { trustVersion: () => 't', gatherWritesMs: 0 });
  const continuity = createContinuityService({ fetcher, verifiers, cache });
  return createVerdictService({ fetcher, verifiers, trust: () => t, cache, continuity });
}

const brief = (v: PackageVerdict) => ({ status: v.status, version: v.pkg.version, repository: v.status === 'verified' ? v.identity.repository : undefined });

describeRealData('review8 B: the header\'s release, asked by name, with real provenance', () => {
  function registry(mutate: (docs: ReturnType<typeof sampleprojectProvenance>) => void = () => undefined) {
    const docs = sampleprojectProvenance();
    mutate(docs);
    const routes = {
      ...realPypiRelease('sampleproject', '3.0.0', [{ filename: OLD_SDIST, provenance: docs.old }]),
      ...realPypiRelease('sampleproject', '4.0.0', [
        { filename: SDIST, provenance: docs.sdist },
        { filename: WHEEL, provenance: docs.wheel },
      ]),
    };
    const inner = fakeFetcher(routes);
    const asked: string[] = [];
    const fetcher: Fetcher = (url, init) => {
      asked.push(url.pathname);
      // Chromium's throttling of the URL that just answered 5xx: refused in milliseconds.
      return url.href === LATEST_JSON ? Promise.resolve(refused) : inner(url, init);
    };
    return { fetcher, asked };
  }

  it('B1 HOLDS: "latest" refused, header 4.0.0: verified for exactly 4.0.0, signed by pypa/sampleproject, both files checked', async () => {
    const { fetcher, asked } = registry();
    const v = await onScreen(latestRef, { shownVersion: '4.0.0', files: [SDIST, WHEEL] }, worker(fetcher), 1);
    expect(brief(v)).toEqual({ status: 'verified', version: '4.0.0', repository: 'pypa/sampleproject' });
    expect(v.files.map((f) => [f.filename, f.verdict.status]).sort()).toEqual([[WHEEL, 'verified'], [SDIST, 'verified']].sort());
    // One request per document: latest (refused), the release, the Simple API, two provenance docs, and continuity's project JSON (refused).
    expect(asked.filter((p) => p.startsWith('/integrity/'))).toHaveLength(2);
    expect(asked.filter((p) => p === '/pypi/sampleproject/4.0.0/json')).toHaveLength(1);
  });

  it('B2 HOLDS: the wheel\'s real signature changed by one byte: red for 4.0.0, never green', async () => {
    const { fetcher } = registry((docs) => {
      const env = (docs.wheel.attestation_bundles[0]!.attestations[0] as { envelope: { signature: string } }).envelope;
      const sig = Buffer.from(env.signature, 'base64');
      sig[sig.length - 5]! ^= 0x01;
      env.signature = sig.toString('base64');
    });
    const v = await onScreen(latestRef, { shownVersion: '4.0.0', files: [SDIST, WHEEL] }, worker(fetcher), 1);
    expect(v.status).toBe('invalid');
    expect(v.pkg.version).toBe('4.0.0');
  });

  it('B3 HOLDS: the sdist\'s real statement swapped for 3.0.0\'s (another file, another signer): red for 4.0.0', async () => {
    const { fetcher } = registry((docs) => {
      docs.sdist.attestation_bundles[0]!.attestations = docs.old.attestation_bundles[0]!.attestations;
    });
    const v = await onScreen(latestRef, { shownVersion: '4.0.0', files: [SDIST, WHEEL] }, worker(fetcher), 1);
    expect(v.status).toBe('invalid');
    expect(v.pkg.version).toBe('4.0.0');
  });

  it('B4 HOLDS: a header naming 3.0.0 gets 3.0.0\'s own verdict (Google signer), nothing of 4.0.0', async () => {
    const { fetcher, asked } = registry();
    const v = await onScreen(latestRef, { shownVersion: '3.0.0', files: [OLD_SDIST] }, worker(fetcher), 1);
    expect(v.pkg.version).toBe('3.0.0');
    expect(v.status).toBe('verified');
    if (v.status === 'verified') expect(v.identity.email ?? v.identity.san).toContain('919436158236-compute@developer.gserviceaccount.com');
    expect(asked.some((p) => p.includes('/4.0.0/'))).toBe(false);
  });

  it('B7 HOLDS: two tabs on the refused "latest" page at once: the header\'s release and its provenance are asked once between them', async () => {
    const { fetcher, asked } = registry();
    const service = worker(fetcher);
    const page = { shownVersion: '4.0.0', files: [SDIST, WHEEL] };
    const [a, b] = await Promise.all([onScreen(latestRef, page, service, 1), onScreen(latestRef, page, service, 2)]);
    expect([brief(a), brief(b)]).toEqual([brief(a), brief(a)]);
    expect(a.status).toBe('verified');
    expect(asked.filter((p) => p === '/pypi/sampleproject/4.0.0/json')).toHaveLength(1);
    expect(asked.filter((p) => p.startsWith('/integrity/'))).toHaveLength(2);
  });
});

// ---------------------------------------------------------------------------------------------
// FETCH_NETWORK is not only the browser's refusal: a registry or a path that resets connections
// or cuts an answer short gives the same code. Measured with the real limited fetcher.
const identity: SignerIdentity = { forge: 'github', issuer: 'https://token.actions.githubusercontent.com', san: 'x', repository: 'o/r', workflowPath: 'w' };
const ok: ArtifactVerdict = { status: 'verified', identity, attestations: [] };
const fakeVerifiers: Verifiers = { verifyPypiProvenance: () => ok, verifyNpmAttestations: () => ok };
const fakeTrust: TrustContext = { kind: 'trust-context', trustedRootDate: '2025-01-01' };

describe('review8 B: a registry in trouble, not the browser, gives FETCH_NETWORK', () => {
  it('B5 REGRESSION, fixed (FETCH_THROTTLED only where the URL answered 5xx lately): a registry resetting every connection (before any status) made a "latest" page cost 3 requests, not 1 (the release by name and the project JSON again)', async () => {
    const urls: string[] = [];
    const resets = (async (input: URL | RequestInfo) => {
      urls.push(new URL(String(input)).pathname);
      throw new TypeError('Failed to fetch'); // net::ERR_CONNECTION_RESET, as Chromium reports it
    }) as typeof fetch;
    const service = worker(createLimitedFetcher({ fetchImpl: resets, browserThrottling: true }), fakeVerifiers, fakeTrust);
    const v = await onScreen({ registry: 'pypi', name: 'demo' }, { shownVersion: '1.0', files: ['demo-1.0.tar.gz'] }, service, 1);
    expect(v.status).toBe('unavailable');
    // As for a 5xx or a time-out (on-screen.ts: "a registry in trouble is not asked twice as much").
    // The Simple API goes beside the JSON on a first visit (pypi/release.ts), once.
    expect(urls.sort()).toEqual(['/pypi/demo/json', '/simple/demo/']);
  });

  // A big project's "latest" page over 256 kbit/s: its project JSON (2.4 MB, 485 KB gzip) arrives
  // with status 200 and is cut half-way (an HTTP/2 stream reset by a struggling CDN, a mobile
  // network change): an answer, not a refusal.
  it('B6 REGRESSION, fixed (a body cut short is the network, not a refusal): a project JSON cut half-way after its 200: the page was not answered at the cut; it waited for the release by name and downloaded the project JSON again', async () => {
    const { routes, last } = bigPypiProject('bigpkg', { versions: 150, filesPer: 20, lastFiles: 64, provenance: new Uint8Array(readFixture('pypi/sampleproject/sampleproject-4.0.0.tar.gz.provenance')) });
    const projectJson = releaseUrl('bigpkg').href;
    const link = simulatedLink({
      bytesPerMs: 32,
      rttMs: 300,
      answer: (url): Answer => {
        const body = routes[url];
        if (body === undefined) return { status: 404, body: new Uint8Array() };
        return url === projectJson ? { status: 200, body, resetAfterBytes: Math.floor(body.byteLength / 2) } : { status: 200, body };
      },
    });
    const service = worker(createLimitedFetcher({ fetchImpl: link.fetchImpl, browserThrottling: true }), fakeVerifiers, fakeTrust);
    const files = Object.keys(routes).filter((u) => u.includes('/integrity/')).map((u) => decodeURIComponent(u.split('/')[6] ?? ''));
    const { value, tookMs } = await underFakeTime(() => onScreen({ registry: 'pypi', name: 'bigpkg' }, { shownVersion: last, files }, service, 1));
    vi.useRealTimers();
    const cut = link.log.find((l) => l.how === 'reset')?.at ?? NaN;
    const start = link.started[0]?.at ?? NaN;
    const after = link.started.filter((s) => s.at >= cut).map((s) => new URL(s.url).pathname.replace(/\/integrity\/.*/, '/integrity/…'));
    const summary = { requestsAfterCut: after.length, answeredAfterCutMs: start + tookMs - cut, verdict: `${value.status} ${value.pkg.version}` };
    expect(summary, JSON.stringify({ ...summary, distinct: [...new Set(after)] })).toMatchObject({ requestsAfterCut: 0 });
    expect(summary.answeredAfterCutMs).toBeLessThan(1_000);
  });
});

describe('review8 B: the page\'s own inputs still apply to the release asked by name', () => {
  let ts: TestSigstore;
  beforeAll(async () => {
    ts = await createTestSigstore();
  });

  it('B8 HOLDS: the refused "latest" page lists a wheel the release JSON does not: never green, for 1.0, and the tab records the same', async () => {
    const registry = fakeFetcher(pypiProjectRoutes(ts, 'demo', [{ version: '1.0', identity: OWNER }]));
    const asked: string[] = [];
    const fetcher: Fetcher = freshAnswers(async (url, init) => {
      asked.push(url.pathname);
      return url.href === releaseUrl('demo').href ? refused : registry(url, init);
    });
    const w = preparedWorld(ts, fetcher);
    const page = sender(7, 'https://pypi.org/project/demo/');
    const reply = (await w.router({ type: 'content/verdict', pkg: { registry: 'pypi', name: 'demo' }, files: ['demo-1.0.tar.gz', 'demo-1.0-py3-none-any.whl'], shownVersion: '1.0' }, page)) as {
      ok: boolean;
      value: PackageVerdict;
    };
    expect(reply.ok).toBe(true);
    expect(reply.value.pkg.version).toBe('1.0');
    expect(reply.value.status).not.toBe('verified');
    await settle();
    const entry = await w.tabs.get(7);
    expect(entry?.verdict.pkg.version).toBe('1.0');
    expect(entry?.verdict.status).not.toBe('verified');
  });
});

// What a timeline may cost (issue 17.3): a history over 200 releases is bisected, with the
// requests counted; a per-package request budget; cancellation when the page goes away.
// Generated histories signed by the test CA, verified by the real core.
import { beforeAll, describe, expect, it } from 'vitest';
import { createTrustContext, verifyNpmAttestations, verifyPypiProvenance } from '../../core/index';
import { createTestSigstore, githubIdentity, type TestSigstore } from '../../testing/testca/index';
import type { Fetcher } from '../fetcher';
import { fakeFetcher } from '../testing/fake-fetcher';
import { buildTimeline, type TimelineDeps } from './build-timeline';
import { pypiHistoryRoutes, steadyHistory, type HistoryRelease } from './testing/testca-history';

let ts: TestSigstore;
beforeAll(async () => {
  ts = await createTestSigstore();
});

const acme = githubIdentity('acme/demo');
const evil = githubIdentity('evil/demo');

function deps(fetcher: Fetcher, more: Partial<TimelineDeps> = {}): TimelineDeps {
  return { fetcher, verifiers: { verifyPypiProvenance, verifyNpmAttestations }, trust: createTrustContext({ trustedRoot: ts.trustedRoot, npmKeys: ts.npmKeys }), now: () => 0, ...more };
}

describe('a history of more than 200 releases', () => {
  it('checks the newest 100 and bisects the rest: every change found, at a counted cost', async () => {
    // Oldest first: 120 releases without provenance, 150 by acme, 30 by evil (the newest).
    const history: HistoryRelease[] = Array.from({ length: 300 }, (_, i) => ({
      version: `1.${i}`,
      files: [i < 120 ? null : i < 270 ? acme : evil],
    }));
    const fetcher = fakeFetcher(pypiHistoryRoutes(ts, 'demo', history));
    const t = await buildTimeline('pypi', 'demo', deps(fetcher));
    expect(t.coverage.bisected).toBe(true);
    expect(t.coverage.listed).toBe(300);
    // 100 newest, the oldest, and about log2(200) midpoints for the one change among the older.
    expect(t.coverage.checked).toBeGreaterThan(101);
    expect(t.coverage.checked).toBeLessThanOrEqual(101 + 9);
    // One request per release checked, plus the listing: nothing is fetched twice.
    expect(fetcher.requests).toHaveLength(t.coverage.checked + 1);
    expect(t.requests).toBe(fetcher.requests.length);
    expect(t.notes.slice(0, 2)).toEqual([
      'Provenance began at 1.120',
      'Publisher changed at 1.270: acme/demo · release.yml → evil/demo · release.yml',
    ]);
    // The boundary is exact: the release just before it was checked too.
    expect(t.releases.map((r) => r.version)).toEqual(expect.arrayContaining(['1.119', '1.120', '1.269', '1.270', '1.0']));
    expect(t.notes.at(-1)).toBe(`300 releases listed: checked ${t.coverage.checked}, the newest one by one and older ones where the publisher could have changed`);
  });
});

describe('request budget', () => {
  it('stops at the budget: the newest releases are checked, the rest show as not checked', async () => {
    const fetcher = fakeFetcher(pypiHistoryRoutes(ts, 'demo', steadyHistory(6, acme)));
    const t = await buildTimeline('pypi', 'demo', deps(fetcher, { budget: 4 }));
    expect(fetcher.requests).toHaveLength(4);
    expect(t.releases.map((r) => [r.version, r.status, r.notChecked])).toEqual([
      ['1.0.5', 'verified', undefined],
      ['1.0.4', 'verified', undefined],
      ['1.0.3', 'verified', undefined],
      ['1.0.2', 'unknown', 'budget'],
      ['1.0.1', 'unknown', 'budget'],
      ['1.0.0', 'unknown', 'budget'],
    ]);
    expect(t.notes).toEqual(['Provenance since 1.0.3, the earliest release checked', 'Not checked, the request budget ran out: 3 releases: 1.0.2, 1.0.1, 1.0.0']);
  });
});

describe('cancellation', () => {
  it('a timeline cancelled before it starts sends nothing', async () => {
    const fetcher = fakeFetcher(pypiHistoryRoutes(ts, 'demo', steadyHistory(3, acme)));
    const controller = new AbortController();
    controller.abort();
    await expect(buildTimeline('pypi', 'demo', deps(fetcher, { signal: controller.signal }))).rejects.toMatchObject({ name: 'AbortError' });
    expect(fetcher.requests).toHaveLength(0);
  });

  it('a page that goes away mid-way stops the requests that had not started', async () => {
    const real = fakeFetcher(pypiHistoryRoutes(ts, 'demo', steadyHistory(40, acme)));
    const controller = new AbortController();
    let sent = 0;
    let answered = 0;
    const fetcher: Fetcher = async (url, init) => {
      sent++;
      const answer = await real(url, init);
      // The page goes away once the listing and the first provenance document have arrived.
      if (++answered === 2) controller.abort();
      return answer;
    };
    await expect(buildTimeline('pypi', 'demo', deps(fetcher, { signal: controller.signal }))).rejects.toMatchObject({ name: 'AbortError' });
    // Requests already in flight when it fired may finish (the fetcher has no signal); no more start.
    const inFlight = 8;
    expect(sent).toBeLessThanOrEqual(1 + inFlight);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(sent).toBeLessThanOrEqual(1 + inFlight);
  });
});

describe('hostile listings', () => {
  it('a release listing a file of another version stays "couldn\'t check", never "none"', async () => {
    const routes = pypiHistoryRoutes(ts, 'demo', steadyHistory(2, acme));
    const doc = routes['https://pypi.org/pypi/demo/json'] as { releases: Record<string, { filename: string }[]> };
    (doc.releases['1.0.1'] as { filename: string }[])[0] = { ...(doc.releases['1.0.0']?.[0] as { filename: string }) };
    const t = await buildTimeline('pypi', 'demo', deps(fakeFetcher(routes)));
    expect(t.releases.map((r) => [r.version, r.status, r.code])).toEqual([
      ['1.0.1', 'unknown', 'PARSE_SHAPE'],
      ['1.0.0', 'verified', undefined],
    ]);
    expect(t.events.map((e) => e.kind)).toEqual(['began']);
  });

  it('refuses a name outside the registry grammar before any request', async () => {
    const fetcher = fakeFetcher({});
    await expect(buildTimeline('npm', '../evil', deps(fetcher))).rejects.toThrow(RangeError);
    expect(fetcher.requests).toHaveLength(0);
  });
});

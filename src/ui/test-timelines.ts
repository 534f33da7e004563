// Release timelines for UI tests, as the worker would send them: generated histories signed by the
// test Sigstore instance, listed and verified by the real registries/history and core (only the
// network is faked), then cut down to what the worker's reply carries (timeline-service.ts).
import { createTrustContext, verifyNpmAttestations, verifyPypiProvenance } from '../core/index';
import { buildTimeline, type Timeline } from '../registries/history/index';
import { npmHistoryRoutes, pypiHistoryRoutes, type HistoryRelease } from '../registries/history/testing/testca-history';
import { fakeFetcher } from '../registries/testing/fake-fetcher';
import type { TimelineView } from '../shared/messages';
import { createTestSigstore, githubIdentity, type TestSigstore } from '../testing/testca/index';

export const ACME = githubIdentity('acme/demo', { ref: 'refs/tags/v1' });
export const EVIL = githubIdentity('evil/demo');

let sigstore: Promise<TestSigstore> | undefined;

function view(t: Timeline): TimelineView {
  const { registry, name, releases, events, notes, coverage, current } = t;
  return { registry, name, releases, events, notes, coverage, ...(current ? { current } : {}) };
}

/** `releases` oldest first, as the generators take them; the timeline comes newest first. */
export async function testTimeline(releases: readonly HistoryRelease[], registry: 'pypi' | 'npm' = 'pypi'): Promise<TimelineView> {
  const ts = await (sigstore ??= createTestSigstore());
  const routes = registry === 'pypi' ? pypiHistoryRoutes(ts, 'demo', releases) : npmHistoryRoutes(ts, 'demo', releases);
  const trust = createTrustContext({ trustedRoot: ts.trustedRoot, npmKeys: ts.npmKeys });
  const t = await buildTimeline(registry, 'demo', { fetcher: fakeFetcher(routes), verifiers: { verifyPypiProvenance, verifyNpmAttestations }, trust, now: () => 0 });
  if (t.unavailable) throw new Error(`test timeline unavailable: ${t.unavailable.message}`);
  return view(t);
}

/** Gained, changed, inconsistent, yanked, changed back, partial, pre-release and lost: every turn once. */
export const EVENTFUL: HistoryRelease[] = [
  { version: '0.9', files: [null] },
  { version: '1.0', files: [ACME] },
  { version: '1.1', files: [ACME, null] },
  { version: '1.2rc1', files: [ACME] },
  { version: '1.2', files: [githubIdentity('acme/demo', { ref: 'refs/tags/v1.2' }), githubIdentity('acme/demo', { ref: 'refs/heads/main' })] },
  { version: '2.0', files: [EVIL], yanked: true },
  { version: '2.0.1', files: [ACME] },
  { version: '2.1', files: [null, null] },
];

/**
 * More releases than are checked one by one (200): `count` releases `1.0.<i>`, the oldest `old`
 * from EVIL and the rest from ACME, so bisection samples the older ones and finds the change.
 */
export function longHistory(count: number, old: number): HistoryRelease[] {
  return Array.from({ length: count }, (_, i) => ({ version: `1.0.${i}`, files: [i < old ? EVIL : ACME] }));
}

// A package's release timeline (issue 17): list every release, choose which to verify (all up to
// 200, else the newest 100 and a bisection of the rest, core/history/select.ts), verify each
// once through the adapters the badge uses with cached final verdicts, and read the events.
// Requests are bounded by the caller's per-host fetcher, a per-package budget and an
// AbortSignal; nothing here runs until a caller asks for a timeline.
import type { TrustContext } from '../../core/api';
import { classOf, nextToVerify, type ReleaseClass } from '../../core/history/select';
import { summarizeTimeline } from '../../core/history/timeline';
import type { TimelineCoverage, TimelineRelease, TimelineSummary } from '../../core/history/timeline-types';
import type { ErrorCode } from '../../core/errors';
import type { Registry } from '../../core/verdict';
import type { AdapterDeps, Verifiers } from '../adapter';
import { mapLimit } from '../concurrency';
import { comparableIdentity } from '../continuity';
import type { Fetcher } from '../fetcher';
import { isValidPackageRef } from '../verify-package';
import { listNpmVersions } from './list-npm';
import { listPypiReleases } from './list-pypi';
import { timelineRow, type ListedRelease } from './listed-release';
import { createRequestBudget, DEFAULT_REQUEST_BUDGET, type RequestBudget } from './request-budget';
import type { HistoryVerdictCache } from './index';

/** Releases checked at once; the fetcher's per-host cap bounds the requests beneath. */
const RELEASE_CONCURRENCY = 8;

export interface TimelineDeps {
  fetcher: Fetcher;
  verifiers: Verifiers;
  trust: TrustContext;
  /** Final verdicts by artifact digest; without one, every release is verified again. */
  cache?: HistoryVerdictCache;
  /** Cancels the timeline (the page went away): no request starts after it fires. */
  signal?: AbortSignal;
  /** Requests this timeline may send; releases beyond it show as not checked. */
  budget?: number;
  now?: () => number;
}

export interface Timeline extends TimelineSummary {
  registry: Registry;
  name: string;
  /** Newest first (the registry's version order); when bisected, only the releases checked. */
  releases: TimelineRelease[];
  coverage: TimelineCoverage;
  /** Requests sent for this timeline. */
  requests: number;
  /** The release list itself could not be read: nothing else is known. */
  unavailable?: { code: ErrorCode; message: string };
}

interface Checked {
  row: TimelineRelease;
  class: ReleaseClass;
  /** The cache's write of its verdict: the timeline waits for them all at its end, not per row. */
  stored: Promise<void>;
}

async function checkRelease(listed: ListedRelease, budget: RequestBudget, deps: TimelineDeps): Promise<Checked> {
  const release = budget.forRelease();
  const cache = deps.cache;
  const adapterDeps: AdapterDeps = {
    fetcher: release.fetcher,
    verifiers: deps.verifiers,
    trust: deps.trust,
    now: deps.now ?? (() => Date.now()),
    // A cache that cannot be read or written costs time (the release is verified again), never the verdict.
    ...(cache ? { known: (ref) => cache.getArtifact(ref).catch(() => undefined) } : {}),
  };
  const verdict = await listed.verify(adapterDeps);
  // The worker's cache gathers writes for a moment (cache-writes.ts): the next release's check
  // does not wait for this one's.
  const stored = cache ? cache.storeArtifacts(verdict).catch(() => undefined) : Promise.resolve();
  const refused = verdict.status === 'unavailable' && release.refused();
  return { row: timelineRow(listed, verdict, refused), class: classOf(comparableIdentity(verdict)), stored };
}

function listReleases(registry: Registry, name: string, fetcher: Fetcher) {
  return registry === 'pypi' ? listPypiReleases(fetcher, name) : listNpmVersions(fetcher, name);
}

/** The timeline of `name`'s releases. Rejects with the signal's reason when cancelled. */
export async function buildTimeline(registry: Registry, name: string, deps: TimelineDeps): Promise<Timeline> {
  if (!isValidPackageRef({ registry, name })) throw new RangeError('package name outside the registry grammar');
  deps.signal?.throwIfAborted();
  const budget = createRequestBudget(deps.fetcher, { limit: deps.budget ?? DEFAULT_REQUEST_BUDGET, ...(deps.signal ? { signal: deps.signal } : {}) });
  const listed = await listReleases(registry, name, budget.fetcher);
  deps.signal?.throwIfAborted();
  if (!listed.ok) {
    const coverage = { listed: 0, checked: 0, bisected: false };
    return { registry, name, releases: [], events: [], notes: [], coverage, requests: budget.used(), unavailable: { code: listed.code, message: listed.message } };
  }
  const releases = listed.value;
  const checked = new Map<number, Checked>();
  const classes = new Map<number, ReleaseClass>();
  for (let batch = nextToVerify(releases.length, classes); batch.length > 0; batch = nextToVerify(releases.length, classes)) {
    await mapLimit(batch, RELEASE_CONCURRENCY, async (index) => {
      deps.signal?.throwIfAborted();
      const result = await checkRelease(releases[index] as ListedRelease, budget, deps);
      checked.set(index, result);
      classes.set(index, result.class);
    });
    deps.signal?.throwIfAborted();
  }
  await Promise.all([...checked.values()].map((c) => c.stored));
  const rows = [...checked.entries()].sort(([a], [b]) => a - b).map(([, c]) => c.row);
  const coverage = { listed: releases.length, checked: rows.length, bisected: rows.length < releases.length };
  return { registry, name, releases: rows, ...summarizeTimeline(rows, coverage), coverage, requests: budget.used() };
}

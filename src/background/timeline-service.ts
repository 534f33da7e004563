// Release timelines in the worker (issue 17): built only when a popup or the details panel opens
// its Release history, never before, with the worker's own fetcher (its per-host limits),
// verifiers, trust and digest-keyed verdict cache, so a release the badge verified is not
// verified again. One build per package at a time; a complete timeline is kept for the worker's
// lifetime. An ask from the same popup or tab for another package cancels the build it replaces,
// unless another asker still waits for it; so does an asker that goes away (the popup closed, the
// panel closed, the tab navigated: timeline-holds.ts hears its port close and calls `gone`).
import type { TrustContext } from '../core/api';
import { ProvenanceError } from '../core/errors';
import type { Registry } from '../core/verdict';
import { buildTimeline, type HistoryVerdictCache, type Timeline } from '../registries/history/index';
import type { Verifiers } from '../registries/adapter';
import type { FetchOutcome, Fetcher } from '../registries/fetcher';
import { packumentUrl } from '../registries/npm/history';
import { releaseUrl } from '../registries/pypi/api';
import { normalizePypiName } from '../shared/package-names';
import type { PackageName, TimelineAnswer, TimelineView } from '../shared/messages';
import { storesUnder } from './stores-under';

export interface TimelineServiceDeps {
  fetcher: Fetcher;
  verifiers: Verifiers;
  /** Lazily built; may throw ProvenanceError(TRUST_MATERIAL). */
  trust: () => TrustContext;
  /** Settles once the stored trust material is installed (verdicts.ts `trustLoaded`). */
  trustLoaded?: () => Promise<void>;
  /** The file verdicts cache, with the version of the trust material its keys name (stores-under.ts). */
  cache?: HistoryVerdictCache & { version?: () => string };
  /** Complete timelines kept at once; the least recently asked goes first. */
  maxKept?: number;
  /** The builder; tests count or hold its calls. */
  build?: typeof buildTimeline;
}

export interface TimelineService {
  /**
   * The timeline of `pkg` for `asker` (the popup, or a tab's panel). The asker's earlier ask for
   * another package is withdrawn, and that build cancelled if nobody else waits for it.
   */
  timeline(pkg: PackageName, asker: string): Promise<TimelineAnswer>;
  /** `asker` went away: its build is cancelled unless another asker still waits for it. */
  gone(asker: string): void;
  /** How far the build for `pkg` is, or its kept answer; starts nothing. */
  progress(pkg: PackageName): TimelineAnswer;
}

interface Build {
  key: string;
  trust: TrustContext;
  controller: AbortController;
  askers: Set<string>;
  /** How many releases the registry's listing names, once it arrived (for "Checking N releases…"). */
  listed?: number;
  done: Promise<TimelineAnswer>;
}

const CANCELLED: TimelineAnswer = { kind: 'cancelled' };
const DEFAULT_MAX_KEPT = 16;

/** PyPI accepts any spelling of a name: every spelling shares one timeline. */
function keyOf(pkg: PackageName): string {
  return `${pkg.registry}:${pkg.registry === 'pypi' ? normalizePypiName(pkg.name) : pkg.name}`;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Entries of the listing document, counted as they arrive: a number to show while the build
 * runs, never part of a verdict (the build parses the same document strictly).
 */
function countListed(registry: Registry, outcome: FetchOutcome): number | undefined {
  if (!outcome.ok || !isRecord(outcome.json)) return undefined;
  const entries = registry === 'pypi' ? outcome.json.releases : outcome.json.versions;
  return isRecord(entries) ? Object.keys(entries).length : undefined;
}

function watchListing(fetcher: Fetcher, pkg: PackageName, build: Build): Fetcher {
  const listing = (pkg.registry === 'pypi' ? releaseUrl(pkg.name) : packumentUrl(pkg.name)).href;
  return async (url, init) => {
    const outcome = await fetcher(url, init);
    if (url.href === listing) build.listed ??= countListed(pkg.registry, outcome);
    return outcome;
  };
}

/** What the popup and the panel are sent: the timeline without the builder's bookkeeping. */
function answerOf(t: Timeline): TimelineAnswer {
  if (t.unavailable) return { kind: 'unavailable', code: t.unavailable.code, message: t.unavailable.message };
  const view: TimelineView = { registry: t.registry, name: t.name, releases: t.releases, events: t.events, notes: t.notes, coverage: t.coverage };
  return { kind: 'timeline', timeline: t.current ? { ...view, current: t.current } : view };
}

/** Kept only when complete: a release that couldn't be checked is asked again next time. */
function complete(answer: TimelineAnswer): boolean {
  return answer.kind === 'timeline' && answer.timeline.releases.every((r) => r.status !== 'unknown');
}

export function createTimelineService(deps: TimelineServiceDeps): TimelineService {
  const build = deps.build ?? buildTimeline;
  const maxKept = deps.maxKept ?? DEFAULT_MAX_KEPT;
  const running = new Map<string, Build>();
  const kept = new Map<string, { trust: TrustContext; answer: TimelineAnswer }>();
  /**
   * Which build each asker waits for: the build itself, not its package, since a cancelled build
   * may still be unwinding when its asker asks for the same package again (a new build).
   */
  const waiting = new Map<string, Build>();

  function keep(key: string, trust: TrustContext, answer: TimelineAnswer): void {
    kept.delete(key);
    kept.set(key, { trust, answer });
    // Map order is insertion order: the first key was asked for longest ago.
    if (kept.size > maxKept) kept.delete(kept.keys().next().value as string);
  }

  /** `asker` no longer waits for anything but `keep`; a build nobody waits for any more stops. */
  function withdraw(asker: string, keep?: Build): void {
    const before = waiting.get(asker);
    if (before === undefined || before === keep) return;
    waiting.delete(asker);
    before.askers.delete(asker);
    if (before.askers.size > 0) return;
    // Under newer trust material another build of the package may have taken its place.
    if (running.get(before.key) === before) running.delete(before.key);
    before.controller.abort();
  }

  function start(pkg: PackageName, key: string, trust: TrustContext): Build {
    const controller = new AbortController();
    const started: Build = { key, trust, controller, askers: new Set(), done: Promise.resolve(CANCELLED) };
    const fetcher = watchListing(deps.fetcher, pkg, started);
    // Kept only while the material the trust is stays installed (a TUF refresh may replace it).
    const cache = deps.cache ? storesUnder(deps.cache, deps.cache.version, deps.cache.version?.()) : undefined;
    const options = { fetcher, verifiers: deps.verifiers, trust, signal: controller.signal, ...(cache ? { cache } : {}) };
    started.done = build(pkg.registry, pkg.name, options).then(
      (timeline) => {
        const answer = answerOf(timeline);
        if (complete(answer)) keep(key, trust, answer);
        return answer;
      },
      (error: unknown) => {
        if (controller.signal.aborted) return CANCELLED;
        throw error;
      },
    );
    void started.done.finally(() => running.get(key) === started && running.delete(key)).catch(() => undefined);
    running.set(key, started);
    return started;
  }

  return {
    async timeline(pkg, asker) {
      // Not a tick more without it: an asker's withdrawal is ordered against its ask.
      if (deps.trustLoaded) await deps.trustLoaded();
      let trust: TrustContext;
      try {
        trust = deps.trust();
      } catch (error) {
        if (error instanceof ProvenanceError) return { kind: 'unavailable', code: error.code, message: error.message };
        throw error;
      }
      const key = keyOf(pkg);
      const hit = kept.get(key);
      // Kept under other trust material: decided again under the current one.
      if (hit?.trust === trust) {
        withdraw(asker);
        keep(key, trust, hit.answer);
        return hit.answer;
      }
      const current = running.get(key);
      const joined = current?.trust === trust ? current : start(pkg, key, trust);
      withdraw(asker, joined);
      joined.askers.add(asker);
      waiting.set(asker, joined);
      try {
        return await joined.done;
      } finally {
        joined.askers.delete(asker);
        if (waiting.get(asker) === joined) waiting.delete(asker);
      }
    },
    gone(asker) {
      withdraw(asker);
    },
    progress(pkg) {
      const key = keyOf(pkg);
      const hit = kept.get(key);
      if (hit) return hit.answer;
      const build = running.get(key);
      if (build === undefined) return { kind: 'idle' };
      return build.listed === undefined ? { kind: 'checking' } : { kind: 'checking', listed: build.listed };
    },
  };
}

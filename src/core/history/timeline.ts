// Reads the events of a release timeline: where provenance began, was lost, came back, where the
// publisher changed or changed back, and releases that were inconsistent or failed. Identities
// are compared exactly as publisher continuity compares them (identityDifference), so the
// timeline and the badge's continuity note never disagree. Releases that could not be checked,
// and releases whose check failed, vouch for nobody: they neither end nor start a run.
import { NEWEST_ONE_BY_ONE } from './select';
import { identityDifference, samePublisher } from '../continuity';
import type { SignerIdentity } from '../verdict';
import { timelineNotes } from './notes';
import type { CurrentPublisher, TimelineCoverage, TimelineEvent, TimelineRelease, TimelineSummary, Withdrawn } from './timeline-types';

/** The identity a release vouches for: an identity, null for no provenance, undefined for nothing. */
export function decidedIdentity(release: TimelineRelease): SignerIdentity | null | undefined {
  if (release.status === 'verified' || release.status === 'partial') return release.identity;
  return release.status === 'none' ? null : undefined;
}

function withdrawnOf(release: TimelineRelease): { withdrawn?: Withdrawn } {
  if (release.yanked) return { withdrawn: 'yanked' };
  return release.deprecated ? { withdrawn: 'deprecated' } : {};
}

interface Seen {
  identity: SignerIdentity;
  version: string;
}

/** The events of a timeline given newest first (the order it is shown in); events oldest first. */
export function timelineEvents(newestFirst: readonly TimelineRelease[]): TimelineEvent[] {
  const events: TimelineEvent[] = [];
  let previous: Seen | undefined;
  let state: 'attested' | 'none' | undefined;
  let runStart = '';
  let lost: Extract<TimelineEvent, { kind: 'lost' }> | undefined;
  const earlier: Seen[] = [];
  const oldestFirst = [...newestFirst].reverse();
  oldestFirst.forEach((release, index) => {
    const at = { version: release.version, ...withdrawnOf(release) };
    if (release.inconsistent) events.push({ ...at, kind: 'inconsistent', sources: release.inconsistent });
    if (release.status === 'invalid' && release.code) events.push({ ...at, kind: 'failed', code: release.code });
    const identity = decidedIdentity(release);
    if (identity === undefined) return;
    if (identity === null) {
      if (state === 'attested' && previous) {
        lost = { ...at, kind: 'lost', hadFrom: runStart, hadTo: previous.version, previous: previous.identity, ongoing: false };
        events.push(lost);
      }
      state = 'none';
      return;
    }
    if (state !== 'attested') runStart = release.version;
    if (state === undefined) events.push({ ...at, kind: 'began', identity, after: index === 0 ? 'first' : 'unchecked' });
    else if (state === 'none' && !previous) events.push({ ...at, kind: 'began', identity, after: 'none' });
    else if (state === 'none' && lost) events.push({ ...at, kind: 'returned', identity, lostSince: lost.version });
    if (previous) {
      const diff = identityDifference(previous.identity, identity);
      if (diff) {
        const change = { ...at, ...diff, previousVersion: previous.version, previous: previous.identity, identity };
        // Back to a publisher of earlier releases: the usual end of a hijack, or of an experiment.
        const back = [...earlier].reverse().find((s) => samePublisher(s.identity, identity));
        events.push(back ? { ...change, kind: 'changed-back', lastSeen: back.version } : { ...change, kind: 'publisher-changed' });
        earlier.push(previous);
      }
    }
    previous = { identity, version: release.version };
    state = 'attested';
  });
  if (state === 'none' && lost) lost.ongoing = true;
  return events;
}

/** Who publishes the newest decided release, and from which release on without a break. */
/**
 * Who publishes now and since which release. "Since" reaches back only over releases checked one
 * after another: not past a release that could not be checked, and not into the older part of a
 * bisected history, whose sampled releases agreeing says nothing of the releases between them
 * (review 5: a 5,000-release history with three hijacked releases between two samples).
 */
export function currentPublisher(newestFirst: readonly TimelineRelease[], contiguous = Number.POSITIVE_INFINITY): CurrentPublisher | undefined {
  let current: CurrentPublisher | undefined;
  for (const [index, release] of newestFirst.entries()) {
    if (index >= contiguous) break;
    const identity = decidedIdentity(release);
    if (identity === undefined) {
      if (current) break;
      continue;
    }
    if (!current) {
      current = identity ? { kind: 'attested', identity, since: release.version } : { kind: 'none', since: release.version };
      continue;
    }
    const same = current.kind === 'none' ? identity === null : identity !== null && samePublisher(current.identity, identity);
    if (!same) break;
    current.since = release.version;
  }
  return current;
}

/** Events, notes and the current publisher of releases given newest first. */
export function summarizeTimeline(newestFirst: readonly TimelineRelease[], coverage: TimelineCoverage): TimelineSummary {
  const events = timelineEvents(newestFirst);
  const current = currentPublisher(newestFirst, coverage.bisected ? NEWEST_ONE_BY_ONE : Number.POSITIVE_INFINITY);
  return { events, notes: timelineNotes(events, newestFirst, coverage), ...(current ? { current } : {}) };
}

// Words and marks of a release timeline. Each status is a shape, a colour and a word, so the strip
// reads without colour; each event is a flag beside the release where it happened and a phrase
// in that release's accessible name. Identities are named from the verified certificate only
// (identityLabel), as the notes name them.
import { identityLabel } from '../core/history/notes';
import { NEWEST_ONE_BY_ONE } from '../core/history/select';
import type { CurrentPublisher, TimelineEvent, TimelineRelease, TimelineStatus } from '../core/history/timeline-types';
import type { TimelineView } from '../shared/messages';

export interface Mark {
  glyph: string;
  word: string;
}

export const STATUS_MARKS: Record<TimelineStatus, Mark> = {
  verified: { glyph: '●', word: 'verified' },
  partial: { glyph: '◐', word: 'partly verified' },
  none: { glyph: '○', word: 'no provenance' },
  invalid: { glyph: '✕', word: 'failed verification' },
  unknown: { glyph: '?', word: "couldn't check" },
};

/** `good`: provenance gained; `warn`: something a reader should look at. A failed check has its ✕ already. */
export const EVENT_MARKS: Record<Exclude<TimelineEvent['kind'], 'failed'>, Mark & { tone: 'good' | 'warn' }> = {
  began: { glyph: '+', word: 'provenance began', tone: 'good' },
  returned: { glyph: '+', word: 'provenance back', tone: 'good' },
  lost: { glyph: '−', word: 'provenance lost', tone: 'warn' },
  'publisher-changed': { glyph: '⇄', word: 'publisher changed', tone: 'warn' },
  'changed-back': { glyph: '↩', word: 'publisher changed back', tone: 'warn' },
  inconsistent: { glyph: '≠', word: 'files from different sources', tone: 'warn' },
};

export type FlaggedEvent = Exclude<TimelineEvent, { kind: 'failed' }>;

const releases = (n: number) => `${n.toLocaleString('en')} release${n === 1 ? '' : 's'}`;

/** The status in words, with what qualifies it: "partly verified (2 of 5 files)". */
export function statusWords(release: TimelineRelease): string {
  if (release.status === 'partial' && release.verifiedCount !== undefined && release.totalCount !== undefined) {
    return `partly verified (${release.verifiedCount} of ${release.totalCount} files)`;
  }
  if (release.status === 'unknown' && release.notChecked === 'budget') return 'not checked (request budget used up)';
  return STATUS_MARKS[release.status].word;
}

/** "yanked", "deprecated", "pre-release": what the registry says of the release beside its status. */
export function releaseFlags(release: TimelineRelease): string[] {
  return [...(release.prerelease ? ['pre-release'] : []), ...(release.yanked ? ['yanked'] : []), ...(release.deprecated ? ['deprecated'] : [])];
}

export function flaggedEvents(events: readonly TimelineEvent[], version: string): FlaggedEvent[] {
  return events.filter((e): e is FlaggedEvent => e.version === version && e.kind !== 'failed');
}

/** A mark's accessible name: "3.0.4: verified, pypa/sampleproject · release.yml; publisher changed". */
export function releaseName(release: TimelineRelease, events: readonly FlaggedEvent[]): string {
  const flags = releaseFlags(release);
  const who = release.identity ? `, ${identityLabel(release.identity)}` : '';
  const what = events.length > 0 ? `; ${events.map((e) => EVENT_MARKS[e.kind].word).join(', ')}` : '';
  return `${release.version}${flags.length > 0 ? ` (${flags.join(', ')})` : ''}: ${statusWords(release)}${who}${what}`;
}

export type StripItem =
  | { kind: 'release'; index: number; release: TimelineRelease; events: FlaggedEvent[] }
  /** Older releases between two sampled ones whose publishers agree: not checked one by one. */
  | { kind: 'gap'; newer: string; older: string };

const DECIDED: ReadonlySet<TimelineStatus> = new Set(['verified', 'partial', 'none']);
/** Events that say a decided release differs from the decided one before it. */
const TURNS: ReadonlySet<TimelineEvent['kind']> = new Set(['began', 'lost', 'returned', 'publisher-changed', 'changed-back']);

/**
 * The strip, newest first, with a gap between sampled releases of a bisected history. Bisection
 * narrows every pair that disagrees (or was not decided) down to neighbours, so only a pair that
 * agrees can have releases between it that were not checked (core/history/select.ts). Two
 * decided neighbours in the list agree when the core saw no turn at the newer one.
 */
export function stripItems(timeline: TimelineView): StripItem[] {
  const items: StripItem[] = [];
  const rows = timeline.releases;
  rows.forEach((release, index) => {
    const events = flaggedEvents(timeline.events, release.version);
    items.push({ kind: 'release', index, release, events });
    const older = rows[index + 1];
    if (!timeline.coverage.bisected || older === undefined || index < NEWEST_ONE_BY_ONE - 1) return;
    const agree = DECIDED.has(release.status) && DECIDED.has(older.status) && !events.some((e) => TURNS.has(e.kind));
    if (agree) items.push({ kind: 'gap', newer: release.version, older: older.version });
  });
  return items;
}

/** The note the core wrote for `event`: notes are one per event, in the same order, then the rest. */
export function noteFor(timeline: TimelineView, event: TimelineEvent): string | undefined {
  return timeline.notes.length >= timeline.events.length ? timeline.notes[timeline.events.indexOf(event)] : undefined;
}

export function gapText(gap: Extract<StripItem, { kind: 'gap' }>): string {
  return `Not checked one by one: any releases between ${gap.older} and ${gap.newer}, whose publishers agree`;
}

/** What the fold says while the worker builds the timeline. */
export function checkingText(listed: number | undefined): string {
  if (listed === undefined) return 'Reading the release list…';
  if (listed <= 200) return `Checking ${releases(listed)}…`;
  return `Checking ${releases(listed)}: the newest ${NEWEST_ONE_BY_ONE} one by one, older ones where the publisher could have changed…`;
}

export function coverageText(timeline: TimelineView): string {
  const { listed, checked } = timeline.coverage;
  return checked === listed ? `${releases(listed)} checked.` : `${checked.toLocaleString('en')} of ${releases(listed)} checked.`;
}

export function currentText(current: CurrentPublisher | undefined): string {
  if (current === undefined) return '';
  if (current.kind === 'none') return `No provenance since ${current.since}.`;
  return `Published by ${identityLabel(current.identity)} since ${current.since}.`;
}

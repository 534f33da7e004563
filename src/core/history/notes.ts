// The sentences under a timeline: one per event, in the forms issue 17 asks for
// ("Provenance lost since 3.1.0 (had it 2.0.0–3.0.4)", "Publisher changed at 4.0.0: a → b",
// "Back to a at 4.0.2"), then what was not checked. Publishers are named from the verified
// certificate identity, never from a registry's publisher field. Plain text: whoever shows it
// escapes or clips it (certificate values can be long).
import { FIELD_NAMES } from '../publisher-fields';
import type { SignerIdentity } from '../verdict';
import type { TimelineCoverage, TimelineEvent, TimelineRelease } from './timeline-types';


const SOURCE_NAMES = { ref: 'refs', commit: 'commits', builder: 'builders' } as const;

/** How many versions a note lists before it says "and N more". */
const LISTED_VERSIONS = 5;

const lastSegment = (path: string) => path.split('/').pop() || path;

/**
 * A publisher in a few words: `owner/repo · release.yml` (with `via owner/builder · file` when
 * another workflow built it), a Google account's e-mail, or the certificate's SAN.
 */
export function identityLabel(identity: SignerIdentity): string {
  if (identity.email !== undefined && identity.email !== '') return identity.email;
  if (identity.repository === undefined || identity.repository === '') return identity.san;
  const workflow = identity.workflowPath ? ` · ${lastSegment(identity.workflowPath)}` : '';
  const builder = identity.builder;
  const via = builder ? ` via ${builder.repository ?? builder.uri}${builder.workflowPath ? ` · ${lastSegment(builder.workflowPath)}` : ''}` : '';
  return `${identity.repository}${workflow}${via}`;
}

/** "a → b" from the two identities; when their labels read the same, the field that differs. */
function changeText(event: Extract<TimelineEvent, { kind: 'publisher-changed' | 'changed-back' }>): string {
  const before = identityLabel(event.previous);
  const after = identityLabel(event.identity);
  if (before !== after) return `${before} → ${after}`;
  return `${FIELD_NAMES[event.field]} ${event.from} → ${event.to}`;
}

function at(event: TimelineEvent): string {
  return event.withdrawn ? `${event.version} (${event.withdrawn})` : event.version;
}

export function eventNote(event: TimelineEvent): string {
  switch (event.kind) {
    case 'began':
      if (event.after === 'first') return `Provenance since the first release, ${at(event)}`;
      if (event.after === 'unchecked') return `Provenance since ${at(event)}, the earliest release checked`;
      return `Provenance began at ${at(event)}`;
    case 'lost': {
      const had = event.hadFrom === event.hadTo ? event.hadFrom : `${event.hadFrom}–${event.hadTo}`;
      return `Provenance lost ${event.ongoing ? 'since' : 'at'} ${at(event)} (had it ${had})`;
    }
    case 'returned':
      return `Provenance back at ${at(event)}`;
    case 'publisher-changed':
      return `Publisher changed at ${at(event)}: ${changeText(event)}`;
    case 'changed-back':
      return `Back to ${identityLabel(event.identity)} at ${at(event)}`;
    case 'inconsistent':
      return `Inconsistent release ${at(event)}: files built from different ${SOURCE_NAMES[event.sources.field]} (${event.sources.values.join(', ')})`;
    case 'failed':
      return `Verification failed for ${at(event)} (${event.code})`;
  }
}

function versionList(versions: readonly string[]): string {
  const shown = versions.slice(0, LISTED_VERSIONS).join(', ');
  return versions.length > LISTED_VERSIONS ? `${shown} and ${versions.length - LISTED_VERSIONS} more` : shown;
}

const releases = (n: number) => `${n} release${n === 1 ? '' : 's'}`;

/** What the timeline could not say: releases not checked, and how the older ones were sampled. */
export function coverageNotes(newestFirst: readonly TimelineRelease[], coverage: TimelineCoverage): string[] {
  const notes: string[] = [];
  const unknown = newestFirst.filter((r) => r.status === 'unknown');
  const failed = unknown.filter((r) => r.notChecked !== 'budget').map((r) => r.version);
  const skipped = unknown.filter((r) => r.notChecked === 'budget').map((r) => r.version);
  if (failed.length > 0) notes.push(`Couldn't check ${releases(failed.length)}: ${versionList(failed)}`);
  if (skipped.length > 0) notes.push(`Not checked, the request budget ran out: ${releases(skipped.length)}: ${versionList(skipped)}`);
  if (coverage.bisected) {
    notes.push(
      `${releases(coverage.listed)} listed: checked ${coverage.checked}, the newest one by one and older ones where the publisher could have changed`,
    );
  }
  return notes;
}

export function timelineNotes(events: readonly TimelineEvent[], newestFirst: readonly TimelineRelease[], coverage: TimelineCoverage): string[] {
  return [...events.map(eventNote), ...coverageNotes(newestFirst, coverage)];
}

// The timeline's events and notes from decided releases: gain, loss, change, change back,
// inconsistent and failed releases, withdrawn versions, pre-releases, and what "unknown" must
// never turn into.
import { describe, expect, it } from 'vitest';
import type { SignerIdentity } from '../verdict';
import { currentPublisher, summarizeTimeline, timelineEvents } from './timeline';
import type { TimelineRelease } from './timeline-types';

function github(repository: string, id: string, workflow = 'release.yml'): SignerIdentity {
  return {
    forge: 'github',
    issuer: 'https://token.actions.githubusercontent.com',
    san: `https://github.com/${repository}/.github/workflows/${workflow}@refs/heads/main`,
    repository,
    workflowPath: `.github/workflows/${workflow}`,
    repositoryId: id,
    ownerId: `${id}0`,
  };
}

const a = github('acme/widget', '101');
const b = github('mallory/widget', '666');

type Spec = [version: string, who: SignerIdentity | null | 'unknown' | 'invalid', extra?: Partial<TimelineRelease>];

/** Releases written oldest first (as one reads a history), handed over newest first. */
function history(...specs: Spec[]): TimelineRelease[] {
  return specs
    .map(([version, who, extra]): TimelineRelease => {
      const base = { version, prerelease: false, ...extra };
      if (who === 'unknown') return { ...base, status: 'unknown', code: 'FETCH_NETWORK' };
      if (who === 'invalid') return { ...base, status: 'invalid', code: 'SIGNATURE_INVALID' };
      return who ? { ...base, status: 'verified', identity: who } : { ...base, status: 'none' };
    })
    .reverse();
}

const all = (releases: TimelineRelease[]) => ({ listed: releases.length, checked: releases.length, bisected: false });
const notesOf = (releases: TimelineRelease[]) => summarizeTimeline(releases, all(releases)).notes;

describe('timeline notes, in the forms of issue 17', () => {
  it('gain then loss: "Provenance lost since 3.1.0 (had it 2.0.0–3.0.4)"', () => {
    const releases = history(['1.0.0', null], ['2.0.0', a], ['3.0.0', a], ['3.0.4', a], ['3.1.0', null], ['3.2.0', null]);
    expect(notesOf(releases)).toEqual(['Provenance began at 2.0.0', 'Provenance lost since 3.1.0 (had it 2.0.0–3.0.4)']);
    expect(currentPublisher(releases)).toEqual({ kind: 'none', since: '3.1.0' });
  });

  it('change and change back: "Publisher changed at 4.0.0: a → b", "Back to a at 4.0.2"', () => {
    const releases = history(['3.0.0', a], ['4.0.0', b], ['4.0.1', b], ['4.0.2', a]);
    expect(notesOf(releases)).toEqual([
      'Provenance since the first release, 3.0.0',
      'Publisher changed at 4.0.0: acme/widget · release.yml → mallory/widget · release.yml',
      'Back to acme/widget · release.yml at 4.0.2',
    ]);
    const [, changed, back] = timelineEvents(releases);
    expect(changed).toMatchObject({ kind: 'publisher-changed', field: 'repositoryId', from: '101', to: '666', previousVersion: '3.0.0' });
    expect(back).toMatchObject({ kind: 'changed-back', previousVersion: '4.0.1', lastSeen: '3.0.0', identity: { repository: 'acme/widget' } });
    expect(currentPublisher(releases)).toEqual({ kind: 'attested', identity: a, since: '4.0.2' });
  });

  it('names the field when both publishers read the same (a repository re-created under its name)', () => {
    const recreated = { ...a, repositoryId: '999' };
    expect(notesOf(history(['1.0', a], ['1.1', recreated]))[1]).toBe('Publisher changed at 1.1: repository id 101 → 999');
  });

  it('a loss that ended says "at" and "back at"; a different publisher after the gap is a change too', () => {
    const releases = history(['1.0', a], ['1.1', null], ['1.2', b]);
    expect(notesOf(releases)).toEqual([
      'Provenance since the first release, 1.0',
      'Provenance lost at 1.1 (had it 1.0)',
      'Provenance back at 1.2',
      'Publisher changed at 1.2: acme/widget · release.yml → mallory/widget · release.yml',
    ]);
  });

  it('a release that could not be checked is unknown: never lost, never a change, and listed as such', () => {
    const releases = history(['1.0', a], ['1.1', 'unknown'], ['1.2', a]);
    const summary = summarizeTimeline(releases, all(releases));
    expect(summary.events.map((e) => e.kind)).toEqual(['began']);
    expect(summary.notes).toEqual(['Provenance since the first release, 1.0', "Couldn't check 1 release: 1.1"]);
    // "Since" does not reach past a release nobody could check (review 5): 1.1 may be anyone's.
    expect(summary.current).toEqual({ kind: 'attested', identity: a, since: '1.2' });
  });

  it('does not claim a start it could not see: earlier releases unknown', () => {
    expect(notesOf(history(['0.9', 'unknown'], ['1.0', a]))[0]).toBe('Provenance since 1.0, the earliest release checked');
  });

  it('a failed check is reported and vouches for no publisher (the next release compares past it)', () => {
    const releases = history(['1.0', a], ['1.1', 'invalid'], ['1.2', a]);
    expect(notesOf(releases)).toEqual(['Provenance since the first release, 1.0', 'Verification failed for 1.1 (SIGNATURE_INVALID)']);
  });

  it('an inconsistent release is named with the sources that differ', () => {
    const inconsistent = { field: 'ref' as const, values: ['refs/tags/v2.1.0', 'refs/heads/main'] };
    const releases = history(['2.0', a], ['2.1', a, { inconsistent }]);
    expect(notesOf(releases)[1]).toBe('Inconsistent release 2.1: files built from different refs (refs/tags/v2.1.0, refs/heads/main)');
  });

  it('a yanked or deprecated release still counts, and the note says it was withdrawn', () => {
    const releases = history(['1.0', a], ['1.1', b, { yanked: true }], ['1.2', a], ['1.3', null, { deprecated: true }]);
    expect(notesOf(releases)).toEqual([
      'Provenance since the first release, 1.0',
      'Publisher changed at 1.1 (yanked): acme/widget · release.yml → mallory/widget · release.yml',
      'Back to acme/widget · release.yml at 1.2',
      'Provenance lost since 1.3 (deprecated) (had it 1.0–1.2)',
    ]);
  });

  it('pre-releases take their place in the order given: a release candidate from another workflow', () => {
    const nightly = github('acme/widget', '101', 'nightly.yml');
    const releases = history(['1.0.0', a], ['2.0.0rc1', nightly, { prerelease: true }], ['2.0.0', a]);
    expect(notesOf(releases)).toEqual([
      'Provenance since the first release, 1.0.0',
      'Publisher changed at 2.0.0rc1: acme/widget · release.yml → acme/widget · nightly.yml',
      'Back to acme/widget · release.yml at 2.0.0',
    ]);
  });

  it('a Google account and a GitHub workflow read as themselves; a builder is named after "via"', () => {
    const google: SignerIdentity = { forge: 'google', issuer: 'https://accounts.google.com', san: 'ci@p.iam.gserviceaccount.com', email: 'ci@p.iam.gserviceaccount.com' };
    const built = { ...a, builder: { uri: 'https://github.com/slsa/gen/.github/workflows/b.yml@refs/tags/v2', repository: 'slsa/gen', workflowPath: '.github/workflows/b.yml' } };
    expect(notesOf(history(['3.0.0', google], ['4.0.0', a]))[1]).toBe('Publisher changed at 4.0.0: ci@p.iam.gserviceaccount.com → acme/widget · release.yml');
    expect(notesOf(history(['1', a], ['2', built]))[1]).toBe('Publisher changed at 2: acme/widget · release.yml → acme/widget · release.yml via slsa/gen · b.yml');
  });

  it('a history without provenance has no events; one whole run of one publisher has only its start', () => {
    expect(notesOf(history(['1', null], ['2', null]))).toEqual([]);
    expect(notesOf(history(['1', a], ['2', { ...a, ref: 'refs/tags/v2' }]))).toEqual(['Provenance since the first release, 1']);
  });

  it('says how a bisected history was covered, and which releases the budget left out', () => {
    const releases = history(['1', a], ['2', 'unknown', { notChecked: 'budget' }], ['3', a]);
    const notes = summarizeTimeline(releases, { listed: 500, checked: 3, bisected: true }).notes;
    expect(notes.slice(1)).toEqual([
      'Not checked, the request budget ran out: 1 release: 2',
      '500 releases listed: checked 3, the newest one by one and older ones where the publisher could have changed',
    ]);
  });
});

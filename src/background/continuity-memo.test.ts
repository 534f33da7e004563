// The notes memo read back from storage.session: what a worker stored is what the next worker
// gets, old entries included (the last note stands in when a listing cannot be read); anything
// else there (another version's format, corruption, an entry that does not belong to its key, a
// note of the wrong shape) is dropped; a clear or a newer answer is never undone by a read or a
// note that was still on its way; a failed write leaves nothing older behind.
import { describe, expect, it } from 'vitest';
import type { ContinuityNote, PackageRef, SignerIdentity } from '../core/verdict';
import { createContinuityMemo, NOTES_KEY, parseContinuityNote, type MemoEntry } from './continuity-memo';
import { fakeStorage } from './testing/fake-storage';
import type { StorageArea } from './storage-area';

const NOW = 1_800_000_000_000;
const TTL = 30 * 60_000;
const pkg: PackageRef = { registry: 'pypi', name: 'demo', version: '1.1' };
const who: SignerIdentity = { forge: 'github', issuer: 'https://token.actions.githubusercontent.com', san: 'https://github.com/acme/demo/.github/workflows/release.yml@refs/tags/v1.0' };
const changed: ContinuityNote = { kind: 'publisher-changed', field: 'repository', from: 'acme/demo', to: 'evil/demo', previousVersion: '1.0', previous: who };
const KEY = 'pypi:demo@1.1#github-issuer';

function memoOver(storage: StorageArea, now = () => NOW) {
  return createContinuityMemo({ storage, maxEntries: 3, now, gatherMs: 0 });
}
const stored = (...entries: unknown[]) => fakeStorage({ [NOTES_KEY]: { v: 1, entries } });
const keys = (memo: { entries(): IterableIterator<MemoEntry> }) => [...memo.entries()].map((e) => `${e.pkg.version}:${e.note?.kind ?? '-'}`);

describe('the continuity notes memo in storage.session', () => {
  it('what one worker stores the next one reads, note and all', async () => {
    const session = fakeStorage();
    const first = memoOver(session);
    await first.loaded();
    first.set(KEY, { note: changed, at: NOW - 1000, pkg }, first.mark());
    first.set('pypi:demo@1.0#no-note', { note: undefined, at: NOW - 500, pkg: { ...pkg, version: '1.0' } }, first.mark());
    await new Promise((r) => setTimeout(r, 5));
    const next = memoOver(session);
    await next.loaded();
    expect(next.get(KEY)).toEqual({ note: changed, at: NOW - 1000, pkg });
    expect(keys(next)).toEqual(['1.1:publisher-changed', '1.0:-']);
  });

  it('drops every entry that is not one of ours, keeps the good one', async () => {
    const good = [KEY, NOW - 10, pkg, changed];
    const bad = [
      ['pypi:other@1.1#x', NOW - 10, pkg, changed], // key of another release
      [KEY, NOW - 10, { ...pkg, name: 'de mo' }, changed], // name outside the grammar
      [KEY, NOW - 10, pkg, { ...changed, field: 'colour' }],
      [KEY, NOW - 10, pkg, { ...changed, previous: { ...who, san: 5 } }],
      [KEY, NOW - 10, pkg, { ...changed, to: 'x'.repeat(5000) }],
      [KEY, NOW - 10, pkg, { kind: 'provenance-lost', previousVersion: '1.0' }],
      [KEY, NOW - 10, pkg, null],
      [KEY, 'yesterday', pkg],
      { key: KEY },
    ];
    const memo = memoOver(stored(...bad, good));
    await memo.loaded();
    expect(keys(memo)).toEqual(['1.1:publisher-changed']);
    for (const b of bad) {
      const alone = memoOver(stored(b));
      await alone.loaded();
      expect(keys(alone), JSON.stringify(b).slice(0, 80)).toEqual([]);
    }
  });

  it('keeps an entry past its time as it was, and one dated ahead of now as of no known age', async () => {
    const older = memoOver(stored([KEY, NOW - 5 * TTL, pkg, changed]));
    await older.loaded();
    expect(older.get(KEY)).toEqual({ note: changed, at: NOW - 5 * TTL, pkg });
    const ahead = memoOver(stored([KEY, NOW + 60_000, pkg, changed]));
    await ahead.loaded();
    expect(ahead.get(KEY)).toEqual({ note: changed, at: 0, pkg });
  });

  it('a note started before a later one was kept, or before a clear, is not kept', async () => {
    const memo = memoOver(fakeStorage());
    await memo.loaded();
    const [visit, retry] = [memo.mark(), memo.mark()];
    memo.set(KEY, { note: changed, at: NOW, pkg }, retry);
    memo.set(KEY, { note: undefined, at: NOW + 1, pkg }, visit);
    expect(memo.get(KEY)?.note).toEqual(changed);
    const before = memo.mark();
    await memo.clear();
    memo.set(KEY, { note: changed, at: NOW, pkg }, before);
    expect(memo.get(KEY)).toBeUndefined();
    memo.set(KEY, { note: changed, at: NOW, pkg }, memo.mark());
    expect(memo.get(KEY)?.note).toEqual(changed);
  });

  it('a write storage refuses takes the older stored notes away; a refused removal is no error', async () => {
    const session = stored([KEY, NOW - 10, pkg]);
    session.set = () => Promise.reject(new Error('quota'));
    const memo = memoOver(session);
    await memo.loaded();
    memo.set(KEY, { note: changed, at: NOW, pkg }, memo.mark());
    await new Promise((r) => setTimeout(r, 5));
    expect(session.data.has(NOTES_KEY)).toBe(false);
    const stuck = memoOver({ ...fakeStorage(), remove: () => Promise.reject(new Error('gone')) });
    await expect(stuck.clear()).resolves.toBeUndefined();
  });

  it('another format, or no storage answer, is an empty memo that still settles', async () => {
    for (const value of [{ v: 2, entries: [[KEY, NOW - 10, pkg, changed]] }, [[KEY, NOW - 10, pkg]], 'notes']) {
      const memo = memoOver(fakeStorage({ [NOTES_KEY]: value }));
      await memo.loaded();
      expect(keys(memo)).toEqual([]);
    }
    const failing: StorageArea = { get: () => Promise.reject(new Error('gone')), set: async () => undefined, remove: async () => undefined };
    const memo = memoOver(failing);
    await expect(memo.loaded()).resolves.toBeUndefined();
  });

  it('an answer decided while storage was read wins over the stored one; the newest are kept', async () => {
    const memo = memoOver(stored([KEY, NOW - 100, pkg], ['pypi:demo@0.9#a', NOW - 90, { ...pkg, version: '0.9' }], ['pypi:demo@0.8#a', NOW - 80, { ...pkg, version: '0.8' }]));
    memo.set(KEY, { note: changed, at: NOW, pkg }, memo.mark());
    await memo.loaded();
    expect(memo.get(KEY)?.note).toEqual(changed);
    expect(keys(memo)).toEqual(['0.9:-', '0.8:-', '1.1:publisher-changed']);
    memo.set('pypi:demo@0.7#a', { note: undefined, at: NOW, pkg: { ...pkg, version: '0.7' } }, memo.mark());
    expect(keys(memo)).toEqual(['0.8:-', '1.1:publisher-changed', '0.7:-']);
  });

  it('a clear while storage was still read keeps nothing of it, and empties storage', async () => {
    const session = stored([KEY, NOW - 10, pkg, changed]);
    const memo = memoOver(session);
    await memo.clear();
    await memo.loaded();
    expect(keys(memo)).toEqual([]);
    expect(session.data.has(NOTES_KEY)).toBe(false);
  });

  it('parseContinuityNote takes both kinds of note and nothing else', () => {
    expect(parseContinuityNote(changed)).toEqual(changed);
    const lost: ContinuityNote = { kind: 'provenance-lost', previousVersion: '1.0', previous: who };
    expect(parseContinuityNote(lost)).toEqual(lost);
    expect(parseContinuityNote({ ...lost, kind: 'gained' })).toBeNull();
    expect(parseContinuityNote({ ...changed, from: undefined })).toBeNull();
  });
});

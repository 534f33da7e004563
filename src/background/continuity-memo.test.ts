// The notes memo read back from storage.session: what a worker stored is what the next worker
// gets; anything else there (another version's format, corruption, an entry that does not
// belong to its key, a note of the wrong shape, an expired or future time) is dropped, and a
// clear or a newer answer is never undone by a read that was still on its way.
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
  return createContinuityMemo({ storage, maxEntries: 3, ttlMs: TTL, now, gatherMs: 0 });
}
const stored = (...entries: unknown[]) => fakeStorage({ [NOTES_KEY]: { v: 1, entries } });
const keys = (memo: { entries(): IterableIterator<MemoEntry> }) => [...memo.entries()].map((e) => `${e.pkg.version}:${e.note?.kind ?? '-'}`);

describe('the continuity notes memo in storage.session', () => {
  it('what one worker stores the next one reads, note and all', async () => {
    const session = fakeStorage();
    const first = memoOver(session);
    await first.loaded();
    first.set(KEY, { note: changed, at: NOW - 1000, pkg });
    first.set('pypi:demo@1.0#no-note', { note: undefined, at: NOW - 500, pkg: { ...pkg, version: '1.0' } });
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
      [KEY, NOW + 60_000, pkg, changed], // written while the clock ran ahead
      [KEY, NOW - TTL, pkg, changed], // expired
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
    memo.set(KEY, { note: changed, at: NOW, pkg });
    await memo.loaded();
    expect(memo.get(KEY)?.note).toEqual(changed);
    expect(keys(memo)).toEqual(['0.9:-', '0.8:-', '1.1:publisher-changed']);
    memo.set('pypi:demo@0.7#a', { note: undefined, at: NOW, pkg: { ...pkg, version: '0.7' } });
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

// Review 16: the delayed refresh (commit 2c755ab) against storage that fails or answers slowly.
// The waiting promise is shared by start() and by verdicts' asks (refreshIfDue); when the refresh
// behind it rejects (storage.local refuses the write), no rejection may go unhandled (an MV3
// worker logs it as an uncaught error; Node's test run fails on it), the verified material stays
// installed, and verdicts' asks do not start a refresh each. A verdict's ask that comes while
// storage.local is still being read decides again when the wait ends, with the stored state.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TestTufRepo } from '../../testing/tuf/tuf-repo';
import { fakeStorage } from '../testing/fake-storage';
import { embeddedTufRepo, liveTrustOn } from '../testing/live-trust-harness';
import { settleRejections as settle, unhandledRejections } from '../testing/unhandled-rejections';
import type { StorageArea } from '../storage-area';

const DELAY = 2000;
let repo: TestTufRepo;
let clock: number;
const unhandled = unhandledRejections();
beforeEach(() => {
  repo = embeddedTufRepo();
  clock = Date.parse('2026-12-01T00:00:00Z');
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
});
afterEach(() => vi.useRealTimers());

const live = (storage: StorageArea) => liveTrustOn(repo, () => clock, { storage, refreshDelayMs: DELAY });


describe('review16: the delayed refresh and storage.local', () => {
  it('HOLDS: a write refused after a good refresh rejects start() (logged by worker.ts) and nothing else; the material stays, asks refresh no more', async () => {
    const base = fakeStorage();
    const refusing: StorageArea = { ...base, set: () => Promise.reject(new Error('QUOTA_BYTES quota exceeded')) };
    const w = live(refusing);
    const started = w.service.start().then(() => 'resolved', () => 'rejected');
    await w.service.loaded();
    w.service.refreshIfDue(); // a verdict's ask joins the waiting refresh
    await vi.advanceTimersByTimeAsync(DELAY);
    expect(await started).toBe('rejected');
    expect(w.installed).toHaveLength(1);
    expect(w.service.status()).toMatchObject({ source: 'tuf', stale: false });
    for (let i = 0; i < 3; i++) w.service.refreshIfDue();
    await vi.advanceTimersByTimeAsync(DELAY * 2);
    await settle();
    expect(w.refreshes()).toBe(1);
    expect(unhandled).toEqual([]);
  });

  it("HOLDS: a refresh started by a verdict's ask whose failure cannot be stored rejects unobserved by no one; back-off kept in memory", async () => {
    repo.files.delete('timestamp.json');
    const base = fakeStorage();
    const refusing: StorageArea = { ...base, set: () => Promise.reject(new Error('storage gone')) };
    const w = live(refusing);
    await w.service.loaded(); // a verdict waits for the stored material, then asks (worker.ts currentTrust)
    w.service.refreshIfDue();
    await vi.advanceTimersByTimeAsync(DELAY);
    await settle();
    expect(w.service.status().lastFailure?.reason).toBe('TUF_FETCH');
    for (let i = 0; i < 3; i++) w.service.refreshIfDue();
    await vi.advanceTimersByTimeAsync(DELAY * 2);
    await settle();
    expect(w.refreshes()).toBe(1);
    expect(unhandled).toEqual([]);
  });

  it('HOLDS: an ask made while storage.local is still read decides when the wait ends: fresh stored material is not refreshed again', async () => {
    const storage = fakeStorage();
    const first = live(storage);
    const s = first.service.start();
    await vi.advanceTimersByTimeAsync(DELAY);
    await s;
    expect(first.refreshes()).toBe(1);
    // The next worker: storage answers after 500 ms; the loaded() call starts the read, an ask
    // comes before it answers (the state is still empty: "due").
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const slow: StorageArea = { ...storage, get: async (keys) => (await gate, storage.get(keys)) };
    const next = live(slow);
    const loaded = next.service.loaded();
    next.service.refreshIfDue();
    await vi.advanceTimersByTimeAsync(500);
    release();
    await loaded;
    await vi.advanceTimersByTimeAsync(DELAY);
    await settle();
    expect(next.installed).toHaveLength(1); // the stored material, installed by the load
    expect(next.refreshes()).toBe(0);
  });
});

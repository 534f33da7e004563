// Review 16: the due TUF refresh that waits `refreshDelayMs` before it starts (commit 2c755ab).
// What must hold while it waits: no refresh is lost or doubled by an explicit refresh, a second
// start() or verdicts' asks; the decision to refresh is taken again with the state and clock of
// when the wait ends; a failure's one-hour back-off still holds; the popup's About says what the
// worker verifies with meanwhile. Real TUF metadata from a generated repository (tuf-repo.ts).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { embeddedTrustInput } from '../../core/trust-embedded';
import type { TestTufRepo } from '../../testing/tuf/tuf-repo';
import { fakeStorage } from '../testing/fake-storage';
import { embeddedTufRepo, liveTrustOn } from '../testing/live-trust-harness';
import { REFRESH_AFTER_MS, RETRY_AFTER_FAILURE_MS } from './live-trust';

const DELAY = 2000; // the worker's (worker.ts)
const content = embeddedTrustInput();
let repo: TestTufRepo;
let clock: number;
beforeEach(() => {
  repo = embeddedTufRepo();
  clock = Date.parse('2026-12-01T00:00:00Z');
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
});
afterEach(() => vi.useRealTimers());

const live = (storage = fakeStorage()) => liveTrustOn(repo, () => clock, { storage, refreshDelayMs: DELAY });

describe('review16: a due refresh waiting its delay', () => {
  it('HOLDS: an explicit refresh() during the wait is the only one; the delayed one, no longer due, asks nothing', async () => {
    const w = live();
    const started = w.service.start();
    await w.service.loaded();
    await vi.advanceTimersByTimeAsync(500);
    expect(await w.service.refresh()).toBe(true);
    await vi.advanceTimersByTimeAsync(DELAY);
    await started;
    expect(w.refreshes()).toBe(1);
    expect(w.installed).toHaveLength(1);
  });

  it('HOLDS: start() twice and asks while it waits make one refresh, none before the delay', async () => {
    const w = live();
    const a = w.service.start();
    const b = w.service.start();
    await w.service.loaded();
    w.service.refreshIfDue();
    await vi.advanceTimersByTimeAsync(DELAY - 1);
    expect(w.fetch.requests).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    await Promise.all([a, b]);
    expect(w.refreshes()).toBe(1);
  });

  it('HOLDS: a clock put back during the wait (material only an hour old by it) starts no refresh', async () => {
    const storage = fakeStorage();
    const first = live(storage);
    const s = first.service.start();
    await vi.advanceTimersByTimeAsync(DELAY);
    await s;
    const verifiedAt = clock;
    // A woken worker whose clock runs two days ahead: the stored material looks due.
    clock = verifiedAt + REFRESH_AFTER_MS * 2;
    const next = live(storage);
    const started = next.service.start();
    await next.service.loaded();
    clock = verifiedAt + 60 * 60 * 1000; // the clock is corrected while the refresh waits
    await vi.advanceTimersByTimeAsync(DELAY);
    await started;
    expect(next.fetch.requests).toEqual([]);
    // Control: with the clock two days on again, the same worker's next ask does refresh.
    clock = verifiedAt + REFRESH_AFTER_MS * 2;
    next.service.refreshIfDue();
    await vi.advanceTimersByTimeAsync(DELAY);
    await vi.waitFor(() => expect(next.installed).toHaveLength(2));
  });

  it('HOLDS: a failed delayed refresh is retried only after the back-off, and then after the delay again', async () => {
    repo.files.delete('timestamp.json');
    const w = live();
    const started = w.service.start();
    await vi.advanceTimersByTimeAsync(DELAY);
    await started;
    expect(w.service.status().lastFailure?.reason).toBe('TUF_FETCH');
    const asked = w.fetch.requests.length;
    // Verdicts within the hour: nothing scheduled, nothing fetched.
    clock += RETRY_AFTER_FAILURE_MS - 1;
    w.service.refreshIfDue();
    await vi.advanceTimersByTimeAsync(DELAY * 2);
    expect(w.fetch.requests.length).toBe(asked);
    // Past the hour, the repository back: one ask schedules the retry, which waits its delay.
    repo.publish({ version: 6, trustedRoot: content.trustedRoot, npmKeys: content.npmKeys });
    clock += 2;
    w.service.refreshIfDue();
    await vi.advanceTimersByTimeAsync(DELAY - 1);
    expect(w.fetch.requests.length).toBe(asked);
    await vi.advanceTimersByTimeAsync(1);
    await vi.waitFor(() => expect(w.installed).toHaveLength(1));
    expect(w.service.status()).toMatchObject({ source: 'tuf', targetsVersion: 6, stale: false });
  });

  it("HOLDS: About while the refresh waits names the material verdicts use (the build's, stale), then the refreshed one", async () => {
    const w = live();
    const started = w.service.start();
    await w.service.loaded();
    await vi.advanceTimersByTimeAsync(DELAY - 1);
    expect(w.installed).toEqual([]);
    expect(w.service.status()).toEqual({ source: 'embedded', stale: true });
    await vi.advanceTimersByTimeAsync(1);
    await started;
    expect(w.service.status()).toMatchObject({ source: 'tuf', refreshedAt: new Date(clock).toISOString(), stale: false });
  });
});

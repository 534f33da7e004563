// The worker's live trust against a generated TUF repository: a refresh installs and stores the
// verified material (new cache keys for new content), a failed one keeps the last good material
// and says why, and the stored material is installed again by the next worker.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { embeddedTrustInput } from '../../core/trust-embedded';
import { NPM_KEYS_TARGET, type TestTufRepo, TRUSTED_ROOT_TARGET } from '../../testing/tuf/tuf-repo';
import { fakeStorage } from '../testing/fake-storage';
import { embeddedTufRepo, liveTrustOn } from '../testing/live-trust-harness';
import type { StorageArea } from '../storage-area';
import { type InstalledTrust, installWorkerTrust, trustVersion, workerTrust } from '../trust';
import { REFRESH_AFTER_MS, RETRY_AFTER_FAILURE_MS } from './live-trust';
import { STORED_TRUST_KEY } from './stored-trust';

const content = embeddedTrustInput();
let repo: TestTufRepo;
let clock: number;
beforeEach(() => {
  repo = embeddedTufRepo();
  clock = Date.parse('2026-12-01T00:00:00Z');
});

const live = (storage: StorageArea = fakeStorage(), refreshDelayMs?: number) =>
  liveTrustOn(repo, () => clock, { storage, ...(refreshDelayMs === undefined ? {} : { refreshDelayMs }) });

describe('live trust', () => {
  it('a refresh installs and stores the verified material, dated by the refresh', async () => {
    const { service, storage, installed } = live();
    expect(service.status()).toMatchObject({ source: 'embedded', stale: true });
    await service.start();
    expect(installed).toHaveLength(1);
    expect(installed[0]).toMatchObject({ trustedRoot: content.trustedRoot, npmKeys: content.npmKeys, materialDate: new Date(clock).toISOString() });
    expect(service.status()).toEqual({ source: 'tuf', rootVersion: 1, targetsVersion: 5, refreshedAt: new Date(clock).toISOString(), stale: false });
    const stored = (await storage.get(STORED_TRUST_KEY))[STORED_TRUST_KEY] as { good: { versions: { timestamp: number } } };
    expect(stored.good.versions.timestamp).toBe(5);
  });

  it('a failed refresh keeps the last good material and says why; the next worker installs the stored one', async () => {
    const first = live();
    await first.service.start();
    clock += REFRESH_AFTER_MS + 1;
    repo.publish({ version: 4, trustedRoot: content.trustedRoot, npmKeys: { keys: [] } });
    expect(await first.service.refresh()).toBe(false);
    expect(first.installed).toHaveLength(1);
    expect(first.service.status()).toMatchObject({ source: 'tuf', targetsVersion: 5, stale: true, lastFailure: { reason: 'TUF_ROLLBACK' } });
    const next = live(first.storage);
    await next.service.start();
    expect(next.installed[0]?.npmKeys).toEqual(content.npmKeys);
    expect(next.fetch.requests).toEqual([]); // failed within the hour: not retried at start
  });

  it('refreshes only when the material is older than a day, in the background, one at a time', async () => {
    const { service, fetch } = live();
    await service.start();
    const asked = fetch.requests.length;
    service.refreshIfDue();
    expect(fetch.requests.length).toBe(asked);
    clock += REFRESH_AFTER_MS + 1;
    service.refreshIfDue();
    service.refreshIfDue();
    await service.refresh();
    expect(fetch.requests.filter((p) => p === 'timestamp.json')).toHaveLength(2);
    clock += RETRY_AFTER_FAILURE_MS;
    expect(service.status().stale).toBe(false);
  });

  it('a due refresh starts only after its delay; the material is there for verdicts before it, and asks meanwhile join it', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const { service, fetch, installed } = live(fakeStorage(), 2000);
      const started = service.start();
      await service.loaded();
      await vi.advanceTimersByTimeAsync(1999);
      expect(fetch.requests).toEqual([]);
      service.refreshIfDue();
      service.refreshIfDue();
      await vi.advanceTimersByTimeAsync(1);
      await started;
      expect(installed).toHaveLength(1);
      expect(fetch.requests.filter((p) => p === 'timestamp.json')).toHaveLength(1);
      // Due again a day later: a verdict's ask schedules one refresh, after the same delay.
      clock += REFRESH_AFTER_MS + 1;
      service.refreshIfDue();
      service.refreshIfDue();
      await vi.advanceTimersByTimeAsync(1999);
      expect(fetch.requests.filter((p) => p === 'timestamp.json')).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(1);
      await vi.waitFor(() => expect(installed).toHaveLength(2));
      expect(fetch.requests.filter((p) => p === 'timestamp.json')).toHaveLength(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it('a read of the stored material that fails is tried again by the next ask, which installs it and lets a due refresh run', async () => {
    const first = live();
    await first.service.start();
    let failing = true;
    const flaky: StorageArea = { ...first.storage, get: (keys) => (failing ? Promise.reject(new Error('IO error')) : first.storage.get(keys)) };
    const installed: InstalledTrust[] = [];
    const next = liveTrustOn(repo, () => clock, { storage: flaky, installed });
    await expect(next.service.start()).rejects.toThrow('IO error');
    await next.service.loaded();
    expect(installed).toEqual([]);
    failing = false;
    await next.service.loaded();
    expect(installed.map((m) => m.materialDate)).toEqual([first.installed[0]?.materialDate]);
    clock += REFRESH_AFTER_MS + 1;
    next.service.refreshIfDue();
    await vi.waitFor(() => expect(installed).toHaveLength(2));
  });

  it('installed material changes the cache keys and the trust date of the worker', () => {
    const before = trustVersion();
    installWorkerTrust({ ...content, materialDate: '2026-12-01T00:00:00.000Z', id: 'abc-def' });
    expect(trustVersion()).not.toBe(before);
    expect(trustVersion()).toContain('tuf-abc-def');
    expect(workerTrust().trustedRootDate).toBe('2026-12-01T00:00:00.000Z');
    expect(() => installWorkerTrust({ trustedRoot: 'nope', npmKeys: {}, materialDate: '2026-12-02T00:00:00Z', id: 'x' })).toThrow();
    expect(trustVersion()).toContain('tuf-abc-def');
  });

  it('the targets come through the delegated npm role', async () => {
    const { service, fetch } = live();
    await service.start();
    expect(fetch.requests.some((p) => p.startsWith('targets/registry.npmjs.org/') && p.endsWith('.keys.json'))).toBe(true);
    expect(fetch.requests.some((p) => p.endsWith(`.${TRUSTED_ROOT_TARGET}`))).toBe(true);
    expect(NPM_KEYS_TARGET).toBe('registry.npmjs.org/keys.json');
  });
});

// Review 3 (issue 15): the worker's live trust and the trust-gap date against clock jumps and
// hostile TUF metadata, on a generated TUF repository served in-process.
import { beforeEach, describe, expect, it } from 'vitest';
import { embeddedTrustInput, EMBEDDED_SNAPSHOT_DATE } from '../../core/trust-embedded';
import { inDays, type TestTufRepo } from '../../testing/tuf/tuf-repo';
import { fakeStorage } from '../testing/fake-storage';
import { embeddedTufRepo, liveTrustOn } from '../testing/live-trust-harness';
import type { InstalledTrust } from '../trust';
import { REFRESH_AFTER_MS } from './live-trust';
import { STORED_TRUST_KEY } from './stored-trust';

const content = embeddedTrustInput();
const DAY = 24 * 60 * 60 * 1000;
let repo: TestTufRepo;
let clock: number;
beforeEach(() => {
  repo = embeddedTufRepo();
  clock = Date.now();
});

const live = (storage = fakeStorage(), installed: InstalledTrust[] = []) => liveTrustOn(repo, () => clock, { storage, installed });

const settle = () => new Promise((r) => setTimeout(r, 50));

describe('review3: the trust date cannot be pushed by the repository', () => {
  // REGRESSION: a TUF mirror serving metadata that expires in the year 9999 (or a timestamp of a
  // huge version) does not move the material date: it is the local time of verification.
  it('REGRESSION: far-future expiry and huge versions leave materialDate = time of the refresh', async () => {
    repo.publish({
      version: 2 ** 40,
      trustedRoot: content.trustedRoot,
      npmKeys: content.npmKeys,
      expires: { timestamp: '9999-12-31T23:59:59Z', snapshot: '9999-12-31T23:59:59Z', targets: '9999-12-31T23:59:59Z', npm: '9999-12-31T23:59:59Z' },
    });
    const { service, installed } = live();
    await service.start();
    expect(installed.at(-1)?.materialDate).toBe(new Date(clock).toISOString());
  });
});

describe('review3: clock jumps', () => {
  // REGRESSION, fixed (was a FINDING, low-medium): material verified while the clock ran ahead (here 5 days; any skew
  // under the TUF timestamp's expiry passes the TUF checks) is stored with a future
  // materialDate. Once the clock is right again the worker (a) never finds the material due for
  // a refresh until that future date plus a day, and (b) never calls it stale, and (c) dates the
  // trust-gap rule in the future, so a bundle of an authority added after the real refresh is
  // red ("invalid") instead of "couldn't check". Should: a materialDate (or failure time) later
  // than now counts as unknown age - refresh due, and the trust date capped at the present.
  it('REGRESSION (a finding of review 3, fixed): a materialDate in the future does not keep the material from being refreshed', async () => {
    const realNow = clock;
    clock = realNow + 5 * DAY;
    const storage = fakeStorage();
    await live(storage).service.start();
    const stored = (await storage.get(STORED_TRUST_KEY))[STORED_TRUST_KEY] as { good?: { materialDate: string } };
    expect(Date.parse(stored.good?.materialDate ?? '')).toBe(realNow + 5 * DAY);
    // The clock is put right; two days pass with the worker in use.
    clock = realNow + REFRESH_AFTER_MS + DAY;
    const next = live(storage);
    await next.service.start();
    next.service.refreshIfDue();
    await settle();
    const asked = next.fetch.requests.filter((p) => p === 'timestamp.json').length;
    expect({ refreshedAfterTwoDays: asked > 0, status: next.service.status().stale || asked > 0 }).toEqual({ refreshedAfterTwoDays: true, status: true });
  });

  // REGRESSION, fixed (was a FINDING, low-medium): a refresh that failed while the clock was far ahead (a clock in 2030
  // makes every TUF timestamp look expired: TUF_EXPIRED) records failure.at in 2030; after the
  // clock is fixed, `now - failure.at` is negative, always under the one-hour back-off, so the
  // worker never tries again until 2030: the material is frozen (shown stale, but never
  // refreshed). Should: a failure time in the future does not hold back the next attempt.
  it('REGRESSION (a finding of review 3, fixed): a failure recorded at a future time does not stop refreshes for years', async () => {
    const realNow = clock;
    clock = realNow + 4 * 365 * DAY;
    repo.publish({ version: 6, trustedRoot: content.trustedRoot, npmKeys: content.npmKeys, expires: { timestamp: inDays(-1) } });
    const storage = fakeStorage();
    const first = live(storage);
    await first.service.start();
    expect(first.service.status().lastFailure?.reason).toBe('TUF_EXPIRED');
    // The clock is fixed, the repository is healthy again; a day later the worker is used.
    repo.publish({ version: 7, trustedRoot: content.trustedRoot, npmKeys: content.npmKeys });
    clock = realNow + DAY;
    const next = live(storage);
    await next.service.start();
    next.service.refreshIfDue();
    await settle();
    expect(next.fetch.requests, 'no refresh attempted: the failure "in the future" holds it back').toContain('timestamp.json');
  });

  // REGRESSION: the embedded snapshot date, without any refresh, is flagged stale now.
  it('REGRESSION: embedded material (no refresh ever) is stale', () => {
    const { service } = live();
    expect(Date.parse(EMBEDDED_SNAPSHOT_DATE)).toBeLessThan(clock);
    expect(service.status()).toMatchObject({ source: 'embedded', stale: true });
  });

  // REGRESSION, fixed (was a FINDING, low): after an extension update whose embedded snapshot (2026-10-07) is newer than
  // the stored TUF material (here refreshed 2026-01-01 and not since), the worker installs the
  // stored, older material over the embedded one, and keeps it while refreshes fail (offline,
  // or a blocked TUF host): a trust downgrade - logs/CAs/TSAs the build knows are forgotten and
  // honest bundles using them are grey. Should: never install stored material older (TUF root
  // version or material date) than the embedded snapshot.
  it('REGRESSION (a finding of review 3, fixed): stored material older than the embedded snapshot is not installed over it', async () => {
    const storage = fakeStorage();
    await live(storage).service.start();
    const record = (await storage.get(STORED_TRUST_KEY))[STORED_TRUST_KEY] as { good: { materialDate: string } };
    record.good.materialDate = '2026-01-01T00:00:00.000Z';
    await storage.set({ [STORED_TRUST_KEY]: record });
    repo.files.delete('timestamp.json');
    const installed: InstalledTrust[] = [];
    const next = live(storage, installed);
    await next.service.start();
    expect(Date.parse('2026-01-01T00:00:00.000Z')).toBeLessThan(Date.parse(EMBEDDED_SNAPSHOT_DATE));
    expect(installed.map((m) => m.materialDate), 'older stored material installed over the newer embedded snapshot').toEqual([]);
  });
});

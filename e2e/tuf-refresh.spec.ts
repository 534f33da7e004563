// Live trust refresh in the real extension (issue 15): the worker's TUF client, running in the
// browser on the crypto adapter, refreshes from a TUF repository the fixture server plays
// tuf-repo-cdn.sigstore.dev with, walks a root rotation, and installs a trusted root with a log
// the build does not know; a package attested through that log turns from "couldn't check" into
// verified, with the same build. The build (dist/chrome-e2e) starts its TUF chain from that
// repository's first root (PROVENANCE_LENS_TUF_ROOT); scripts/e2e-prepare.ts makes both.
// Until the crypto adapter took node's verify(..., { key: KeyObject }) form, which @tufjs/models
// uses, every refresh here failed at the first root with TUF_SIGNATURE (src/core/crypto/tuf-adapter.test.ts).
import type { Worker } from '@playwright/test';
import { expect, test } from './support/extension-test';
import { expectBadge, pypiTitleBadge, snapPage } from './support/page-inspection';
import { TUF_NEW_LOG_PROJECT, TUF_PUBLISHED } from './testca/paths';

test.use({ testca: true });

// The worker's storage record of the live trust (src/background/tuf/stored-trust.ts).
const STORED_TRUST_KEY = 'trust-tuf';
interface StoredTrust {
  good?: { versions: Record<string, number>; materialDate: string };
  failure?: { at: number; reason: string };
}
interface ChromeGlobal {
  chrome: { storage: { local: { get(key: string): Promise<Record<string, unknown>> } } };
}
/** Past live-trust.ts's RETRY_AFTER_FAILURE_MS (one hour). */
const CLOCK_SHIFT_MS = 2 * 60 * 60 * 1000;

const storedTrust = (worker: Worker): Promise<StoredTrust> =>
  worker.evaluate(async (key) => ((await (globalThis as unknown as ChromeGlobal).chrome.storage.local.get(key))[key] ?? {}) as StoredTrust, STORED_TRUST_KEY);

test.afterEach(({ fixtureServer }) => fixtureServer.tuf.serve('off'));

test('a TUF refresh installs a trusted root with a new log: its package goes from "couldn\'t check" to verified without a rebuild', async ({
  page,
  extension,
  fixtureServer,
  openPopup,
}) => {
  test.setTimeout(120_000);
  const started = Date.now();
  const pkg = `pypi:${TUF_NEW_LOG_PROJECT}@1.0.0`;
  const projectUrl = `https://pypi.org/project/${TUF_NEW_LOG_PROJECT}/`;

  // Before: the TUF host has no repository, so the start-up refresh fails and the build's own
  // material (production + the e2e overlay, without the new log) stays.
  fixtureServer.tuf.serve('off');
  await expect.poll(async () => (await storedTrust(extension.worker)).failure?.reason, { timeout: 20_000 }).toBe('TUF_FETCH');
  await page.goto(projectUrl);
  await expectBadge(pypiTitleBadge(page), 'unavailable', pkg, 40_000);
  const before = await openPopup(page);
  await expect(before.locator('body')).toContainText('TRUST_UNKNOWN_LOG');
  await expect(before.getByRole('region', { name: 'About' })).toContainText('embedded snapshot');
  await expect(before.getByRole('region', { name: 'About' })).toContainText('failed (TUF_FETCH)');
  await snapPage(before, 'tuf-refresh-before-popup');
  await before.close();

  // The repository appears. A failed refresh is retried an hour later, on the next verdict the
  // worker is asked for (live-trust.ts refreshIfDue); no test waits an hour, so the worker's clock
  // is moved two hours on, and the page is asked again. Same build, same worker: no rebuild.
  fixtureServer.tuf.serve('repo');
  await extension.worker.evaluate((ms) => {
    const real = Date.now.bind(Date);
    Date.now = () => real() + ms;
  }, CLOCK_SHIFT_MS);
  await page.reload();
  await expectBadge(pypiTitleBadge(page), 'unavailable', pkg, 40_000);

  // The refresh (in the background; that verdict did not wait) verified the chain v1 -> v2 and the
  // new targets, and stored them. A failure is polled too, so a refusal shows its reason.
  await expect
    .poll(async () => ((s) => s.good?.versions ?? s.failure)(await storedTrust(extension.worker)), { timeout: 30_000 })
    .toEqual({ root: TUF_PUBLISHED.root, timestamp: TUF_PUBLISHED.targets, snapshot: TUF_PUBLISHED.targets, targets: TUF_PUBLISHED.targets });
  expect(fixtureServer.tuf.served).toEqual(
    expect.arrayContaining(['2.root.json', 'timestamp.json', `${TUF_PUBLISHED.targets}.snapshot.json`, `${TUF_PUBLISHED.targets}.targets.json`]),
  );
  expect(fixtureServer.tuf.served.some((p) => p.endsWith('.trusted_root.json'))).toBe(true);
  const refreshedAt = (await storedTrust(extension.worker)).good?.materialDate ?? '';
  expect(Date.parse(refreshedAt) - started).toBeGreaterThanOrEqual(CLOCK_SHIFT_MS);

  await page.reload();
  await expectBadge(pypiTitleBadge(page), 'verified', pkg, 40_000);
  const after = await openPopup(page);
  const about = after.getByRole('region', { name: 'About' });
  await expect(about).toContainText(`Sigstore TUF root v${TUF_PUBLISHED.root}, targets v${TUF_PUBLISHED.targets}`);
  await expect(about).toContainText(`Last refreshed: ${refreshedAt.slice(0, 10)}`);
  await expect(about).not.toContainText('Stale');
  await snapPage(after, 'tuf-refresh-after-popup');
});

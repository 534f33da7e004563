// The trust material people's workers run on is the last good TUF refresh, kept in storage.local
// and installed as the worker starts (src/background/tuf/live-trust.ts); the cache keys of the
// verdicts decided under it name it (src/background/trust.ts trustVersion). A worker woken by a
// revisit must find those verdicts: the registry is asked nothing while its answers are fresh,
// as in a worker that ran on. (The benchmarks' registries serve no TUF repository, so there the
// build's embedded material is what a woken worker starts on.)
import type { Worker } from '@playwright/test';
import { expect, registryApiAsks, test } from './support/extension-test';
import { expectBadge, pypiTitleBadge } from './support/page-inspection';
import { stopWorker } from './support/stop-worker';

test.use({ testca: true, registryCaching: true });

const RELEASE = 'https://pypi.org/project/lens-continuity-changed/1.1.0/';
const PKG = 'pypi:lens-continuity-changed@1.1.0';
const LATE_MS = 500;
interface ChromeGlobal {
  chrome: { storage: { local: { get(key: string): Promise<Record<string, unknown>> } } };
}
const refreshed = (worker: Worker) =>
  worker.evaluate(async () => ((await (globalThis as unknown as ChromeGlobal).chrome.storage.local.get('trust-tuf'))['trust-tuf'] as { good?: unknown } | undefined)?.good !== undefined);

test.afterEach(({ fixtureServer }) => fixtureServer.tuf.serve('off'));

test('with refreshed trust material stored, a revisit in a woken worker finds its verdict: no registry request', async ({ page, extension, fixtureServer }) => {
  fixtureServer.tuf.serve('repo');
  await page.goto('https://pypi.org/search/?q=nothing-at-all');
  await expect.poll(() => refreshed(extension.worker), { timeout: 30_000 }).toBe(true);
  await page.goto(RELEASE);
  await expectBadge(pypiTitleBadge(page), 'verified', PKG);
  await page.waitForTimeout(LATE_MS);

  for (let i = 0; i < 3; i++) {
    await page.goto('https://pypi.org/search/?q=nothing-at-all');
    const { isWoken } = await stopWorker(extension, page);
    const since = fixtureServer.requests.length;
    await page.goto(RELEASE);
    await expectBadge(pypiTitleBadge(page), 'verified', PKG);
    await expect(pypiTitleBadge(page)).toHaveAttribute('data-provenance-continuity', 'publisher-changed');
    await page.waitForTimeout(LATE_MS);
    expect(await isWoken(), 'the revisit was answered by a new worker').toBe(true);
    expect(registryApiAsks(fixtureServer, since), `woken revisit ${i}`).toEqual([]);
  }
});

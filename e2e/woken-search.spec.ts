// A PyPI search page revisited in a woken MV3 worker (e2e/support/stop-worker.ts): each result
// shows the verdict it showed before, and the registry is asked nothing while its answers are
// fresh (the results' continuity notes come from storage.session, continuity-memo.ts).
import { expect, registryApiAsks, test } from './support/extension-test';
import { badgeIn, pypiSearchResults } from './support/page-inspection';
import { stopWorker } from './support/stop-worker';

test.use({ registryCaching: true });

/** Late asks (continuity notes, the toolbar, the notes' gathered write) finish before counting. */
const LATE_MS = 500;

test('a PyPI search revisited in a woken worker: each result its own verdict again, no registry request', async ({ page, extension, fixtureServer }) => {
  const search = 'https://pypi.org/search/?q=fixture';
  const statuses = async () => {
    const out: Record<string, string> = {};
    for (const result of await pypiSearchResults(page).all()) {
      const badge = badgeIn(result);
      await expect(badge).toHaveAttribute('data-provenance-status', /^(verified|partial|invalid|none)$/);
      out[(await badge.getAttribute('data-provenance-package')) ?? ''] = (await badge.getAttribute('data-provenance-status')) ?? '';
    }
    return out;
  };
  await page.setViewportSize({ width: 1280, height: 2000 });
  await page.goto(search);
  await expect(pypiSearchResults(page)).toHaveCount(5);
  const first = await statuses();
  expect(Object.values(first).sort()).toEqual(['invalid', 'none', 'partial', 'verified', 'verified']);
  await page.waitForTimeout(LATE_MS);
  await page.goto('https://pypi.org/search/?q=nothing-at-all');
  const { isWoken } = await stopWorker(extension, page);

  const since = fixtureServer.requests.length;
  await page.goto(search);
  await expect(pypiSearchResults(page)).toHaveCount(5);
  expect(await statuses()).toEqual(first);
  await page.waitForTimeout(LATE_MS);
  expect(await isWoken(), 'the revisit was answered by a new worker').toBe(true);
  expect(registryApiAsks(fixtureServer, since), 'the revisit').toEqual([]);
});

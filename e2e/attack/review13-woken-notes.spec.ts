// Review 13 (Chromium): continuity notes kept in storage.session (src/background/continuity-memo.ts)
// and read back by a woken MV3 worker (e2e/support/stop-worker.ts). The fixture server serves the
// test-CA project lens-continuity-changed (1.0.0 by one repository, 1.1.0 by another); a rewriting
// proxy in front of it plays a registry outage of the project listing. Time passing is played by
// moving the stored notes' times back (the TTL is 30 minutes).
import { expect, test, type Page } from '@playwright/test';
import { startFixtureServer, type FixtureServer } from '../server/fixture-server';
import type { ExtensionBrowser } from '../support/launch-extension';
import { expectBadge, pypiTitleBadge } from '../support/page-inspection';
import { stopWorker } from '../support/stop-worker';
import { E2E_EXTENSION_DIR, TESTCA_DIR } from '../testca/paths';
import { launchAttackChromium, startRewriteProxy, type RewriteProxy } from './attack-support';

let server: FixtureServer;
let proxy: RewriteProxy;
let ext: ExtensionBrowser;

test.beforeAll(async () => {
  server = await startFixtureServer({ generated: TESTCA_DIR });
  proxy = await startRewriteProxy(server.port);
});
test.afterAll(async () => {
  await proxy.stop();
  await server.stop();
});
test.beforeEach(async () => {
  proxy.rules = [];
  ext = await launchAttackChromium(proxy.port, { extensionDir: E2E_EXTENSION_DIR });
});
test.afterEach(async () => ext.close());

const NAME = 'lens-continuity-changed';
const RELEASE = `https://pypi.org/project/${NAME}/1.1.0/`;
const LISTING = `/pypi/${NAME}/json`;
const LATE_MS = 500;
const NOTES_KEY = 'continuity-notes';
type Session = { chrome: { storage: { session: { get: (k: string) => Promise<Record<string, unknown>>; set: (i: object) => Promise<void> } } } };

async function expectChangedNote(page: Page): Promise<void> {
  const badge = pypiTitleBadge(page);
  await expectBadge(badge, 'verified', `pypi:${NAME}@1.1.0`);
  await expect(badge).toHaveAttribute('data-provenance-continuity', 'publisher-changed');
}

/** Rewrites the stored notes in the running worker's storage.session. */
async function editStoredNotes(edit: 'age' | 'mangle'): Promise<number> {
  const worker = ext.context.serviceWorkers().at(-1);
  if (!worker) throw new Error('no worker');
  return worker.evaluate(
    async ([key, how]) => {
      const { chrome } = globalThis as unknown as Session;
      const stored = (await chrome.storage.session.get(key))[key] as { v: number; entries: unknown[][] } | undefined;
      if (!stored) return 0;
      const entries = stored.entries.map((e) =>
        how === 'age' ? [e[0], (e[1] as number) - 31 * 60_000, ...e.slice(2)] : e.length === 4 ? [...e.slice(0, 3), { ...(e[3] as object), previous: { forge: 'github', issuer: 7 } }] : e,
      );
      await chrome.storage.session.set({ [key]: { ...stored, entries } });
      return entries.length;
    },
    [NOTES_KEY, edit] as const,
  );
}

const listingAsks = (since: number) => server.requests.slice(since).filter((r) => r.path === LISTING).length;

async function visitThenWake(page: Page, edit?: 'age' | 'mangle') {
  await page.goto(RELEASE);
  await expectChangedNote(page);
  await page.waitForTimeout(LATE_MS);
  if (edit) expect(await editStoredNotes(edit), 'notes stored').toBeGreaterThan(0);
  await page.goto('https://pypi.org/search/?q=nothing-at-all');
  return stopWorker(ext, page);
}

test('woken past the TTL while the project listing is unreadable, the changed publisher\'s release keeps its amber note (was DEFECT)', async () => {
  const page = ext.context.pages()[0] ?? (await ext.context.newPage());
  const { isWoken } = await visitThenWake(page, 'age');
  proxy.rules = [(r) => (r.host === 'pypi.org' && r.path === LISTING ? { transform: (u) => ({ ...u, status: 503, body: Buffer.from('{}') }) } : undefined)];
  const since = server.requests.length;
  await page.goto(RELEASE);
  await expectBadge(pypiTitleBadge(page), 'verified', `pypi:${NAME}@1.1.0`);
  await page.waitForTimeout(LATE_MS);
  expect(await isWoken()).toBe(true);
  expect(listingAsks(since), 'the listing was asked (and failed)').toBeGreaterThan(0);
  // A worker that ran on keeps its last note through such an outage (continuity-service.ts:
  // "however old, beats none"); the woken one read back no note older than the TTL.
  await expect(pypiTitleBadge(page)).toHaveAttribute('data-provenance-continuity', 'publisher-changed', { timeout: 3000 });
});

test('woken past the TTL with the registry up: the note is worked out anew (listing read), the same amber note', async () => {
  const page = ext.context.pages()[0] ?? (await ext.context.newPage());
  const { isWoken } = await visitThenWake(page, 'age');
  const since = server.requests.length;
  await page.goto(RELEASE);
  await expectChangedNote(page);
  expect(await isWoken()).toBe(true);
  expect(listingAsks(since)).toBeGreaterThan(0);
});

test('a mangled note in storage.session: the woken worker shows the note worked out anew, not the stored one', async () => {
  const page = ext.context.pages()[0] ?? (await ext.context.newPage());
  const { isWoken } = await visitThenWake(page, 'mangle');
  const since = server.requests.length;
  await page.goto(RELEASE);
  await expectChangedNote(page);
  expect(await isWoken()).toBe(true);
  expect(listingAsks(since)).toBeGreaterThan(0);
});

test('"clear cache" from an extension page empties storage.session of notes; a woken worker reads the listing again, same note', async () => {
  const page = ext.context.pages()[0] ?? (await ext.context.newPage());
  await page.goto(RELEASE);
  await expectChangedNote(page);
  await page.waitForTimeout(LATE_MS);
  const options = await ext.context.newPage();
  await options.goto(`chrome-extension://${ext.extensionId}/src/options/index.html`);
  const reply = await options.evaluate(() => (globalThis as unknown as { chrome: { runtime: { sendMessage: (m: object) => Promise<unknown> } } }).chrome.runtime.sendMessage({ type: 'page/cache-clear' }));
  expect(reply).toMatchObject({ ok: true });
  const left = await options.evaluate(async (key) => ((await (globalThis as unknown as Session).chrome.storage.session.get(key)) as Record<string, unknown>)[key], NOTES_KEY);
  expect(left).toBeUndefined();
  await options.close();
  await page.goto('https://pypi.org/search/?q=nothing-at-all');
  const { isWoken } = await stopWorker(ext, page);
  const since = server.requests.length;
  await page.goto(RELEASE);
  await expectChangedNote(page);
  expect(await isWoken()).toBe(true);
  expect(listingAsks(since)).toBeGreaterThan(0);
});

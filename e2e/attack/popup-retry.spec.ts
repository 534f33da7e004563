// REGRESSION (Chromium; issue-14 attack finding 5): the registry failed while the page was checked,
// so the page and the toolbar said "couldn't check". The registry recovers, the person presses
// Retry in the popup: the popup showed the new verdict but the page's own badges kept the old one.
// The worker now asks the tab's page to ask again, and the page's badges follow the popup.
import { expect, test } from '@playwright/test';
import { startFixtureServer, type FixtureServer } from '../server/fixture-server';
import { openPopupFor, type ExtensionBrowser } from '../support/launch-extension';
import { launchAttackChromium, readBadges, startRewriteProxy, toolbarFor, type RewriteProxy, type Rule, type Upstream } from './attack-support';

let server: FixtureServer;
let proxy: RewriteProxy;
let ext: ExtensionBrowser;

test.beforeAll(async () => {
  server = await startFixtureServer();
  proxy = await startRewriteProxy(server.port);
});
test.afterAll(async () => {
  await proxy.stop();
  await server.stop();
});
test.beforeEach(async () => {
  proxy.rules = [];
  ext = await launchAttackChromium(proxy.port);
});
test.afterEach(async () => ext.close());

// PyPI's JSON API answers 503 until the rule is lifted: an outage, not a verdict.
const down: Upstream = { status: 503, headers: { 'content-type': 'text/plain' }, body: Buffer.from('Service Unavailable') };
const outage = (): Rule[] => [(r) => (r.host === 'pypi.org' && r.path.startsWith('/pypi/sampleproject/') ? { transform: () => down } : undefined)];

test('popup retry after an outage: the page badges follow the popup to verified', async () => {
  proxy.rules = outage();
  const page = ext.context.pages()[0] ?? (await ext.context.newPage());
  await page.goto('https://pypi.org/project/sampleproject/');
  const title = page.locator('h1 + provenance-lens-badge');
  await expect(title).toHaveAttribute('data-provenance-status', 'unavailable', { timeout: 20_000 });

  proxy.rules = [];
  const popup = await openPopupFor(ext, page);
  await popup.getByRole('button', { name: 'Retry' }).click();
  await expect(popup.locator('.pl-verdict')).toContainText('Verified', { timeout: 20_000 });

  // The page was not reloaded: its badges asked again because the worker told them to.
  await expect(title).toHaveAttribute('data-provenance-status', 'verified', { timeout: 20_000 });
  const badges = await page.evaluate(readBadges);
  expect(badges.filter((b) => b.status === 'unavailable'), JSON.stringify(badges)).toEqual([]);
  expect((await toolbarFor(ext, page.url()))?.title ?? '').toContain('verified');
});

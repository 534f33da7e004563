// What the back/forward-cache attack specs share: the fixture server behind the rewrite proxy that
// lets pages be cached (real pypi.org and npmjs.com pages do not send `no-store`), a Chromium with
// its back/forward cache on per test, and a count of the page's restores from that cache.
import { test } from '@playwright/test';
import { startFixtureServer, type FixtureServer } from '../server/fixture-server';
import type { ExtensionBrowser } from '../support/launch-extension';
import { launchAttackChromium, startRewriteProxy, type RewriteProxy } from './attack-support';

/** Registers the spec's hooks; `launched` is given each test's browser before the test runs. */
export function useBfcacheChromium(launched: (ext: ExtensionBrowser) => void): void {
  let server: FixtureServer;
  let proxy: RewriteProxy;
  let ext: ExtensionBrowser;
  test.beforeAll(async () => {
    server = await startFixtureServer();
    proxy = await startRewriteProxy(server.port);
    proxy.cacheablePages = true;
  });
  test.afterAll(async () => {
    await proxy.stop();
    await server.stop();
  });
  test.beforeEach(async () => {
    ext = await launchAttackChromium(proxy.port, { bfcache: true });
    launched(ext);
  });
  test.afterEach(async () => ext.close());
}

/** An init script: counts in `window.__restored` the page's restores from the back/forward cache. */
export function markRestores(): void {
  const w = window as unknown as { __restored: number };
  w.__restored = 0;
  addEventListener('pageshow', (e: PageTransitionEvent) => {
    if (e.persisted) w.__restored++;
  });
}

// The hooks every Chromium attack spec shares: one fixture server and rewriting proxy per spec
// file, and a fresh Chromium with the extension, behind that proxy with no rules, per test.
import { test } from '@playwright/test';
import { startFixtureServer, type FixtureServer } from '../server/fixture-server';
import type { ExtensionBrowser } from '../support/launch-extension';
import { launchAttackChromium, startRewriteProxy, type RewriteProxy } from './attack-support';

export interface AttackSession {
  server: FixtureServer;
  proxy: RewriteProxy;
  /** This test's browser. */
  ext: ExtensionBrowser;
}

/** Registers the spec file's hooks; the session's fields are set once they have run. */
export function useAttackChromium(): AttackSession {
  const session = {} as AttackSession;
  test.beforeAll(async () => {
    session.server = await startFixtureServer();
    session.proxy = await startRewriteProxy(session.server.port);
  });
  test.afterAll(async () => {
    await session.proxy.stop();
    await session.server.stop();
  });
  test.beforeEach(async () => {
    session.proxy.rules = [];
    session.ext = await launchAttackChromium(session.proxy.port);
  });
  test.afterEach(async () => session.ext.close());
  return session;
}

// End-to-end tests of the built Chrome extension (dist/chrome) in Debian's Chromium against the
// local HTTPS fixture server. Each test launches its own browser, so one worker is plenty and
// keeps the shared 2-core machine usable.
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  workers: 1,
  fullyParallel: false,
  retries: 0,
  reporter: 'list',
  outputDir: '../test-results/e2e-artifacts',
  timeout: 60_000,
  expect: { timeout: 20_000 },
  // No `use` options: each test drives its own persistent context (extensions need one), so the
  // built-in trace/screenshot hooks would not see it; failures are captured in extension-test.ts.
});

// Most revisits meet a woken MV3 worker (e2e/support/stop-worker.ts). A revisit while the
// registry's answers are fresh must look as it does in a worker that ran on, the continuity note
// included, and ask the registry nothing: the note is kept in storage.session
// (src/background/continuity-memo.ts), not only in the stopped worker's memory.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, registryApiAsks, test } from './support/extension-test';
import { expectBadge, pypiTitleBadge } from './support/page-inspection';
import { stopWorker } from './support/stop-worker';
import { E2E_EXTENSION_DIR } from './testca/paths';

test.use({ testca: true, registryCaching: true });

/** Late asks (continuity notes, the toolbar, the notes' gathered write) finish before counting. */
const LATE_MS = 500;

async function expectChangedNote(page: Page): Promise<void> {
  const badge = pypiTitleBadge(page);
  await expectBadge(badge, 'verified', 'pypi:lens-continuity-changed@1.1.0');
  await expect(badge).toHaveAttribute('data-provenance-continuity', 'publisher-changed');
}

test('a release with a changed publisher, revisited in a woken worker: the same amber note, no registry request', async ({ page, extension, fixtureServer }) => {
  const release = 'https://pypi.org/project/lens-continuity-changed/1.1.0/';
  await page.goto(release);
  await expectChangedNote(page);
  await page.waitForTimeout(LATE_MS);
  await page.goto('https://pypi.org/search/?q=nothing-at-all');
  const { isWoken } = await stopWorker(extension, page);

  const since = fixtureServer.requests.length;
  await page.goto(release);
  await expectChangedNote(page);
  await page.waitForTimeout(LATE_MS);
  expect(await isWoken(), 'the revisit was answered by a new worker').toBe(true);
  expect(registryApiAsks(fixtureServer, since), 'the revisit').toEqual([]);
});

// A woken worker starts from its V8 code cache only as a classic script (scripts/vite-classic-worker.ts).
test('Chrome runs the worker as one classic, strict script: no module loader, no imports', async ({ extension }) => {
  const manifest = JSON.parse(readFileSync(join(E2E_EXTENSION_DIR, 'manifest.json'), 'utf8')) as { background: Record<string, unknown> };
  expect(manifest.background).toEqual({ service_worker: 'service-worker.js' });
  expect(new URL(extension.worker.url()).pathname).toBe('/service-worker.js');
  const code = readFileSync(join(E2E_EXTENSION_DIR, 'service-worker.js'), 'utf8');
  expect(code.startsWith('"use strict";')).toBe(true);
  expect(code).not.toMatch(/(^|[;}])\s*(import|export)\s*[{*"'`]/);
});

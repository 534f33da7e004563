// Publisher continuity in the browser (issue "Publisher continuity"): generated PyPI projects
// whose second release keeps its publisher, comes from another repository, or has no
// provenance; the amber badge note, both identities in the popup and the panel, and a pin
// that turns the changed release into a failed check.
import type { Page } from '@playwright/test';
import { expect, test } from './support/extension-test';
import { badgeText, expectBadge, pypiTitleBadge, snapBadge, snapPage } from './support/page-inspection';

test.use({ testca: true });

const CONTINUITY = 'data-provenance-continuity';

interface ChromeRuntime {
  chrome: { runtime: { sendMessage: (message: unknown) => Promise<unknown> } };
}

/** Sends a message to the worker from an extension page, as the popup or options page would. */
function askFrom(extensionPage: Page, message: unknown): Promise<unknown> {
  return extensionPage.evaluate((m) => (globalThis as unknown as ChromeRuntime).chrome.runtime.sendMessage(m), message);
}

async function openRelease(page: Page, name: string, version: string) {
  await page.goto(`https://pypi.org/project/${name}/${version}/`);
  return pypiTitleBadge(page);
}

test('the same publisher twice: verified, with no continuity note', async ({ page }) => {
  const badge = await openRelease(page, 'lens-continuity-same', '1.1.0');
  await expectBadge(badge, 'verified', 'pypi:lens-continuity-same@1.1.0');
  await expect(badge).not.toHaveAttribute(CONTINUITY, /.*/);
  expect(await badgeText(badge)).toMatch(/Verified · lens-e2e\/continuity-same/);
  await snapBadge(badge, 'continuity-same');
});

test('another repository: an amber note on the badge, both identities in the popup and the panel', async ({ page, openPopup }) => {
  const badge = await openRelease(page, 'lens-continuity-changed', '1.1.0');
  // The status contract stays the verdict's (the signature did verify); the note is its own attribute.
  await expectBadge(badge, 'verified', 'pypi:lens-continuity-changed@1.1.0');
  await expect(badge).toHaveAttribute(CONTINUITY, 'publisher-changed');
  expect(await badgeText(badge)).toMatch(/Publisher changed: lens-e2e\/continuity-changed → lens-e2e-fork\//);
  const button = badge.locator('.pl-badge');
  await expect(button).toHaveClass(/pl-amber/);
  // Named by what it shows, described by the whole sentence.
  await expect(button).toHaveAccessibleName(/^!?Publisher changed: lens-e2e\/continuity-changed/);
  await expect(button).toHaveAccessibleDescription(/but the publisher changed since version 1\.0\.0/);
  await snapBadge(badge, 'continuity-changed');

  await button.click();
  const panel = page.locator('provenance-lens-panel dialog');
  const compare = panel.getByRole('region', { name: 'Publisher continuity' });
  await expect(compare).toContainText('Version 1.0.0');
  await expect(compare).toContainText('This version (1.1.0)');
  await snapPage(page, 'continuity-changed-panel');
  await page.keyboard.press('Escape');

  const popup = await openPopup(page);
  const region = popup.getByRole('region', { name: 'Publisher continuity' });
  const [before, after] = [region.locator('.pl-card').nth(0), region.locator('.pl-card').nth(1)];
  await expect(before).toContainText('Version 1.0.0');
  await expect(before).toContainText('lens-e2e/continuity-changed');
  await expect(after).toContainText('This version (1.1.0)');
  await expect(after).toContainText('lens-e2e-fork/continuity-changed');
  await expect(before.locator('.pl-changed')).toHaveCount(1);
  await expect(after.locator('.pl-changed')).toHaveCount(1);
  // About names the trust material in use: the embedded snapshot here (the e2e TUF host answers 404).
  await expect(popup.locator('body')).toContainText(/Trust material: embedded snapshot of \d{4}-\d{2}-\d{2}/);
  await snapPage(popup, 'continuity-changed-popup');
  await popup.close();
});

test('provenance lost: no provenance, with a note naming the last attested version', async ({ page, openPopup }) => {
  const badge = await openRelease(page, 'lens-continuity-lost', '1.1.0');
  await expectBadge(badge, 'none', 'pypi:lens-continuity-lost@1.1.0');
  await expect(badge).toHaveAttribute(CONTINUITY, 'provenance-lost');
  expect(await badgeText(badge)).toMatch(/Provenance lost since 1\.0\.0/);
  await snapBadge(badge, 'continuity-lost');

  const popup = await openPopup(page);
  const region = popup.getByRole('region', { name: 'Publisher continuity' });
  await expect(region.locator('.pl-card').nth(0)).toContainText('lens-e2e/continuity-lost');
  await expect(region.locator('.pl-card').nth(1)).toContainText('This version has no provenance.');
  await snapPage(popup, 'continuity-lost-popup');
  await popup.close();
});

test('pin from the popup: the same publisher stays verified, and Unpin removes the pin', async ({ page, openPopup }) => {
  const badge = await openRelease(page, 'lens-continuity-same', '1.1.0');
  await expectBadge(badge, 'verified', 'pypi:lens-continuity-same@1.1.0');
  const popup = await openPopup(page);
  await popup.getByRole('button', { name: /^Pin this package to lens-e2e\/continuity-same \(.+\)$/ }).click();
  const pinSection = popup.getByRole('region', { name: 'Publisher pin' });
  await expect(pinSection).toContainText(/Pinned to lens-e2e\/continuity-same/);
  await expect(popup.locator('.pl-details .pl-verdict')).toContainText('Verified');
  await expect(pinSection).toContainText('Publishers seen');
  await snapPage(popup, 'continuity-pinned-popup');
  await popup.getByRole('button', { name: 'Unpin' }).click();
  await expect(pinSection).toContainText('Unpinned.');
  expect(await askFrom(popup, { type: 'page/pin-get', pkg: { registry: 'pypi', name: 'lens-continuity-same' } })).toMatchObject({
    ok: true,
    value: { pin: null },
  });
  await popup.close();
});

test('pinned to the earlier publisher, the changed release fails with IDENTITY_PIN', async ({ page, openPopup }) => {
  const badge = await openRelease(page, 'lens-continuity-changed', '1.1.0');
  await expect(badge).toHaveAttribute(CONTINUITY, 'publisher-changed');
  const popup = await openPopup(page);
  // The earlier release's identity, as the worker verified it (the note carries it).
  const active = (await askFrom(popup, { type: 'page/active-verdict', tabId: await activeTabId(popup) })) as {
    value: { verdict: { continuity?: { previous: { issuer: string; repository: string; workflowPath?: string } } } };
  };
  const previous = active.value.verdict.continuity?.previous;
  expect(previous?.repository).toBe('lens-e2e/continuity-changed');
  const pin = { issuer: previous?.issuer, repository: previous?.repository, workflowPath: previous?.workflowPath };
  const reply = await askFrom(popup, { type: 'page/pin-set', pkg: { registry: 'pypi', name: 'lens-continuity-changed', version: '1.1.0' }, pin });
  expect(reply).toMatchObject({ ok: true, value: { pin, verdict: { status: 'invalid', code: 'IDENTITY_PIN' } } });
  await popup.close();

  await page.reload();
  await expectBadge(pypiTitleBadge(page), 'invalid', 'pypi:lens-continuity-changed@1.1.0');
  await expect(pypiTitleBadge(page)).toHaveAttribute(CONTINUITY, 'publisher-changed');
  await snapBadge(pypiTitleBadge(page), 'continuity-pin-invalid');

  const after = await openPopup(page);
  await expect(after.locator('.pl-pin-mismatch')).toContainText(/^Pinned to lens-e2e\/continuity-changed .*but signed by lens-e2e-fork\/continuity-changed/);
  await expect(after.getByRole('region', { name: 'Publisher pin' })).toContainText('Pinned to lens-e2e/continuity-changed');
  // The verdict lost its identity to the pin; the files' verified certificates still fill this side.
  await expect(after.getByRole('region', { name: 'Publisher continuity' }).locator('.pl-card').nth(1)).toContainText('lens-e2e-fork/continuity-changed');
  await snapPage(after, 'continuity-pin-invalid-popup');
  await after.close();
});

interface ChromeTabs {
  chrome: { tabs: { query: (q: { active: boolean; currentWindow: boolean }) => Promise<{ id?: number }[]> } };
}

async function activeTabId(extensionPage: Page): Promise<number> {
  const id = await extensionPage.evaluate(async () => {
    const [tab] = await (globalThis as unknown as ChromeTabs).chrome.tabs.query({ active: true, currentWindow: true });
    return tab?.id ?? -1;
  });
  expect(id).toBeGreaterThanOrEqual(0);
  return id;
}

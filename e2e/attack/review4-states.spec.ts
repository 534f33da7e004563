// Review 4 of issue 16, requirements 1 and 2: what each state tells a person on the popup's first
// screen (360 x 600). Failed: what failed in plain words, what was claimed (repository, workflow,
// commit) shown and marked unverified, do not install, compare with the repository, where to
// report. No provenance: not a warning by itself, a warning when earlier versions had it.
// Couldn't check: why, and a retry. Partial: "1 of 2 files verified", and which in the panel.
import type { Page } from '@playwright/test';
import { expect, test } from '../support/extension-test';
import { expectBadge, npmTitleBadge, pypiTitleBadge } from '../support/page-inspection';

test.use({ testca: true });

/** Whether `text` is shown within the first 600 px of the popup (at 360 px wide). */
async function onFirstScreen(popup: Page, text: string | RegExp): Promise<boolean> {
  const hit = popup.getByText(text).first();
  if ((await hit.count()) === 0) return false;
  const box = await hit.boundingBox();
  return box !== null && box.y + box.height <= 600;
}

test('failed (npm, tampered provenance): plain words, do not install, where to report, on the first screen', async ({ page, openPopup }) => {
  await page.goto('https://www.npmjs.com/package/@trishankatdatadog/supreme-goggles');
  await expect(npmTitleBadge(page)).toHaveAttribute('data-provenance-status', 'invalid');
  const popup = await openPopup(page);
  await popup.setViewportSize({ width: 360, height: 600 });
  await expect(popup.locator('.pl-verdict')).toContainText('Provenance check failed');
  for (const text of ['The transparency log entry does not match the attestation.', 'Do not install this version.', 'npm (reporting malware)']) {
    expect(await onFirstScreen(popup, text), text).toBe(true);
  }
});

test('failed (npm, tampered provenance): what the attestation claimed is shown, marked unverified', async ({ page, openPopup }) => {
  // The tampered statement still claims trishankatdatadog/supreme-goggles, workflow
  // .github/workflows/npm-publish.yml, commit 38ebf994…; a person comparing with the repository
  // needs to see what was claimed, marked as not verified.
  await page.goto('https://www.npmjs.com/package/@trishankatdatadog/supreme-goggles');
  await expect(npmTitleBadge(page)).toHaveAttribute('data-provenance-status', 'invalid');
  const popup = await openPopup(page);
  await popup.setViewportSize({ width: 360, height: 600 });
  await expect(popup.locator('.pl-verdict')).toContainText('Provenance check failed');
  const body = (await popup.locator('body').innerText()).replace(/\s+/g, ' ');
  expect.soft(body, 'the claimed workflow is named').toContain('npm-publish.yml');
  expect.soft(body, 'the claimed commit is named').toMatch(/38ebf994/);
  expect.soft(body, 'the claims are marked unverified').toMatch(/unverified|not verified/i);
});

test('no provenance: neutral by itself; a warning when an earlier version had provenance', async ({ page, openPopup }) => {
  await page.goto('https://pypi.org/project/lens-fixture-none/');
  await expectBadge(pypiTitleBadge(page), 'none', 'pypi:lens-fixture-none@1.2.0');
  const plain = await pypiTitleBadge(page).evaluate((h) => h.shadowRoot?.querySelector('.pl-badge')?.className ?? '');
  expect(plain).not.toMatch(/pl-amber|pl-invalid/);
  let popup = await openPopup(page);
  await popup.setViewportSize({ width: 360, height: 600 });
  expect(await onFirstScreen(popup, /that alone is not a warning/)).toBe(true);
  await popup.close();

  await page.goto('https://pypi.org/project/lens-continuity-lost/1.1.0/');
  await expectBadge(pypiTitleBadge(page), 'none', 'pypi:lens-continuity-lost@1.1.0');
  const lost = await pypiTitleBadge(page).evaluate((h) => h.shadowRoot?.querySelector('.pl-badge')?.className ?? '');
  expect(lost).toMatch(/pl-amber/);
  popup = await openPopup(page);
  await popup.setViewportSize({ width: 360, height: 600 });
  expect(await onFirstScreen(popup, /Earlier versions had provenance and this one has none/)).toBe(true);
});

test("couldn't check: why, in plain words, and the Retry button on the first screen", async ({ page, openPopup }) => {
  await page.goto('https://pypi.org/project/lens-fixture-error/2.0.0/');
  await expectBadge(pypiTitleBadge(page), 'unavailable', 'pypi:lens-fixture-error@2.0.0', 40_000);
  const popup = await openPopup(page);
  await popup.setViewportSize({ width: 360, height: 600 });
  expect(await onFirstScreen(popup, 'The registry answered with an unexpected HTTP status.')).toBe(true);
  const retry = popup.getByRole('button', { name: 'Retry', exact: true });
  const box = await retry.boundingBox();
  expect(box !== null && box.y + box.height <= 600, `Retry at ${JSON.stringify(box)}`).toBe(true);
});

test('partial: "1 of 2 files verified" on the badge, and the panel says which file', async ({ page }) => {
  await page.goto('https://pypi.org/project/sigstore/3.6.1/');
  await expectBadge(pypiTitleBadge(page), 'partial', 'pypi:sigstore@3.6.1');
  await expect(pypiTitleBadge(page).locator('.pl-badge')).toHaveAccessibleName(/^1 of 2 files verified/);
  await pypiTitleBadge(page).locator('.pl-badge').click();
  const dialog = page.locator('provenance-lens-panel dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.locator('tr', { hasText: 'sigstore-3.6.1.tar.gz' })).toContainText('Verified');
  await expect(dialog.locator('tr', { hasText: 'sigstore-3.6.1-py3-none-any.whl' })).toContainText('No provenance');
});

// The first screen of a verified release: who (repository, workflow), from what (ref/commit),
// when, "verified in your browser", for releases that add rows or notes above them.
for (const { url, badge, what } of [
  { url: 'https://www.npmjs.com/package/sigstore/v/2.3.1', badge: npmTitleBadge, what: 'npm' },
  { url: 'https://www.npmjs.com/package/@playwright/cli', badge: npmTitleBadge, what: 'npm scoped' },
  { url: 'https://pypi.org/project/lens-continuity-changed/1.1.0/', badge: pypiTitleBadge, what: 'publisher changed (amber note above)' },
  { url: 'https://pypi.org/project/lens-hostile-cert/', badge: pypiTitleBadge, what: 'long workflow, hostile values' },
] as const) {
  test(`first screen at 360 x 600 (${what}): verdict, repository, workflow, from, signed, verified in your browser`, async ({ page, openPopup }) => {
    await page.goto(url);
    await expect(badge(page)).toHaveAttribute('data-provenance-status', 'verified', { timeout: 40_000 });
    const popup = await openPopup(page);
    await popup.setViewportSize({ width: 360, height: 600 });
    await expect(popup.locator('.pl-verdict')).toBeVisible();
    const below: string[] = [];
    for (const sel of ['.pl-verdict', 'dt:text("Repository")', 'dt:text("Workflow")', 'dt:text("From")', 'dt:text("Signed")', '.pl-checked']) {
      const box = await popup.locator(sel).first().boundingBox();
      if (box === null || box.y + box.height > 600) below.push(`${sel} at ${box === null ? 'absent' : Math.round(box.y + box.height)}`);
    }
    expect(below).toEqual([]);
  });
}

test('a cut long value gives the whole value on hover (title) and on copy (selection), at 210 px', async ({ page, openPopup }) => {
  await page.goto('https://pypi.org/project/lens-hostile-cert/');
  await expect(pypiTitleBadge(page)).toHaveAttribute('data-provenance-status', 'verified', { timeout: 40_000 });
  const popup = await openPopup(page);
  await popup.setViewportSize({ width: 210, height: 700 });
  const workflow = popup.locator('.pl-summary .pl-long').nth(1);
  const got = await workflow.evaluate((el) => {
    const range = document.createRange();
    range.selectNodeContents(el);
    const sel = getSelection();
    sel?.removeAllRanges();
    sel?.addRange(range);
    return { cut: el.scrollWidth > el.clientWidth, title: el.getAttribute('title') ?? '', copied: sel?.toString() ?? '' };
  });
  expect(got.cut).toBe(true);
  expect(got.title.length).toBeGreaterThan(500);
  expect(got.copied).toBe(got.title);
});

// Release history (issue 17, items 1 and 4) in Chromium, on generated test-CA projects whose second
// release changed publisher or lost provenance: nothing is built until the fold is opened; then one
// mark per release, newest first, named in words; the notes from verified certificates; details on
// focus (one Tab stop, arrow keys along) and on hover; no axe violation; no sideways scroll in the
// popup at 360 px or at 200% zoom (210 px). The popup and the in-page panel show the same picture.
// Firefox (real data: npm sigstore, whose packument lists one release): the panel's fold, mark and keyboard.
import { test as base, type Locator, type Page } from '@playwright/test';
import { expectFirefoxBadge, NPM_TITLE, snapFirefoxPage } from './firefox/firefox-page';
import { useFirefoxSession } from './firefox/firefox-session';
import { axeViolations } from './support/axe';
import { expect, test } from './support/extension-test';
import { expectBadge, pypiTitleBadge, snapPage } from './support/page-inspection';
import { midWordBreaks, scrollsSideways } from './support/reflow';

interface ChromeRuntime {
  chrome: { runtime: { sendMessage: (message: unknown) => Promise<unknown> } };
}

/** Sends a message to the worker from an extension page, as the popup would. */
function askFrom(extensionPage: Page, message: unknown): Promise<unknown> {
  return extensionPage.evaluate((m) => (globalThis as unknown as ChromeRuntime).chrome.runtime.sendMessage(m), message);
}

/** Opens a Release history fold and returns its strip's marks, once drawn. */
async function openHistory(history: Locator): Promise<Locator> {
  await history.locator('summary').click();
  const strip = history.getByRole('list', { name: 'Releases, newest first' });
  await expect(strip).toBeVisible({ timeout: 30_000 });
  return strip.getByRole('button');
}

const CHANGED = 'lens-continuity-changed';
/** Its publishers' repositories (e2e/testca/generate-pypi.ts). */
const BEFORE = 'lens-e2e/continuity-changed';
const AFTER = 'lens-e2e-fork/continuity-changed';

test.use({ testca: true });

test.describe('Chromium', () => {
  test('popup: Release history is built only when opened, then shows each release, the publisher change and its details', async ({ page, openPopup }) => {
    await page.goto(`https://pypi.org/project/${CHANGED}/1.1.0/`);
    await expectBadge(pypiTitleBadge(page), 'verified', `pypi:${CHANGED}@1.1.0`);
    const popup = await openPopup(page);
    const history = popup.getByRole('region', { name: 'Release history' });
    await expect(history).toBeVisible();
    const progress = { type: 'page/timeline', pkg: { registry: 'pypi', name: CHANGED }, progress: true };
    // The page's own check and its continuity note ran; no timeline was started for the closed fold.
    expect(await askFrom(popup, progress)).toEqual({ ok: true, value: { kind: 'idle' } });

    const marks = await openHistory(history);
    await expect(marks).toHaveCount(2);
    await expect(marks.nth(0)).toHaveAccessibleName(`1.1.0: verified, ${AFTER} · release.yml; publisher changed`);
    await expect(marks.nth(1)).toHaveAccessibleName(`1.0.0: verified, ${BEFORE} · release.yml; provenance began`);
    await expect(marks.nth(0)).toHaveText('●');
    const notes = history.locator('.pl-tl-notes li');
    await expect(notes).toHaveText([
      'Provenance since the first release, 1.0.0',
      `Publisher changed at 1.1.0: ${BEFORE} · release.yml → ${AFTER} · release.yml`,
    ]);
    await expect(history.locator('.pl-tl-strip li').nth(0).locator('.pl-tl-flag')).toHaveText('⇄');

    // One Tab stop: from the fold's summary straight to the newest release, then arrows.
    const details = history.locator('.pl-tl-detail');
    await history.locator('summary').focus();
    await popup.keyboard.press('Tab');
    await expect(marks.nth(0)).toBeFocused();
    await expect(details).toHaveAttribute('data-release', '1.1.0');
    await popup.keyboard.press('ArrowRight');
    await expect(marks.nth(1)).toBeFocused();
    await expect(details).toHaveAttribute('data-release', '1.0.0');
    await expect(details).toContainText('1.0.0 · 2026-01-10');
    await expect(details).toContainText(`${BEFORE}`);
    await expect(details).toContainText('https://token.actions.githubusercontent.com');
    await expect(marks.nth(0)).toHaveAttribute('tabindex', '-1');
    await expect(marks.nth(1)).toHaveAttribute('tabindex', '0');
    await snapPage(popup, 'timeline-popup-focus');
    await marks.nth(0).hover();
    await expect(details).toHaveAttribute('data-release', '1.1.0');
    await expect(details).toContainText(`Publisher changed at 1.1.0: ${BEFORE}`);

    expect(await axeViolations(popup)).toEqual([]);
    // Every fold open, as e2e/reflow.spec.ts checks the popup: a closed fold's text has no layout to judge.
    await popup.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
    // The pointer resting on a mark must not count: hover expands long values on purpose.
    await popup.mouse.move(0, 0);
    for (const width of [360, 210]) {
      await popup.setViewportSize({ width, height: 700 });
      expect(await scrollsSideways(popup), `sideways at ${width}px`).toBe(false);
    }
    await snapPage(popup, 'timeline-popup-210-all-open');
    // Words are judged in the Release history alone; the rest of the popup is reflow.spec.ts's.
    await popup.evaluate(() => document.querySelectorAll<HTMLElement>('main > :not(.pl-timeline)').forEach((el) => (el.style.display = 'none')));
    for (const width of [360, 210]) {
      await popup.setViewportSize({ width, height: 700 });
      expect(await midWordBreaks(popup), `mid-word wraps at ${width}px`).toEqual([]);
    }
    await snapPage(popup, 'timeline-popup-210');
    // Kept for the worker's lifetime: asked again, it is there at once.
    expect(await askFrom(popup, progress)).toMatchObject({ ok: true, value: { kind: 'timeline', timeline: { name: CHANGED } } });
    await popup.close();
  });

  test('panel: the same Release history in the page, where provenance was lost', async ({ page }) => {
    await page.goto('https://pypi.org/project/lens-continuity-lost/');
    await expectBadge(pypiTitleBadge(page), 'none', 'pypi:lens-continuity-lost@1.1.0');
    await page.locator('h1 + provenance-lens-badge .pl-badge').click();
    const panel = page.locator('provenance-lens-panel dialog');
    await expect(panel).toBeVisible();
    const history = panel.getByRole('region', { name: 'Release history' });
    const marks = await openHistory(history);
    await expect(marks).toHaveCount(2);
    await expect(marks.nth(0)).toHaveAccessibleName('1.1.0: no provenance; provenance lost');
    await expect(marks.nth(0)).toHaveText('○');
    await expect(marks.nth(1)).toHaveAccessibleName('1.0.0: verified, lens-e2e/continuity-lost · release.yml; provenance began');
    await expect(history.locator('.pl-tl-notes')).toContainText('Provenance lost since 1.1.0 (had it 1.0.0)');
    await history.locator('summary').focus();
    await page.keyboard.press('Tab');
    await expect(marks.nth(0)).toBeFocused();
    await page.keyboard.press('End');
    await expect(marks.nth(1)).toBeFocused();
    await expect(history.locator('.pl-tl-detail')).toContainText('lens-e2e/continuity-lost');
    expect(await axeViolations(page, ['provenance-lens-panel'])).toEqual([]);
    await snapPage(page, 'timeline-panel');
  });
});

/** Read in the page (passed as source): the panel's Release history, and where focus is inside it. */
function panelHistory() {
  const root = document.querySelector('provenance-lens-panel')?.shadowRoot;
  const marks = [...(root?.querySelectorAll('.pl-tl-strip button') ?? [])];
  return {
    marks: marks.map((m) => m.getAttribute('aria-label')),
    notes: [...(root?.querySelectorAll('.pl-tl-notes li') ?? [])].map((li) => li.textContent),
    focused: marks.indexOf(root?.activeElement as Element),
    shown: root?.querySelector('.pl-tl-detail')?.getAttribute('data-release') ?? null,
  };
}

base.describe('Firefox', () => {
  const session = useFirefoxSession();

  base('panel (Firefox): Release history of npm sigstore, reached by keyboard', async () => {
    const tab = await session.newTab();
    await tab.goto('https://www.npmjs.com/package/sigstore');
    await expectFirefoxBadge(tab, NPM_TITLE, 'verified', 'npm:sigstore@2.3.1');
    await tab.evaluate(() => document.querySelector('#top h1 + provenance-lens-badge')?.shadowRoot?.querySelector<HTMLButtonElement>('.pl-badge')?.click());
    await expect.poll(() => tab.evaluate(() => document.querySelector('provenance-lens-panel')?.shadowRoot?.querySelector('dialog')?.open === true)).toBe(true);
    await tab.evaluate(() => document.querySelector('provenance-lens-panel')?.shadowRoot?.querySelector<HTMLElement>('.pl-timeline summary')?.click());
    await expect.poll(() => tab.evaluate(panelHistory).then((h) => h.marks.length), { timeout: 30_000 }).toBe(1);
    const history = await tab.evaluate(panelHistory);
    expect(history.marks).toEqual(['2.3.1: verified, sigstore/sigstore-js · release.yml; provenance began']);
    expect(history.notes).toEqual(['Provenance since the first release, 2.3.1']);
    await tab.evaluate(() => document.querySelector('provenance-lens-panel')?.shadowRoot?.querySelector<HTMLElement>('.pl-timeline summary')?.focus());
    await tab.keyboard.press('Tab');
    await expect.poll(() => tab.evaluate(panelHistory).then((h) => [h.focused, h.shown])).toEqual([0, '2.3.1']);
    // The only mark: arrows keep focus on it rather than lose it.
    await tab.keyboard.press('ArrowRight');
    expect(await tab.evaluate(panelHistory).then((h) => h.focused)).toBe(0);
    await snapFirefoxPage(tab, 'timeline-panel-firefox');
  });
});

// Review 4 of issue 16 in Firefox ESR (dist/firefox, puppeteer over WebDriver BiDi; see
// e2e/firefox/README.md): the same findings as the Chromium review4 specs where the harness can
// drive them. Retry keeps focus (badge ↻ and popup Retry); a "not found" page's live region stays
// silent; the popup declares color-scheme: light dark.
import { expect, test } from '@playwright/test';
import type { Page } from 'puppeteer-core';
import { expectFirefoxBadge, PYPI_TITLE } from '../firefox/firefox-page';
import { useFirefoxSession } from '../firefox/firefox-session';

const session = useFirefoxSession();

const URL = 'https://pypi.org/project/lens-fixture-error/2.0.0/';

function deepFocus(tab: Page): Promise<string> {
  return tab.evaluate(() => {
    let el: Element | null = document.activeElement;
    const path: string[] = [];
    while (el !== null) {
      path.push(`${el.localName}${el.classList.length ? `.${[...el.classList].join('.')}` : ''}`);
      const inner: Element | null = el.shadowRoot?.activeElement ?? null;
      if (inner === null) return path.join('>');
      el = inner;
    }
    return 'none';
  });
}

const titleStatus = (tab: Page) => tab.evaluate(() => document.querySelector('h1 + provenance-lens-badge')?.getAttribute('data-provenance-status') ?? null);

test("Firefox: the badge's ↻ retry keeps focus after the retry settles", async () => {
  const tab = await session.newTab();
  await tab.goto(URL);
  await expectFirefoxBadge(tab, PYPI_TITLE, 'unavailable', 'pypi:lens-fixture-error@2.0.0');
  await tab.evaluate(() => {
    const host = document.querySelector('h1 + provenance-lens-badge');
    (window as unknown as { __saw: boolean }).__saw = false;
    if (host) new MutationObserver(() => host.getAttribute('data-provenance-status') === 'loading' && ((window as unknown as { __saw: boolean }).__saw = true)).observe(host, { attributes: true });
    host?.shadowRoot?.querySelector<HTMLButtonElement>('.pl-retry')?.focus();
  });
  expect(await deepFocus(tab)).toBe('provenance-lens-badge>button.pl-retry');
  await tab.keyboard.press('Enter');
  await expect.poll(() => tab.evaluate(() => (window as unknown as { __saw: boolean }).__saw)).toBe(true);
  await expect.poll(() => titleStatus(tab), { timeout: 30_000 }).toBe('unavailable');
  expect(await deepFocus(tab)).toBe('provenance-lens-badge>button.pl-retry');
});

test('Firefox: the popup Retry keeps focus after the retry settles; the popup declares color-scheme', async () => {
  const tab = await session.newTab();
  await tab.goto(URL);
  await expectFirefoxBadge(tab, PYPI_TITLE, 'unavailable', 'pypi:lens-fixture-error@2.0.0');
  const popup = await session.openPopup(tab);
  await expect.poll(() => popup.evaluate(() => [...document.querySelectorAll('button')].some((b) => b.textContent?.trim() === 'Retry'))).toBe(true);
  expect(await popup.evaluate(() => getComputedStyle(document.documentElement).colorScheme)).toBe('light dark');
  const before = await popup.evaluate(() => {
    const w = window as unknown as { __saw: boolean };
    w.__saw = false;
    new MutationObserver(() => document.querySelector('.pl-verdict')?.textContent?.includes('Checking') && (w.__saw = true)).observe(document.body, { subtree: true, childList: true, characterData: true });
    // The popup is a background tab here (so it reads the package tab as active), and keys do not
    // reach it: focus the button, then activate it as Enter would, without moving focus.
    const retry = [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Retry');
    retry?.focus();
    const focused = `${document.activeElement?.localName} ${document.activeElement?.textContent?.trim()}`;
    retry?.click();
    return focused;
  });
  expect(before, 'focus was on Retry when it was pressed').toBe('button Retry');
  await expect.poll(() => popup.evaluate(() => (window as unknown as { __saw: boolean }).__saw)).toBe(true);
  await expect.poll(() => popup.evaluate(() => document.querySelector('.pl-verdict')?.textContent ?? ''), { timeout: 30_000 }).toContain("Couldn't check");
  expect(await popup.evaluate(() => `${document.activeElement?.localName} ${document.activeElement?.textContent?.trim()}`)).toBe('button Retry');
});

test('Firefox: a PyPI "not found" page gets no badge and its live region announces nothing', async () => {
  const tab = await session.newTab();
  await tab.goto('https://pypi.org/project/lens-no-such-project-ff/');
  await new Promise((r) => setTimeout(r, 4000));
  expect(await tab.evaluate(() => document.querySelectorAll('[data-provenance-status]').length)).toBe(0);
  const said = await tab.evaluate(() => document.querySelector('provenance-lens-status')?.shadowRoot?.querySelector('[aria-live]')?.textContent ?? '');
  expect(said).toBe('');
});

// Review 4 of issue 16, requirement 4: badge colours follow the page they sit on; every badge state
// (checking included) clears 4.5:1 for its text and its focus ring 3:1 against what is behind it,
// on the registries' light pages and on a dark page. Measured in the page: the button's own colours
// for the text, and the ring colour (its outline when focused as by the keyboard, drawn 2 px outside
// the button) against the nearest
// painted background behind the badge host.
import type { Page } from '@playwright/test';
import { axeViolations } from '../support/axe';
import { expect, test } from '../support/extension-test';
import { expectBadge, npmTitleBadge, pypiTitleBadge } from '../support/page-inspection';

interface Measured {
  status: string;
  scheme: string;
  text: number;
  ring: number;
}

/** Every badge of ours: text contrast inside the button, focus-ring contrast against the page behind. */
function measure(page: Page): Promise<Measured[]> {
  return page.evaluate(() => {
    const parse = (c: string): number[] => {
      const m = /rgba?\(([^)]+)\)/.exec(c);
      if (m === null) {
        return [0, 0, 0, 0];
      }
      const parts = (m[1] ?? '').split(/[\s,/]+/).filter(Boolean).map(Number);
      return [parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0, parts[3] ?? 1];
    };
    const lum = ([r, g, b]: number[]) => {
      const lin = (v: number) => (v / 255 <= 0.03928 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4);
      return 0.2126 * lin(r ?? 0) + 0.7152 * lin(g ?? 0) + 0.0722 * lin(b ?? 0);
    };
    const ratio = (a: number[], b: number[]) => {
      const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p) as [number, number];
      return Math.round(((x + 0.05) / (y + 0.05)) * 100) / 100;
    };
    /** The first painted (mostly opaque) background at or above `el`, crossing shadow boundaries. */
    const behind = (start: Element | null): number[] => {
      for (let el: Element | null = start; el !== null; ) {
        const bg = parse(getComputedStyle(el).backgroundColor);
        if ((bg[3] ?? 0) > 0.5) return bg;
        el = el.parentElement ?? ((el.getRootNode() as ShadowRoot).host ?? null);
      }
      return [255, 255, 255, 1];
    };
    return [...document.querySelectorAll('provenance-lens-badge')].flatMap((host) => {
      const button = host.shadowRoot?.querySelector<HTMLElement>('.pl-badge');
      // A badge in a hidden tab panel (PyPI's files tab) is not drawn and cannot take focus.
      if (!button || button.getClientRects().length === 0) return [];
      // The ring as drawn: focused as by the keyboard (focus-visible), then read.
      button.focus({ focusVisible: true } as FocusOptions);
      const style = getComputedStyle(button);
      const ringColor = style.outlineStyle === 'none' ? 'rgba(0,0,0,0)' : style.outlineColor;
      const surface = behind(host.parentElement);
      return [
        {
          status: host.getAttribute('data-provenance-status') ?? '',
          scheme: host.getAttribute('data-pl-scheme') ?? 'light',
          text: ratio(parse(style.color), parse(style.backgroundColor)),
          ring: ratio(parse(ringColor), surface),
        },
      ];
    });
  });
}

function expectReadable(found: Measured[]): void {
  expect(found.length).toBeGreaterThan(0);
  for (const m of found) {
    expect(m.text, `text of ${JSON.stringify(m)}`).toBeGreaterThanOrEqual(4.5);
    expect(m.ring, `focus ring of ${JSON.stringify(m)}`).toBeGreaterThanOrEqual(3);
  }
}

test('light registry pages: every state, checking included, 4.5:1 text and 3:1 ring', async ({ page }) => {
  // Checking: the Integrity API never answers (held ~11 s), so the badges stay "checking".
  await page.goto('https://pypi.org/project/lens-fault-hang-r4001/');
  await expect(pypiTitleBadge(page)).toHaveAttribute('data-provenance-status', 'loading');
  expectReadable(await measure(page));
  expect(await axeViolations(page, ['provenance-lens-badge'])).toEqual([]);
  for (const [url, status, id] of [
    ['https://pypi.org/project/sampleproject/4.0.0/', 'verified', 'pypi:sampleproject@4.0.0'],
    ['https://pypi.org/project/sigstore/3.6.1/', 'partial', 'pypi:sigstore@3.6.1'],
    ['https://pypi.org/project/lens-fixture-none/', 'none', 'pypi:lens-fixture-none@1.2.0'],
    ['https://pypi.org/project/lens-fixture-error/2.0.0/', 'unavailable', 'pypi:lens-fixture-error@2.0.0'],
  ] as const) {
    await page.goto(url);
    await expectBadge(pypiTitleBadge(page), status, id, 40_000);
    expectReadable(await measure(page));
  }
  await page.goto('https://www.npmjs.com/package/@trishankatdatadog/supreme-goggles');
  await expect(npmTitleBadge(page)).toHaveAttribute('data-provenance-status', 'invalid');
  expectReadable(await measure(page));
});

test('a page that paints itself dark before we arrive: checking badge dark and readable', async ({ page }) => {
  await page.addInitScript(() =>
    document.addEventListener('DOMContentLoaded', () => {
      const style = document.createElement('style');
      style.textContent = 'html, body { background: #121212 !important; color: #e8eaed !important; }';
      document.head.append(style);
    }),
  );
  await page.goto('https://pypi.org/project/lens-fault-hang-r4002/');
  await expect(pypiTitleBadge(page)).toHaveAttribute('data-provenance-status', 'loading');
  await expect(pypiTitleBadge(page)).toHaveAttribute('data-pl-scheme', 'dark');
  expectReadable(await measure(page));
});

test('a page that turns dark with the system setting while open: the badge follows it', async ({ page }) => {
  // A registry page styled for both schemes (prefers-color-scheme), seen in light, then the
  // person's system switches to dark (evening schedule) with the tab open.
  await page.emulateMedia({ colorScheme: 'light' });
  await page.addInitScript(() =>
    document.addEventListener('DOMContentLoaded', () => {
      const style = document.createElement('style');
      style.textContent = '@media (prefers-color-scheme: dark) { html, body { background: #121212 !important; color: #e8eaed !important; } }';
      document.head.append(style);
    }),
  );
  await page.goto('https://pypi.org/project/sampleproject/4.0.0/');
  await expectBadge(pypiTitleBadge(page), 'verified', 'pypi:sampleproject@4.0.0');
  expect(await pypiTitleBadge(page).getAttribute('data-pl-scheme')).toBeNull();
  await page.emulateMedia({ colorScheme: 'dark' });
  expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(18, 18, 18)');
  await page.waitForTimeout(2000);
  const after = await measure(page);
  expect.soft(await pypiTitleBadge(page).getAttribute('data-pl-scheme'), 'the badge took the dark palette').toBe('dark');
  expectReadable(after);
});

test("npm with a dark main column (the body itself unpainted): the badge's focus ring stays visible", async ({ page }) => {
  // Dark themes often paint the app's container, not <body>.
  await page.addInitScript(() =>
    document.addEventListener('DOMContentLoaded', () => {
      const style = document.createElement('style');
      style.textContent = '#top { background: #121212 !important; color: #e8eaed !important; }';
      document.head.append(style);
    }),
  );
  await page.goto('https://www.npmjs.com/package/sigstore/v/2.3.1');
  await expectBadge(npmTitleBadge(page), 'verified', 'npm:sigstore@2.3.1');
  expectReadable(await measure(page));
});

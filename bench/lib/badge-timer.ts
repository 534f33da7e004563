// Time from navigation to final badges, read from the page's own clock. An init script (main
// world, present before any page script or content script) watches every badge host's
// `data-provenance-status` (DESIGN 4) and notes performance.now() when it leaves `loading`.
// performance.now() counts from the navigation's start, so both figures come from one clock:
// since navigation start, and since DOMContentLoaded.
import type { Page } from '@playwright/test';

const ATTR = 'data-provenance-status';

interface BadgeClock {
  /** null until at least `expected` connected badges are all final. */
  done(expected: number): { finalAt: number; domContentLoaded: number; statuses: string[] } | null;
}

// Plain JavaScript source, not a serialised TypeScript function: tsx compiles with esbuild's
// keepNames, whose `__name(...)` helper calls would not exist in the page.
const CLOCK_SCRIPT = `(() => {
  const attr = ${JSON.stringify(ATTR)};
  const finalAt = new Map();
  const note = (el) => {
    const status = el.getAttribute(attr);
    if (status === null || status === 'loading') finalAt.delete(el);
    else if (!finalAt.has(el)) finalAt.set(el, performance.now());
  };
  new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === 'attributes') note(r.target);
      // A host may get its status before it is placed in the page.
      for (const node of r.addedNodes) {
        if (!(node instanceof Element)) continue;
        if (node.hasAttribute(attr)) note(node);
        for (const inner of node.querySelectorAll('[' + attr + ']')) note(inner);
      }
    }
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: [attr] });
  globalThis.__provenanceLensBadgeClock = {
    done(expected) {
      const hosts = [...document.querySelectorAll('[' + attr + ']')];
      if (hosts.length < expected || hosts.some((h) => !finalAt.has(h))) return null;
      const nav = performance.getEntriesByType('navigation')[0];
      return {
        finalAt: Math.max(...hosts.map((h) => finalAt.get(h))),
        domContentLoaded: nav ? nav.domContentLoadedEventStart : NaN,
        statuses: hosts.map((h) => h.getAttribute(attr)),
      };
    },
  };
})();`;

export async function addBadgeClock(page: Page): Promise<void> {
  await page.addInitScript({ content: CLOCK_SCRIPT });
}

export interface BadgeTiming {
  /** ms from navigation start until the last expected badge was final. */
  sinceNavigation: number;
  /** ms from DOMContentLoaded until then. */
  sinceDomContentLoaded: number;
  statuses: string[];
}

/** Navigates and waits until `expected` badges are final; the page must have addBadgeClock. */
export async function timeToBadges(page: Page, url: string, expected: number, timeoutMs = 30_000): Promise<BadgeTiming> {
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  const handle = await page.waitForFunction(
    (n) => (globalThis as { __provenanceLensBadgeClock?: BadgeClock }).__provenanceLensBadgeClock?.done(n) ?? null,
    expected,
    { timeout: timeoutMs, polling: 20 },
  );
  const result = (await handle.jsonValue()) as NonNullable<ReturnType<BadgeClock['done']>>;
  await handle.dispose();
  return {
    sinceNavigation: result.finalAt,
    sinceDomContentLoaded: result.finalAt - result.domContentLoaded,
    statuses: result.statuses,
  };
}

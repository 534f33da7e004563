// Time from navigation to final badges, read from the page's own clock. An init script (main
// world, present before any page script or content script) watches every badge host's
// `data-provenance-status` (DESIGN 4) and notes performance.now() when it leaves `loading`.
// performance.now() counts from the navigation's start, so both figures come from one clock:
// since navigation start, and since DOMContentLoaded.
// The harness waits on a promise the clock resolves, not by polling: Playwright's polling
// evaluates in the page every 20 ms, and its first evaluation in a new document (several ms of
// script) landed inside the very window being measured.
import type { Page } from '@playwright/test';

const ATTR = 'data-provenance-status';

interface ClockResult {
  finalAt: number;
  domContentLoaded: number;
  /** The load event's start, NaN while it has not come (npm's badges wait for it: hydration). */
  load: number;
  statuses: string[];
}

// Plain JavaScript source, not a serialised TypeScript function: tsx compiles with esbuild's
// keepNames, whose `__name(...)` helper calls would not exist in the page.
const CLOCK_SCRIPT = `(() => {
  const attr = ${JSON.stringify(ATTR)};
  const finalAt = new Map();
  const waiting = [];
  const note = (el) => {
    const status = el.getAttribute(attr);
    if (status === null || status === 'loading') finalAt.delete(el);
    else if (!finalAt.has(el)) finalAt.set(el, performance.now());
  };
  // null until \`expected\` connected badges are final; then the time the last of those first
  // \`expected\` became final. Not the latest of every badge: a release page draws the badges of
  // its hidden tabs (details, Security) when idle, after the ones on screen, and a figure that
  // counted them measured whether that idle pass happened to run before the harness asked.
  const done = (expected) => {
    const hosts = [...document.querySelectorAll('[' + attr + ']')];
    const times = hosts.filter((h) => finalAt.has(h)).map((h) => finalAt.get(h)).sort((a, b) => a - b);
    if (times.length < expected) return null;
    const nav = performance.getEntriesByType('navigation')[0];
    return {
      finalAt: times[expected - 1],
      domContentLoaded: nav ? nav.domContentLoadedEventStart : NaN,
      load: nav && nav.loadEventStart > 0 ? nav.loadEventStart : NaN,
      statuses: hosts.map((h) => h.getAttribute(attr)),
    };
  };
  const settle = () => {
    for (const w of [...waiting]) {
      const result = done(w.expected);
      if (result === null) continue;
      waiting.splice(waiting.indexOf(w), 1);
      w.resolve(result);
    }
  };
  new MutationObserver((records) => {
    let touched = false;
    const seen = (el) => {
      note(el);
      touched = true;
    };
    for (const r of records) {
      if (r.type === 'attributes') seen(r.target);
      // A host may get its status before it is placed in the page.
      for (const node of r.addedNodes) {
        if (!(node instanceof Element)) continue;
        if (node.hasAttribute(attr)) seen(node);
        for (const inner of node.querySelectorAll('[' + attr + ']')) seen(inner);
      }
      for (const node of r.removedNodes) if (node instanceof Element && node.hasAttribute(attr)) touched = true;
    }
    // Judged only when a badge changed, so the clock adds no work to the page's own mutations.
    if (touched && waiting.length > 0) settle();
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: [attr] });
  globalThis.__provenanceLensBadgeClock = {
    whenDone(expected) {
      return new Promise((resolve) => {
        waiting.push({ expected, resolve });
        settle();
      });
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
  /**
   * ms from the load event until then (NaN when the badges were final first). npm's badges wait
   * for the load event, when its client has hydrated the page (src/content/npm-site.ts).
   */
  sinceLoad: number;
  statuses: string[];
}

// A person navigates from a page that has finished its work; so does the next measured visit.
// Without this, a warm revisit started while the last page still drew its hidden badges and the
// worker still wrote its records, and measured that backlog.
const SETTLE_MS = 100;

async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('load');
  await page.evaluate(() => new Promise((done) => requestIdleCallback(done, { timeout: 1000 })));
  await new Promise((done) => setTimeout(done, SETTLE_MS));
}

/** Navigates and waits until `expected` badges are final; the page must have addBadgeClock. */
export async function timeToBadges(page: Page, url: string, expected: number, timeoutMs = 30_000): Promise<BadgeTiming> {
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${url}: ${expected} final badges not seen within ${timeoutMs} ms`)), timeoutMs);
  });
  const result = await Promise.race([
    page.evaluate((n) => (globalThis as unknown as { __provenanceLensBadgeClock: { whenDone(n: number): Promise<ClockResult> } }).__provenanceLensBadgeClock.whenDone(n), expected),
    timeout,
  ]).finally(() => clearTimeout(timer));
  await settle(page);
  return {
    sinceNavigation: result.finalAt,
    sinceDomContentLoaded: result.finalAt - result.domContentLoaded,
    sinceLoad: result.finalAt - result.load,
    statuses: result.statuses,
  };
}

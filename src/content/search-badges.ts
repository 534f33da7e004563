// Badges on registry search results, asked for only as results scroll into view and only when
// the user left "Show badges on search results" on.
import { onQuietChanges } from './quiet-changes';
import type { PackageRef } from '../core/verdict';
import { type Ask, searchVerdictLoader } from '../ui/worker-client';
import { packageAttr } from '../ui/display-state';
import type { Locate } from './mount';
import { perTask } from './per-task';
import { mountPackageBadge } from './package-badge';
import { createVerdictSource, type LoadVerdict } from './verdict-source';
import type { Told } from './early-verdict';

/**
 * A result link's target as a path on the current site. Links elsewhere give null, so a crafted
 * absolute URL in a result cannot make us badge another site's package.
 */
export function sameSitePath(link: Element): { pathname: string; search: string } | null {
  const raw = link.getAttribute('href');
  if (raw === null) return null;
  try {
    const url = new URL(raw, document.baseURI);
    return url.origin === location.origin ? { pathname: url.pathname, search: url.search } : null;
  } catch {
    return null;
  }
}

export interface SearchResult {
  /** The result's link: observed for visibility. */
  element: Element;
  pkg: PackageRef;
  /** Where this result's badge goes in the result as it is rendered now. */
  locate: Locate;
}

/**
 * Whether a result is on screen in the layout the page already has. The observer's first report
 * waits for the next frame; a result in view from the start is asked for at once, which on a
 * warm search page was a third of the time to badge.
 */
function onScreen(element: Element): boolean {
  const r = element.getBoundingClientRect();
  return r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 && r.top < window.innerHeight && r.left < window.innerWidth;
}

/** A result's loader that takes its told verdict, if any, on the first load only: a retry asks. */
export function toldFirst(told: Promise<Told>, key: string, loadVerdict: LoadVerdict): LoadVerdict {
  let used = false;
  return (pkg) => {
    if (used) return loadVerdict(pkg);
    used = true;
    return told.then((verdicts) => {
      const entry = verdicts.get(key);
      // Not once the registry's freshness of it has ended while the page loaded: asked anew.
      const fresh = entry !== undefined && (entry.until === undefined || Date.now() < entry.until);
      return fresh ? { ok: true as const, value: entry.verdict } : loadVerdict(pkg);
    });
  };
}

/** How long the first look's results wait for the told verdicts before asking as always. */
export const TOLD_WAIT_MS = 150;

/**
 * Runs until the returned function is called; `findResults` is re-run as the page changes.
 * `told`: the kept verdicts the worker tells the page as it starts (early-verdict.ts): a result
 * on screen at the start shows its told verdict instead of asking, since it is what the worker
 * would answer (the same cached answer, note and pin, checked against any retry since); the
 * reply the ask would bring, a second copy of every verdict, is not decoded and drawn again on
 * the page's main thread as it lays itself out.
 */
export function startSearchBadges(readResults: () => SearchResult[], ask: Ask, told: Promise<Told>): () => void {
  const findResults = perTask(readResults);
  const loadVerdict = searchVerdictLoader(ask);
  // A badge is sent its verdict abridged; the details panel asks for it whole.
  const loadWhole = searchVerdictLoader(ask, true);
  let stopped = false;
  // Results seen before the settings answer are asked for at once (the worker itself answers
  // only while the setting is on); their badges are drawn once consent is known.
  let consent: boolean | undefined;
  // Told in time, or as good as nothing: a worker slow to tell is asked as always.
  const toldInTime = Promise.race([told, new Promise<Told>((resolve) => setTimeout(() => resolve(new Map()), TOLD_WAIT_MS))]);
  // The first look's results wait for what is told; a result drawn later, or a retry, asks.
  let atStart = true;
  const early: (() => void)[] = [];
  // Keyed by package, not node: the site may re-render a result as a new node at any time.
  const shown = new Set<string>();
  const waiting = new Map<string, Element>();
  const cleanups: (() => void)[] = [];

  // Where a shown badge goes is looked up afresh, so it follows the result into a re-render.
  const locateCurrent =
    (key: string): Locate =>
    () =>
      findResults()
        .find((r) => packageAttr(r.pkg) === key)
        ?.locate() ?? null;

  const show = (key: string, pkg: PackageRef) => {
    if (consent === false) return;
    shown.add(key);
    const source = createVerdictSource(pkg, atStart ? toldFirst(toldInTime, key, loadVerdict) : loadVerdict, undefined, loadWhole);
    cleanups.push(() => source.dispose());
    const mount = () => cleanups.push(mountPackageBadge(source, locateCurrent(key), 'compact'));
    if (consent) mount();
    else early.push(mount);
  };

  const visibility =
    typeof IntersectionObserver === 'function'
      ? new IntersectionObserver((entries) => {
          const visible = new Set(entries.filter((e) => e.isIntersecting).map((e) => e.target));
          if (visible.size === 0) return;
          for (const result of findResults()) {
            const key = packageAttr(result.pkg);
            if (!visible.has(result.element) || shown.has(key)) continue;
            waiting.delete(key);
            visibility?.unobserve(result.element);
            show(key, result.pkg);
          }
        })
      : null;

  const scan = () => {
    for (const result of findResults()) {
      const key = packageAttr(result.pkg);
      if (shown.has(key)) continue;
      const before = waiting.get(key);
      if (visibility === null || onScreen(result.element)) {
        if (before !== undefined) visibility?.unobserve(before);
        waiting.delete(key);
        show(key, result.pkg);
        continue;
      }
      if (before === result.element) continue;
      if (before !== undefined) visibility.unobserve(before);
      waiting.set(key, result.element);
      visibility.observe(result.element);
    }
  };

  scan();
  atStart = false;
  // Results rendered later (npm's client-side search) are picked up on the next quiet moment.
  const changes = onQuietChanges(scan);

  const stop = () => {
    stopped = true;
    changes.stop();
    visibility?.disconnect();
    waiting.clear();
    early.length = 0;
    for (const cleanup of cleanups) cleanup();
  };

  const consented = () => {
    consent = true;
    for (const mount of early) mount();
    early.length = 0;
  };

  void toldInTime.then((verdicts) => {
    // Told only while the setting is on (router.ts); the settings answer still takes them down.
    if (!stopped && verdicts.size > 0 && consent === undefined) consented();
  });

  void ask({ type: 'content/settings' }).then((reply) => {
    if (stopped) return;
    // No answer means no consent on record: stay quiet rather than badge against the setting.
    if (!reply.ok || !reply.value.searchBadges) {
      consent = false;
      stop();
      return;
    }
    consented();
  });

  return stop;
}

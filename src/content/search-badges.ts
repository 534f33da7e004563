// Badges on registry search results, asked for only as results scroll into view and only when
// the user left "Show badges on search results" on.
import { onQuietChanges } from './quiet-changes';
import type { PackageRef } from '../core/verdict';
import { type Ask, searchVerdictLoader } from '../ui/worker-client';
import { packageAttr } from '../ui/display-state';
import type { Locate } from './mount';
import { perTask } from './per-task';
import { mountPackageBadge } from './package-badge';
import { createVerdictSource, type VerdictSource } from './verdict-source';
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

/**
 * Runs until the returned function is called; `findResults` is re-run as the page changes.
 * `told`: the kept verdicts the worker tells the page as it starts (early-verdict.ts), for the
 * results on screen at the start; each shows until its own ask is answered.
 */
export function startSearchBadges(readResults: () => SearchResult[], ask: Ask, told: Promise<Told> = Promise.resolve(new Map())): () => void {
  const findResults = perTask(readResults);
  const loadVerdict = searchVerdictLoader(ask);
  let stopped = false;
  // Results seen before the settings answer are asked for at once (the worker itself answers
  // only while the setting is on); their badges are drawn once consent is known.
  let consent: boolean | undefined;
  // The first look's results, which take early verdicts; a result drawn later asks, and waits.
  let atStart: Map<string, VerdictSource> | null = new Map();
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
    const source = createVerdictSource(pkg, loadVerdict);
    atStart?.set(key, source);
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
  const first = atStart;
  atStart = null;
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

  void told.then((verdicts) => {
    if (stopped || verdicts.size === 0) return;
    // Told only while the setting is on (router.ts); the settings answer still takes them down.
    if (consent === undefined) consented();
    for (const [key, source] of first) {
      const verdict = verdicts.get(key);
      if (verdict !== undefined) source.offer(verdict);
    }
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

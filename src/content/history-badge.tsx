// One release row's badge in a release history, and the loader its verdicts go through: a
// history can list hundreds of releases, so only a few are asked for at a time, in the order
// their rows came into view, and whatever still waits is dropped when the page goes away.
import type { PackageRef } from '../core/verdict';
import { Badge } from '../ui/Badge';
import { packageBadgeView } from '../ui/badge-text';
import { statusOf } from '../ui/display-state';
import { BADGE_CSS } from '../ui/styles';
import { openDetailsPanel } from './details-panel';
import { type Locate, mountBadge } from './mount';
import type { LoadVerdict, VerdictSource } from './verdict-source';

/**
 * The host carries `data-provenance-release` and `data-provenance-status` (DESIGN 4), and no
 * `data-provenance-package`: that one names what the page itself shows, and scripts that look
 * for the page's badge by it must not find a row's.
 */
export function mountReleaseBadge(source: VerdictSource, version: string, locate: Locate): () => void {
  const badge = mountBadge({ locate, css: BADGE_CSS, data: { 'provenance-release': version, 'provenance-status': 'loading' } });
  const unsubscribe = source.subscribe((state) => {
    badge.host.setAttribute('data-provenance-status', statusOf(state));
    badge.render(<Badge view={packageBadgeView(state)} compact onOpen={(opener) => openDetailsPanel(source, opener)} onRetry={() => source.retry()} />);
  });
  return () => {
    unsubscribe();
    badge.destroy();
  };
}

/**
 * Releases in flight at once from one page. The worker answers those that arrive together in one
 * reply, and fetches with its own per-host limit; this bounds what a page that goes away leaves
 * behind in the worker to this many releases.
 */
export const RELEASES_IN_FLIGHT = 4;

export interface QueuedLoader {
  load: LoadVerdict;
  /** Drops every release still waiting; their answers never come (their badges are gone). */
  cancel(): void;
}

export function queuedLoader(load: LoadVerdict, inFlight = RELEASES_IN_FLIGHT): QueuedLoader {
  const waiting: { pkg: PackageRef; answer: (value: Awaited<ReturnType<LoadVerdict>>) => void }[] = [];
  let running = 0;
  let cancelled = false;
  const pump = () => {
    while (!cancelled && running < inFlight && waiting.length > 0) {
      const next = waiting.shift() as (typeof waiting)[number];
      running++;
      void load(next.pkg).then((outcome) => {
        running--;
        next.answer(outcome);
        pump();
      });
    }
  };
  return {
    load: (pkg) =>
      new Promise((answer) => {
        if (cancelled) return;
        waiting.push({ pkg, answer });
        pump();
      }),
    cancel() {
      cancelled = true;
      waiting.length = 0;
    },
  };
}

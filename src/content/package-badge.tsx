// A badge bound to a verdict source: the package title badge and each search result's badge.
import { Badge } from '../ui/Badge';
import { packageBadgeView } from '../ui/badge-text';
import { packageAttr, resolvedPkg, statusOf } from '../ui/display-state';
import { BADGE_CSS } from '../ui/styles';
import { announce, prepareAnnouncer } from './announce';
import { openDetailsPanel } from './details-panel';
import { type Locate, mountBadge } from './mount';
import type { VerdictSource } from './verdict-source';

/**
 * Says the verdict only once its badge is on the page: a page without the heading (a "not found"
 * page) shows no badge, and a sentence ending "Open details" would point at nothing. The heading
 * may arrive a moment after the verdict, so this looks again a few times.
 */
function announceWhenPlaced(host: HTMLElement, text: string, tries = 6): void {
  if (host.isConnected) announce(text);
  else if (tries > 0) setTimeout(() => announceWhenPlaced(host, text, tries - 1), 500);
}

/** `title`: the badge beside the page's heading, which follows that heading (mount.ts `follow`). */
export function mountPackageBadge(source: VerdictSource, locate: Locate, kind: 'title' | 'compact' = 'title'): () => void {
  const compact = kind === 'compact';
  const badge = mountBadge({ locate, css: BADGE_CSS, follow: kind === 'title' });
  if (kind === 'title') prepareAnnouncer();
  let settled = false;
  // A retry pressed on this badge, until its check settles: the badge keeps its ↻ meanwhile.
  let retrying = false;
  const unsubscribe = source.subscribe((state) => {
    if (state.kind !== 'loading') retrying = false;
    const view = packageBadgeView(state);
    // The page's own verdict is said once it is known, and again when a retry settles anew.
    if (kind === 'title' && settled !== (state.kind !== 'loading')) {
      settled = !settled;
      if (settled) announceWhenPlaced(badge.host, `Provenance Lens: ${view.fullText}`);
    }
    badge.setData(statusOf(state), packageAttr(resolvedPkg(state)), view.continuity ?? null, view.consistency ?? null);
    badge.render(
      <Badge
        view={view}
        compact={compact}
        onOpen={(opener) => openDetailsPanel(source, opener)}
        onRetry={() => {
          retrying = true;
          source.retry();
        }}
        retrying={retrying}
      />,
    );
  });
  return () => {
    unsubscribe();
    badge.destroy();
  };
}

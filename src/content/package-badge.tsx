// A badge bound to a verdict source: the package title badge and each search result's badge.
import { Badge } from '../ui/Badge';
import { packageBadgeView } from '../ui/badge-text';
import { packageAttr, resolvedPkg, statusOf } from '../ui/display-state';
import { BADGE_CSS } from '../ui/styles';
import { announce, prepareAnnouncer } from './announce';
import { openDetailsPanel } from './details-panel';
import { type Locate, mountBadge } from './mount';
import type { VerdictSource } from './verdict-source';

/** `title`: the badge beside the page's heading, which follows that heading (mount.ts `follow`). */
export function mountPackageBadge(source: VerdictSource, locate: Locate, kind: 'title' | 'compact' = 'title'): () => void {
  const compact = kind === 'compact';
  const badge = mountBadge({ locate, css: BADGE_CSS, follow: kind === 'title' });
  if (kind === 'title') prepareAnnouncer();
  let settled = false;
  const unsubscribe = source.subscribe((state) => {
    const view = packageBadgeView(state);
    // The page's own verdict is said once it is known, and again when a retry settles anew.
    if (kind === 'title' && settled !== (state.kind !== 'loading')) {
      settled = !settled;
      if (settled) announce(`Provenance Lens: ${view.fullText}`);
    }
    badge.setData(statusOf(state), packageAttr(resolvedPkg(state)), view.continuity ?? null, view.consistency ?? null);
    badge.render(
      <Badge
        view={view}
        compact={compact}
        onOpen={(opener) => openDetailsPanel(source, opener)}
        onRetry={() => source.retry()}
      />,
    );
  });
  return () => {
    unsubscribe();
    badge.destroy();
  };
}

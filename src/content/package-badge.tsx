// A badge bound to a verdict source: the package title badge and each search result's badge.
import { Badge } from '../ui/Badge';
import { packageBadgeView } from '../ui/badge-text';
import { packageAttr, resolvedPkg, statusOf } from '../ui/display-state';
import { BADGE_CSS } from '../ui/styles';
import { openDetailsPanel } from './details-panel';
import { type Locate, mountBadge } from './mount';
import type { VerdictSource } from './verdict-source';

export function mountPackageBadge(source: VerdictSource, locate: Locate, compact = false): () => void {
  const badge = mountBadge({ locate, css: BADGE_CSS });
  const unsubscribe = source.subscribe((state) => {
    const view = packageBadgeView(state);
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

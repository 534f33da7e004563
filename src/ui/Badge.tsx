// The badge beside a package title, a file or a search result: one focusable button whose
// accessible name is the whole verdict sentence, plus a retry button when checking failed.
import type { BadgeView } from './badge-text';

interface Props {
  view: BadgeView;
  /** Opens the details panel; the badge element is passed so focus can return to it. */
  onOpen?: (opener: HTMLElement) => void;
  onRetry?: () => void;
  /** Smaller variant for file rows and search results. */
  compact?: boolean;
}

function Glyph({ status, amber }: { status: BadgeView['status']; amber: boolean }) {
  const glyph: Record<BadgeView['status'], string> = {
    verified: '✓',
    partial: '◐',
    none: '○',
    invalid: '✕',
    unavailable: '?',
    loading: '…',
  };
  return (
    <span class="pl-glyph" aria-hidden="true">
      {amber ? '!' : glyph[status]}
    </span>
  );
}

export function Badge({ view, onOpen, onRetry, compact }: Props) {
  const activate = (event: Event) => {
    // The badge can sit inside the site's result link: keep the page from navigating.
    event.preventDefault();
    event.stopPropagation();
    if (event.currentTarget instanceof HTMLElement) onOpen?.(event.currentTarget);
  };
  const retry = (event: Event) => {
    event.preventDefault();
    event.stopPropagation();
    onRetry?.();
  };
  const amber = view.amber === true;
  return (
    <span class={`pl-badge-wrap${compact === true ? ' pl-compact' : ''}`}>
      <button
        type="button"
        class={`pl-badge pl-${view.status}${amber ? ' pl-amber' : ''}`}
        data-status={view.status}
        data-continuity={view.continuity}
        data-consistency={view.consistency}
        aria-label={view.fullText}
        title={view.fullText}
        aria-busy={view.status === 'loading' ? 'true' : undefined}
        onClick={activate}
      >
        <Glyph status={view.status} amber={amber} />
        <span class="pl-label">{view.text}</span>
      </button>
      {view.status === 'unavailable' && onRetry !== undefined ? (
        <button type="button" class="pl-retry" aria-label="Retry the provenance check" title="Retry" onClick={retry}>
          ↻
        </button>
      ) : null}
    </span>
  );
}

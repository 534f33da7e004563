// The badge beside a package title, a file or a search result: one focusable button named by
// its visible label and described by the whole verdict sentence, plus a retry button when
// checking failed.
import { shownLabel, type BadgeView } from './badge-text';
import { BadgeRetry } from './BadgeRetry';
import { Breakable } from './LongValue';

interface Props {
  view: BadgeView;
  /** Opens the details panel; the badge element is passed so focus can return to it. */
  onOpen?: (opener: HTMLElement) => void;
  onRetry?: () => void;
  /** A retry asked from this badge is running: its ↻ stays (BadgeRetry.tsx) so focus is not lost. */
  retrying?: boolean;
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

// The whole verdict sentence, for screen readers (aria-describedby) and the tooltip. One id per
// shadow root: each badge host has its own.
const DESCRIPTION_ID = 'pl-description';

export function Badge({ view, onOpen, onRetry, retrying, compact }: Props) {
  const activate = (event: Event) => {
    event.preventDefault();
    event.stopPropagation();
    if (event.currentTarget instanceof HTMLElement) onOpen?.(event.currentTarget);
  };
  const retry = () => onRetry?.();
  const amber = view.amber === true;
  // The button's name is its visible label (so voice control's "click Verified" works, and a
  // screen reader says what is on screen); the long sentence is its description.
  return (
    <span class={`pl-badge-wrap${compact === true ? ' pl-compact' : ''}`}>
      <button
        type="button"
        class={`pl-badge pl-${view.status}${amber ? ' pl-amber' : ''}`}
        data-status={view.status}
        data-continuity={view.continuity}
        data-consistency={view.consistency}
        aria-describedby={DESCRIPTION_ID}
        title={view.fullText}
        onClick={activate}
      >
        <Glyph status={view.status} amber={amber} />
        <span class="pl-label">
          <Breakable value={shownLabel(view.text)} />
        </span>
      </button>
      <span id={DESCRIPTION_ID} hidden>
        {view.fullText}
      </span>
      {onRetry !== undefined && (view.status === 'unavailable' || (view.status === 'loading' && retrying === true)) ? (
        <BadgeRetry checking={view.status === 'loading'} onRetry={retry} />
      ) : null}
    </span>
  );
}

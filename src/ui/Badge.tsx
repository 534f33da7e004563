// The badge beside a package title, a file or a search result: one focusable button named by
// its visible label and described by the whole verdict sentence, plus a retry button when
// checking failed. A 60-file release page draws 61 of these as it opens, in a content script
// whose code starts cold on every page: each component (and fragment) Preact mounts costs more
// there than the elements themselves, so the glyph and the label are plain markup inside this one.
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

const GLYPHS: Record<BadgeView['status'], string> = {
  verified: '✓',
  partial: '◐',
  none: '○',
  invalid: '✕',
  unavailable: '?',
  loading: '…',
};

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
        <span class="pl-glyph" aria-hidden="true">
          {amber ? '!' : GLYPHS[view.status]}
        </span>
        {/* Called, not mounted: a component of its own per badge cost more than its markup. */}
        <span class="pl-label">{Breakable({ value: shownLabel(view.text) })}</span>
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

// The details' Retry: it stays where it is while the retried check runs (named "Checking…",
// aria-disabled), so keyboard focus is not dropped to the page when a person presses it. When the
// answer needs no retry any more the button goes; if it had focus, focus moves to the new verdict
// line, which a screen reader then reads. A class component: no hooks in the panel's bundle.
import { Component } from 'preact';
import { canRetry, type DisplayState } from './display-state';

interface Props {
  state: DisplayState;
  onRetry: () => void;
}

export function showsRetry(state: DisplayState): boolean {
  return canRetry(state) || state.kind === 'loading';
}

export class RetryButton extends Component<Props> {
  override componentWillUnmount(): void {
    const button = this.base;
    if (!(button instanceof HTMLElement)) return;
    const root = button.getRootNode() as Document | ShadowRoot;
    if (root.activeElement !== button) return;
    // After Preact removes the button: the verdict line of the same details view.
    const details = button.closest('.pl-details');
    queueMicrotask(() => details?.querySelector<HTMLElement>('.pl-verdict')?.focus());
  }

  override render({ state, onRetry }: Props) {
    const checking = state.kind === 'loading';
    return (
      <button
        type="button"
        class="pl-button"
        aria-disabled={checking ? 'true' : undefined}
        onClick={() => {
          if (!checking) onRetry();
        }}
      >
        {checking ? 'Checking…' : 'Retry'}
      </button>
    );
  }
}

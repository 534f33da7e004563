// The badge's ↻: like the details' Retry (RetryButton.tsx) it stays while the retried check runs
// (aria-disabled), so a keyboard user who pressed it is left where they pressed; if the answer
// needs no retry any more it goes, and focus moves to the badge beside it, which now says the
// verdict. A class component, as the content scripts carry no hooks.
import { Component } from 'preact';

interface Props {
  checking: boolean;
  onRetry: (event: Event) => void;
}

export class BadgeRetry extends Component<Props> {
  override componentWillUnmount(): void {
    const button = this.base;
    if (!(button instanceof HTMLElement)) return;
    const root = button.getRootNode() as Document | ShadowRoot;
    if (root.activeElement !== button) return;
    const badge = button.parentElement?.querySelector<HTMLElement>('.pl-badge');
    queueMicrotask(() => badge?.focus());
  }

  override render({ checking, onRetry }: Props) {
    return (
      <button
        type="button"
        class="pl-retry"
        title={checking ? 'Checking…' : 'Retry'}
        aria-disabled={checking ? 'true' : undefined}
        onClick={(event) => {
          event.preventDefault();
          event.stopPropagation();
          if (!checking) onRetry(event);
        }}
      >
        <span aria-hidden="true">↻</span>
        <span class="pl-sr">{checking ? 'Checking again…' : 'Retry the provenance check'}</span>
      </button>
    );
  }
}

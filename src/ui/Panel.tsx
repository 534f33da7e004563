// A modal dialog: focus moves in on open, Tab stays inside, Escape or the backdrop closes it,
// and focus goes back to whatever opened it. A class component, so the content script does
// not need to ship Preact's hooks.
import { Component, type ComponentChildren, createRef } from 'preact';

interface Props {
  labelledBy: string;
  onClose: () => void;
  /** Receives focus back after closing (the badge that opened the panel). */
  returnFocusTo?: HTMLElement | null;
  children: ComponentChildren;
}

// What the panel renders that takes focus: links, buttons and the dialog itself (it has no form fields).
const FOCUSABLE = 'a[href], button:not([disabled]), [tabindex]:not([tabindex="-1"])';

export class Panel extends Component<Props> {
  private dialog = createRef<HTMLDivElement>();

  // The page may hold focus elsewhere (a click outside our shadow root): Escape still closes.
  private onWindowKey = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.stopPropagation();
    this.props.onClose();
  };

  private trapTab = (event: KeyboardEvent) => {
    const dialog = this.dialog.current;
    if (event.key !== 'Tab' || dialog === null) return;
    const items = Array.from(dialog.querySelectorAll<HTMLElement>(FOCUSABLE));
    const first = items[0];
    const last = items[items.length - 1];
    if (first === undefined || last === undefined) return;
    const active = (dialog.getRootNode() as Document | ShadowRoot).activeElement;
    if (event.shiftKey && (active === first || active === dialog)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && active === last) {
      event.preventDefault();
      first.focus();
    }
  };

  override componentDidMount(): void {
    this.dialog.current?.focus();
    window.addEventListener('keydown', this.onWindowKey, true);
  }

  override componentWillUnmount(): void {
    window.removeEventListener('keydown', this.onWindowKey, true);
    const opener = this.props.returnFocusTo;
    if (opener?.isConnected === true) opener.focus();
  }

  render({ labelledBy, onClose, children }: Props) {
    return (
      <div class="pl-backdrop" onClick={(e) => e.target === e.currentTarget && onClose()}>
        <div
          ref={this.dialog}
          class="pl-dialog"
          role="dialog"
          aria-modal="true"
          aria-labelledby={labelledBy}
          tabIndex={-1}
          onKeyDown={this.trapTab}
        >
          <button type="button" class="pl-close" aria-label="Close provenance details" onClick={() => onClose()}>
            ✕
          </button>
          {children}
        </div>
      </div>
    );
  }
}

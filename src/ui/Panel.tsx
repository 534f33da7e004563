// A modal dialog, the browser's own: `showModal()` keeps Tab inside, makes the page behind it
// inert, draws it above whatever the page stacks, and turns Escape into `cancel`. Focus moves in
// on open and goes back to whatever opened it. A class component, so the content script does
// not need to ship Preact's hooks.
import { Component, type ComponentChildren, createRef } from 'preact';

interface Props {
  labelledBy: string;
  onClose: () => void;
  /** Receives focus back after closing (the badge that opened the panel). */
  returnFocusTo?: HTMLElement | null;
  children: ComponentChildren;
}

export class Panel extends Component<Props> {
  private dialog = createRef<HTMLDialogElement>();

  override componentDidMount(): void {
    const dialog = this.dialog.current;
    dialog?.showModal();
    // The dialog itself, not its first button: a screen reader starts from the heading it names.
    dialog?.focus();
  }

  // A redraw (the verdict asked again) can remove the control that had focus, which would drop
  // focus to the page's <body> under an open modal: it goes back to the dialog instead.
  override componentDidUpdate(): void {
    const dialog = this.dialog.current;
    const root = dialog?.getRootNode() as ShadowRoot | Document | undefined;
    if (dialog?.open === true && root !== undefined && root.activeElement === null) dialog.focus();
  }

  override componentWillUnmount(): void {
    // Closed before it leaves: while a modal dialog is open the page behind it is inert, and
    // focus() on the opener would do nothing (focus would fall to <body>).
    this.dialog.current?.close();
    const opener = this.props.returnFocusTo;
    if (opener?.isConnected === true) opener.focus();
  }

  render({ labelledBy, onClose, children }: Props) {
    // The dialog box has no padding of its own, so a click on the dialog itself is on its backdrop.
    return (
      <dialog
        ref={this.dialog}
        class="pl-dialog"
        aria-labelledby={labelledBy}
        tabIndex={-1}
        onCancel={(e) => {
          // Preact removes the dialog; the browser closing it first would leave a closed one mounted.
          e.preventDefault();
          onClose();
        }}
        onClick={(e) => e.target === e.currentTarget && onClose()}
      >
        <div class="pl-dialog-body">
          <button type="button" class="pl-close" aria-label="Close provenance details" onClick={() => onClose()}>
            ✕
          </button>
          {children}
        </div>
      </dialog>
    );
  }
}

// @vitest-environment happy-dom
// happy-dom opens a dialog but does not model the top layer: that the page behind is inert and
// Tab stays inside is the browser's, and e2e/panel-dialog.spec.ts checks it in both browsers.
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Panel } from './Panel';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('Panel', () => {
  it('opens as a modal dialog, labelled, that takes focus, closes on cancel (Escape) and returns focus', () => {
    const showModal = vi.spyOn(HTMLDialogElement.prototype, 'showModal');
    const show = vi.spyOn(HTMLDialogElement.prototype, 'show');
    const close = vi.spyOn(HTMLDialogElement.prototype, 'close');
    const opener = document.createElement('button');
    document.body.append(opener);
    opener.focus();
    const onClose = vi.fn();
    const { unmount } = render(
      <Panel labelledBy="t" onClose={onClose} returnFocusTo={opener}>
        <h2 id="t">widgets</h2>
        <a href="https://github.com/octo/widgets">repo</a>
      </Panel>,
    );
    const dialog = screen.getByRole('dialog', { name: 'widgets' }) as HTMLDialogElement;
    expect(dialog.tagName).toBe('DIALOG');
    expect(showModal).toHaveBeenCalledTimes(1);
    expect(show).not.toHaveBeenCalled();
    expect(dialog.open).toBe(true);
    expect(document.activeElement).toBe(dialog);
    const cancel = new Event('cancel', { cancelable: true });
    dialog.dispatchEvent(cancel);
    expect(onClose).toHaveBeenCalledTimes(1);
    // Preact, not the browser, takes the dialog away.
    expect(cancel.defaultPrevented).toBe(true);
    expect(close).not.toHaveBeenCalled();
    unmount();
    // Closed before focus goes back: an open modal leaves the opener inert (the e2e sees that).
    expect(close).toHaveBeenCalledTimes(1);
    expect(document.activeElement).toBe(opener);
    opener.remove();
  });

  it('closes from the close button and the backdrop (a click on the dialog box itself), not from clicks inside', () => {
    const onClose = vi.fn();
    render(
      <Panel labelledBy="t" onClose={onClose}>
        <h2 id="t">widgets</h2>
      </Panel>,
    );
    fireEvent.click(screen.getByRole('heading'));
    expect(onClose).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Close provenance details' }));
    fireEvent.click(screen.getByRole('dialog'));
    expect(onClose).toHaveBeenCalledTimes(2);
  });
});

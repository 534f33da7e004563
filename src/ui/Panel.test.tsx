// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Panel } from './Panel';

afterEach(cleanup);

describe('Panel', () => {
  it('is a labelled modal dialog that takes focus, closes on Escape and returns focus', () => {
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
    const dialog = screen.getByRole('dialog', { name: 'widgets' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(document.activeElement).toBe(dialog);
    fireEvent.keyDown(window, { key: 'Escape' });
    expect(onClose).toHaveBeenCalledTimes(1);
    unmount();
    expect(document.activeElement).toBe(opener);
    opener.remove();
  });

  it('keeps Tab inside the dialog', () => {
    render(
      <Panel labelledBy="t" onClose={() => undefined}>
        <h2 id="t">widgets</h2>
        <a href="https://github.com/octo/widgets">repo</a>
      </Panel>,
    );
    const close = screen.getByRole('button', { name: 'Close provenance details' });
    const link = screen.getByRole('link');
    link.focus();
    fireEvent.keyDown(link, { key: 'Tab' });
    expect(document.activeElement).toBe(close);
    fireEvent.keyDown(close, { key: 'Tab', shiftKey: true });
    expect(document.activeElement).toBe(link);
  });

  it('closes from the close button and the backdrop, not from clicks inside', () => {
    const onClose = vi.fn();
    const { container } = render(
      <Panel labelledBy="t" onClose={onClose}>
        <h2 id="t">widgets</h2>
      </Panel>,
    );
    fireEvent.click(screen.getByRole('heading'));
    expect(onClose).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Close provenance details' }));
    fireEvent.click(container.querySelector('.pl-backdrop') as Element);
    expect(onClose).toHaveBeenCalledTimes(2);
  });
});

// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Message, PinsExport } from '../shared/messages';
import { createAsk } from '../ui/worker-client';
import { EXPORT_FILENAME, PinsTransfer } from './PinsTransfer';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const EXPORTED: PinsExport = {
  version: 1,
  pins: [{ registry: 'pypi', name: 'widgets', pin: { issuer: 'https://token.actions.githubusercontent.com', repository: 'octo/widgets' }, createdAt: 1 }],
  history: [],
};

function worker(reply: (m: Message) => unknown) {
  const sent: Message[] = [];
  return { sent, ask: createAsk(async (m) => (sent.push(m), reply(m))) };
}

function chooseFile(text: string): void {
  const input = screen.getByLabelText(/Import pins and history from a file/) as HTMLInputElement;
  Object.defineProperty(input, 'files', { configurable: true, value: [new File([text], 'pins.json', { type: 'application/json' })] });
  fireEvent.change(input);
}

describe('options: pins export and import', () => {
  it('downloads the export as a JSON file through a Blob URL it then revokes', async () => {
    const created: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => (created.push(blob as Blob), 'blob:test/1'));
    const revoke = vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    const clicks: { href: string; download: string; attached: boolean }[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicks.push({ href: this.getAttribute('href') ?? '', download: this.download, attached: this.isConnected });
    });
    const { ask, sent } = worker(() => ({ ok: true, value: EXPORTED }));
    render(<PinsTransfer ask={ask} />);
    fireEvent.click(screen.getByRole('button', { name: 'Export pins and history' }));
    expect(await screen.findByText('Exported 1 pin and 0 publisher histories.')).toBeTruthy();
    expect(sent).toEqual([{ type: 'page/pins-export' }]);
    expect(clicks).toEqual([{ href: 'blob:test/1', download: EXPORT_FILENAME, attached: true }]);
    expect(created).toHaveLength(1);
    expect(JSON.parse(await (created[0] as Blob).text())).toEqual(EXPORTED);
    await waitFor(() => expect(revoke).toHaveBeenCalledWith('blob:test/1'));
    expect(document.querySelector('a[download]')).toBeNull();
  });

  it('sends an imported file\'s text to the worker and shows the counts', async () => {
    const { ask, sent } = worker(() => ({ ok: true, value: { pins: 3, history: 1 } }));
    render(<PinsTransfer ask={ask} />);
    chooseFile(JSON.stringify(EXPORTED));
    expect(await screen.findByText('Imported. Now 3 pins and 1 publisher history are stored.')).toBeTruthy();
    expect(sent).toEqual([{ type: 'page/pins-import', data: JSON.stringify(EXPORTED) }]);
  });

  it('shows the worker\'s reason when it refuses an import', async () => {
    const { ask } = worker(() => ({ ok: false, code: 'MSG_MALFORMED', message: 'pins import refused: version must be 1' }));
    render(<PinsTransfer ask={ask} />);
    chooseFile('{"version": 2}');
    expect(await screen.findByText('Not imported: pins import refused: version must be 1')).toBeTruthy();
  });

  it('says so when the worker cannot be reached for the export', async () => {
    const download = vi.fn();
    const ask = createAsk(() => Promise.reject(new Error('gone')));
    render(<PinsTransfer ask={ask} download={download} />);
    fireEvent.click(screen.getByRole('button', { name: 'Export pins and history' }));
    expect(await screen.findByText('Not exported: gone')).toBeTruthy();
    expect(download).not.toHaveBeenCalled();
  });
});

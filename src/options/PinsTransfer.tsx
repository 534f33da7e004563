// Export and import of pins and publisher history, so a person can move them to another
// browser or keep a copy. The worker checks an import in full before writing anything.
import { useState } from 'preact/hooks';
import { codeText } from '../shared/code-text';
import type { Ask } from '../ui/worker-client';

export const EXPORT_FILENAME = 'provenance-lens-pins.json';

/** Hands a text file to the browser's download UI via a short-lived Blob URL. */
export function downloadText(text: string, filename: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.style.display = 'none';
  document.body.append(link);
  try {
    link.click();
  } finally {
    link.remove();
    // After the click the download has its own reference; the page need not keep the blob alive.
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export function PinsTransfer({ ask, download = downloadText }: { ask: Ask; download?: typeof downloadText }) {
  const [status, setStatus] = useState('');

  const exportAll = async () => {
    const reply = await ask({ type: 'page/pins-export' });
    if (!reply.ok) return setStatus(`Not exported: ${reply.message || codeText(reply.code)}`);
    download(`${JSON.stringify(reply.value, null, 2)}\n`, EXPORT_FILENAME);
    const { pins, history } = reply.value;
    setStatus(`Exported ${plural(pins.length, 'pin', 'pins')} and ${plural(history.length, 'publisher history', 'publisher histories')}.`);
  };

  const importFile = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    if (file === undefined) return;
    let text: string;
    try {
      text = await file.text();
    } catch {
      return setStatus('Not imported: the file could not be read.');
    } finally {
      // Choosing the same file again should import it again.
      input.value = '';
    }
    const reply = await ask({ type: 'page/pins-import', data: text });
    if (!reply.ok) return setStatus(`Not imported: ${reply.message || codeText(reply.code)}`);
    const { pins, history } = reply.value;
    setStatus(`Imported. Now ${plural(pins, 'pin', 'pins')} and ${plural(history, 'publisher history', 'publisher histories')} are stored.`);
  };

  return (
    <section class="pl-section" aria-labelledby="pl-pins-heading">
      <h2 id="pl-pins-heading" class="pl-title">
        Pins and publisher history
      </h2>
      <p>
        <button type="button" class="pl-button" onClick={() => void exportAll()}>
          Export pins and history
        </button>
      </p>
      <p>
        <label>
          Import pins and history from a file:{' '}
          <input type="file" accept="application/json,.json" onChange={(e) => void importFile(e.currentTarget)} />
        </label>
      </p>
      <p role="status" aria-live="polite">
        {status}
      </p>
    </section>
  );
}

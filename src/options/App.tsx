// Options: the search-badge switch, emptying the verdict cache, and moving pins in and out.
import { useEffect, useState } from 'preact/hooks';
import type { Settings } from '../shared/messages';
import type { Ask } from '../ui/worker-client';
import { codeText } from '../shared/code-text';
import { PinsTransfer } from './PinsTransfer';

export function App({ ask }: { ask: Ask }) {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [status, setStatus] = useState('');

  useEffect(() => {
    void ask({ type: 'page/settings-get' }).then((reply) => {
      if (reply.ok) setSettings(reply.value);
      else setStatus(codeText(reply.code));
    });
  }, [ask]);

  const toggle = async (searchBadges: boolean) => {
    if (settings === null) return;
    const reply = await ask({ type: 'page/settings-set', settings: { ...settings, searchBadges } });
    if (reply.ok) {
      setSettings(reply.value);
      setStatus('Saved.');
    } else {
      setStatus(`Not saved: ${codeText(reply.code)}`);
    }
  };

  const clearCache = async () => {
    const reply = await ask({ type: 'page/cache-clear' });
    const n = reply.ok ? reply.value.cleared : 0;
    setStatus(reply.ok ? `Cleared ${n} cached ${n === 1 ? 'verdict' : 'verdicts'}.` : `Not cleared: ${codeText(reply.code)}`);
  };

  return (
    <main class="pl-details">
      <h1 class="pl-title">Provenance Lens</h1>
      <p>
        <label>
          <input
            type="checkbox"
            checked={settings?.searchBadges ?? false}
            disabled={settings === null}
            onChange={(e) => void toggle(e.currentTarget.checked)}
          />{' '}
          Show badges on search results
        </label>
      </p>
      <p>
        <button type="button" class="pl-button" onClick={() => void clearCache()}>
          Clear cache
        </button>
      </p>
      <p role="status" aria-live="polite">
        {status}
      </p>
      <PinsTransfer ask={ask} />
    </main>
  );
}

// Toolbar popup entry.
import { render } from 'preact';
import { learnCodeTexts } from '../shared/code-text';
import { CODE_TEXTS } from '../shared/code-text-table';
import { PAGE_CSS } from '../ui/styles';
import { askWorker, extensionApi, holdTimeline } from '../ui/worker-client';
import { App } from './App';

// Extension pages explain codes from the whole table, not only those the worker sent.
learnCodeTexts(CODE_TEXTS);

const style = document.createElement('style');
// As wide as a toolbar popup allows, and no wider than the window (200% zoom, narrow screens).
style.textContent = `${PAGE_CSS}\nbody { box-sizing: border-box; width: min(420px, 100vw); padding: 12px 16px; }`;
document.head.append(style);

async function activeTabId(): Promise<number | null> {
  // The active tab's id needs no `tabs` permission (only its URL would).
  const [tab] = await extensionApi().tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? null;
}

const root = document.getElementById('app');
if (root !== null) render(<App ask={askWorker} activeTabId={activeTabId} holdTimeline={holdTimeline} />, root);

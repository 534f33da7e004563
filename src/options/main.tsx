// Options page entry.
import { render } from 'preact';
import { learnCodeTexts } from '../shared/code-text';
import { CODE_TEXTS } from '../shared/code-text-table';
import { PAGE_CSS } from '../ui/styles';
import { askWorker } from '../ui/worker-client';
import { App } from './App';

// Extension pages explain codes from the whole table, not only those the worker sent.
learnCodeTexts(CODE_TEXTS);

const style = document.createElement('style');
style.textContent = `${PAGE_CSS}\nbody { padding: 16px 24px; max-width: 40em; }`;
document.head.append(style);

const root = document.getElementById('app');
if (root !== null) render(<App ask={askWorker} />, root);

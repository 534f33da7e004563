// Options page entry.
import { render } from 'preact';
import { PAGE_CSS } from '../ui/styles';
import { askWorker } from '../ui/worker-client';
import { App } from './App';

const style = document.createElement('style');
style.textContent = `${PAGE_CSS}\nbody { padding: 16px 24px; max-width: 40em; }`;
document.head.append(style);

const root = document.getElementById('app');
if (root !== null) render(<App ask={askWorker} />, root);

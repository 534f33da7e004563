// Opens the details panel for a badge: at once when panel.js is loaded in this tab, else after
// asking the worker to inject it (panel-api.ts says why it is not in the content script).
import type { Ask } from '../ui/worker-client';
import { loadedPanel } from './panel-api';
import type { VerdictSource } from './verdict-source';

let ask: Ask | null = null;
// The latest click waiting for panel.js; an earlier one is dropped, as a second open replaces the first.
let waiting: { source: VerdictSource; opener: HTMLElement | null } | null = null;

/** The site runner's `ask`, used to have the worker inject panel.js on the first click. */
export function usePanelLoader(worker: Ask): void {
  ask = worker;
}

export function openDetailsPanel(source: VerdictSource, opener: HTMLElement | null): void {
  const panel = loadedPanel();
  if (panel !== undefined) return panel.open(source, opener);
  const first = waiting === null;
  waiting = { source, opener };
  if (!first || ask === null) return;
  void ask({ type: 'content/panel' }).then(() => {
    const next = waiting;
    waiting = null;
    // Not there (injection refused, or the page moved on and closed it): the click does nothing.
    if (next !== null) loadedPanel()?.open(next.source, next.opener);
  });
}

export function closeDetailsPanel(): void {
  waiting = null;
  loadedPanel()?.close();
}

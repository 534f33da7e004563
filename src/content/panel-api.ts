// The details panel's code is not part of the content scripts: a page that is only looked at never
// pays for it. On the first badge click the worker injects panel.js (built from panel-script.tsx)
// into this tab's content-script world, where it registers itself under PANEL_API. Both scripts
// share that isolated world; the page's own scripts cannot see it.
import type { VerdictSource } from './verdict-source';

export interface PanelApi {
  open(source: VerdictSource, opener: HTMLElement | null): void;
  close(): void;
}

export const PANEL_API = '__provenanceLensPanel';

type PanelHolder = { [PANEL_API]?: PanelApi };

export function loadedPanel(): PanelApi | undefined {
  return (globalThis as PanelHolder)[PANEL_API];
}

export function registerPanel(api: PanelApi): void {
  (globalThis as PanelHolder)[PANEL_API] = api;
}

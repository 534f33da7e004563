// The in-page details dialog (built on its own as panel.js, injected on the first badge click;
// see panel-api.ts): one per page, in its own shadow root, following the verdict source of the
// badge that opened it (so a retry inside it updates in place).
import { render } from 'preact';
import { Panel } from '../ui/Panel';
import { ProvenanceDetails } from '../ui/ProvenanceDetails';
import { PANEL_CSS } from '../ui/styles';
import { TimelineFold, timelineLoader } from '../ui/TimelineFold';
import { askWorker, holdTimeline } from '../ui/worker-client';
import { registerPanel } from './panel-api';
import type { DisplayState } from '../ui/display-state';
import type { VerdictSource } from './verdict-source';

const HEADING_ID = 'provenance-lens-details-title';

// A README can draw a green badge of its own; the toolbar button is outside any page's reach.
const ORIGIN_NOTE =
  "Marks from Provenance Lens: the rounded badges beside the title, files and results, and this panel. A page can draw look-alikes; the extension's toolbar button always shows this tab's own verdict.";

let shown: { host: HTMLElement; container: HTMLElement; unsubscribe: () => void } | null = null;

function open(source: VerdictSource, opener: HTMLElement | null): void {
  close();
  const host = document.createElement('provenance-lens-panel');
  const shadow = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = PANEL_CSS;
  const container = document.createElement('div');
  shadow.append(style, container);
  (document.body ?? document.documentElement).append(host);
  let askedWhole = false;
  // Re-rendering the same Panel keeps it mounted, so focus handling runs once per opening.
  const unsubscribe = source.subscribe((given) => {
    // A search result's badge has its verdict abridged (no files, no log entries): never shown
    // here as if whole; the whole one is asked for, once per opening, and shown when it comes.
    // The panel's retry asks whole at once, whatever the badge had.
    const abridged = given.kind === 'verdict' && given.verdict.abridged === true;
    if (abridged && !askedWhole) source.retry(true);
    askedWhole ||= abridged;
    const state: DisplayState = abridged ? { kind: 'loading', pkg: given.pkg } : given;
    render(
      <Panel labelledBy={HEADING_ID} onClose={close} returnFocusTo={opener}>
        <ProvenanceDetails state={state} onRetry={() => source.retry(true)} headingId={HEADING_ID} />
        <TimelineFold key={`${state.pkg.registry}:${state.pkg.name}`} hold={holdTimeline} load={timelineLoader(askWorker, 'content/timeline', state.pkg)} />
        <p class="pl-muted pl-origin">{ORIGIN_NOTE}</p>
      </Panel>,
      container,
    );
  });
  shown = { host, container, unsubscribe };
}

function close(): void {
  if (shown === null) return;
  const { host, container, unsubscribe } = shown;
  shown = null;
  unsubscribe();
  render(null, container);
  host.remove();
}

registerPanel({ open, close });

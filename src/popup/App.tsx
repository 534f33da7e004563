// The popup: the verdict for the active tab's package page, from the worker's record of it,
// with the package's publisher pin and an About section.
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { PackageRef, PackageVerdict } from '../core/verdict';
import type { Ask } from '../ui/worker-client';
import type { DisplayState } from '../ui/display-state';
import { ProvenanceDetails } from '../ui/ProvenanceDetails';
import { TimelineFold, timelineLoader, type TimelineHold } from '../ui/TimelineFold';
import { About } from './About';
import { PinControls } from './PinControls';

interface Props {
  ask: Ask;
  activeTabId: () => Promise<number | null>;
  /** Keeps a timeline build alive while the popup is open (worker-client's holdTimeline). */
  holdTimeline?: TimelineHold;
}

// The worker gives up on a registry after its own timeouts (about 10 s); the popup asks that long.
const CHECKING_POLL_MS = 250;
const CHECKING_POLLS = 80;

type View = { kind: 'starting' } | { kind: 'no-package' } | { kind: 'problem'; text: string } | { kind: 'shown'; state: DisplayState };

export function App({ ask, activeTabId, holdTimeline }: Props) {
  const [view, setView] = useState<View>({ kind: 'starting' });

  useEffect(() => {
    let closed = false;
    void (async () => {
      const tabId = await activeTabId().catch(() => null);
      if (tabId === null) return setView({ kind: 'no-package' });
      // While the page's check runs, the popup shows it as checking and asks again.
      for (let asked = 0; !closed; asked++) {
        const reply = await ask({ type: 'page/active-verdict', tabId });
        if (closed) return;
        if (!reply.ok) {
          // The worker's "not a package page" is the ordinary empty case, not a problem.
          return setView(reply.code === 'MSG_NOT_A_PACKAGE_PAGE' ? { kind: 'no-package' } : { kind: 'problem', text: reply.message });
        }
        const value = reply.value;
        if (value === null) return setView({ kind: 'no-package' });
        if (!('checking' in value)) return setView({ kind: 'shown', state: { kind: 'verdict', pkg: value.pkg, verdict: value.verdict } });
        setView({ kind: 'shown', state: { kind: 'loading', pkg: value.pkg } });
        if (asked >= CHECKING_POLLS) return;
        await new Promise((resolve) => setTimeout(resolve, CHECKING_POLL_MS));
      }
    })();
    return () => {
      closed = true;
    };
  }, [ask, activeTabId]);

  // A verdict decided anew by a pin change is shown as it holds for the tab: the worker judges it
  // against the page the tab shows (the files it lists, PyPI's notice) before recording it.
  const asTabShows = useCallback(
    async (verdict: PackageVerdict): Promise<PackageVerdict> => {
      const tabId = await activeTabId().catch(() => null);
      if (tabId === null) return verdict;
      const reply = await ask({ type: 'page/active-verdict', tabId });
      const value = reply.ok ? reply.value : null;
      const recorded = value !== null && !('checking' in value) ? value.verdict : null;
      const same = recorded !== null && recorded.pkg.name === verdict.pkg.name && recorded.pkg.version === verdict.pkg.version;
      return same ? recorded : verdict;
    },
    [ask, activeTabId],
  );

  const retry = useCallback(
    async (pkg: PackageRef) => {
      setView({ kind: 'shown', state: { kind: 'loading', pkg } });
      const tabId = await activeTabId().catch(() => null);
      const reply = await ask({ type: 'page/retry', pkg, ...(tabId === null ? {} : { tabId }) });
      setView({
        kind: 'shown',
        state: reply.ok
          ? { kind: 'verdict', pkg, verdict: reply.value }
          : { kind: 'failed', pkg, code: reply.code, message: reply.message },
      });
    },
    [ask, activeTabId],
  );

  const replaceVerdict = useCallback(
    (verdict: PackageVerdict) => {
      void asTabShows(verdict).then((shown) => setView({ kind: 'shown', state: { kind: 'verdict', pkg: shown.pkg, verdict: shown } }));
    },
    [asTabShows],
  );

  return (
    <main class="pl-popup">
      <h1 class="pl-app">Provenance Lens</h1>
      {view.kind === 'starting' ? <p class="pl-muted">Loading…</p> : null}
      {view.kind === 'no-package' ? <p>Open a PyPI or npm package page to see its provenance.</p> : null}
      {view.kind === 'problem' ? (
        <p>
          Couldn't ask the extension for this tab's verdict. <span class="pl-muted">{view.text}</span>
        </p>
      ) : null}
      {view.kind === 'shown' ? (
        <ProvenanceDetails state={view.state} onRetry={() => void retry(view.state.pkg)} />
      ) : null}
      {view.kind === 'shown' && view.state.kind === 'verdict' ? (
        <PinControls ask={ask} verdict={view.state.verdict} onVerdict={replaceVerdict} />
      ) : null}
      {view.kind === 'shown' ? (
        // Keyed by package: another package's history is another fold, asked for anew when opened.
        <TimelineFold key={`${view.state.pkg.registry}:${view.state.pkg.name}`} {...(holdTimeline ? { hold: holdTimeline } : {})} load={timelineLoader(ask, 'page/timeline', view.state.pkg)} />
      ) : null}
      <About ask={ask} />
    </main>
  );
}

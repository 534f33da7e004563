// The popup: the verdict for the active tab's package page, from the worker's record of it,
// with the package's publisher pin and an About section.
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { PackageRef, PackageVerdict } from '../core/verdict';
import type { Ask } from '../ui/worker-client';
import type { DisplayState } from '../ui/display-state';
import { ProvenanceDetails } from '../ui/ProvenanceDetails';
import { About } from './About';
import { PinControls } from './PinControls';

interface Props {
  ask: Ask;
  activeTabId: () => Promise<number | null>;
}

type View = { kind: 'starting' } | { kind: 'no-package' } | { kind: 'problem'; text: string } | { kind: 'shown'; state: DisplayState };

export function App({ ask, activeTabId }: Props) {
  const [view, setView] = useState<View>({ kind: 'starting' });

  useEffect(() => {
    void (async () => {
      const tabId = await activeTabId().catch(() => null);
      if (tabId === null) return setView({ kind: 'no-package' });
      const reply = await ask({ type: 'page/active-verdict', tabId });
      if (!reply.ok) {
        // The worker's "not a package page" is the ordinary empty case, not a problem.
        return setView(reply.code === 'MSG_NOT_A_PACKAGE_PAGE' ? { kind: 'no-package' } : { kind: 'problem', text: reply.message });
      }
      if (reply.value === null) return setView({ kind: 'no-package' });
      const { pkg, verdict } = reply.value;
      setView({ kind: 'shown', state: { kind: 'verdict', pkg, verdict } });
    })();
  }, [ask, activeTabId]);

  const retry = useCallback(
    async (pkg: PackageRef) => {
      setView({ kind: 'shown', state: { kind: 'loading', pkg } });
      const reply = await ask({ type: 'page/retry', pkg });
      setView({
        kind: 'shown',
        state: reply.ok
          ? { kind: 'verdict', pkg, verdict: reply.value }
          : { kind: 'failed', pkg, code: reply.code, message: reply.message },
      });
    },
    [ask],
  );

  const replaceVerdict = useCallback((verdict: PackageVerdict) => {
    setView({ kind: 'shown', state: { kind: 'verdict', pkg: verdict.pkg, verdict } });
  }, []);

  return (
    <main class="pl-popup">
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
      <About ask={ask} />
    </main>
  );
}

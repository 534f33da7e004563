// Calls `scan` at the first quiet moment after the page changes (the search results of npm's
// client, a history tab's rows rendered later): one call per burst of DOM changes, `delayMs`
// after the first, never after `stop`.
export function onQuietChanges(scan: () => void, delayMs = 150): { stop(): void } {
  let scheduled = false;
  let stopped = false;
  const changes = new MutationObserver(() => {
    if (scheduled || stopped) return;
    scheduled = true;
    setTimeout(() => {
      scheduled = false;
      if (!stopped) scan();
    }, delayMs);
  });
  changes.observe(document.documentElement, { childList: true, subtree: true });
  return {
    stop() {
      stopped = true;
      changes.disconnect();
    },
  };
}

// A fake runtime port for the timeline-hold tests: the popup's and a tab's senders, and a port the
// test closes as the browser would (the popup closed, the tab navigated).
import { TIMELINE_HOLD_PORT } from '../../shared/timeline-hold';
import type { Sender } from '../sender';
import type { HoldPort } from '../timeline-holds';

export const RUNTIME = 'our-extension-id';
export const POLICY = { runtimeId: RUNTIME, extensionBase: `chrome-extension://${RUNTIME}/` };
export const POPUP: Sender = { id: RUNTIME, url: `chrome-extension://${RUNTIME}/src/popup/index.html` };

export function port(sender: Sender, name = TIMELINE_HOLD_PORT) {
  const listeners: (() => void)[] = [];
  const p = {
    name,
    sender,
    disconnected: false,
    disconnect() {
      p.disconnected = true;
    },
    onDisconnect: { addListener: (l: () => void) => void listeners.push(l) },
    /** The browser closing the port. */
    close: () => listeners.forEach((l) => l()),
  };
  return p satisfies HoldPort;
}

// The worker's side of the timeline hold (shared/timeline-hold.ts): who holds a port open, by the
// same asker slots the timeline route uses, decided from the browser-supplied sender and checked
// like a message's. When an asker's last port closes, its waiting build is given up (`gone`).
import { TIMELINE_HOLD_PORT } from '../shared/timeline-hold';
import { classifySender, type Sender, type SenderPolicy } from './sender';
import { askerOf } from './timeline-route';
import type { TimelineService } from './timeline-service';

/** The fields of runtime.Port we use. */
export interface HoldPort {
  name: string;
  sender?: Sender;
  disconnect(): void;
  onDisconnect: { addListener(listener: () => void): void };
}

/** Returns the onConnect listener. */
export function timelineHolds(service: Pick<TimelineService, 'gone'>, policy: SenderPolicy): (port: HoldPort) => void {
  /** Open ports per asker: two popup windows share the popup's slot. */
  const open = new Map<string, number>();
  return (port) => {
    if (port.name !== TIMELINE_HOLD_PORT) return;
    const caller = classifySender(port.sender ?? {}, policy);
    if (caller.kind === 'forbidden') {
      port.disconnect();
      return;
    }
    const asker = askerOf(caller);
    open.set(asker, (open.get(asker) ?? 0) + 1);
    let closed = false;
    port.onDisconnect.addListener(() => {
      // Once per port, whatever the browser does: another open port of the asker still counts.
      if (closed) return;
      closed = true;
      const left = (open.get(asker) ?? 1) - 1;
      if (left > 0) {
        open.set(asker, left);
        return;
      }
      open.delete(asker);
      service.gone(asker);
    });
  };
}

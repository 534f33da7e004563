// The name of the runtime port a popup or details panel holds open while it waits for a release
// timeline. The ask itself goes over sendMessage like every other; the port only says "still
// here": when it closes (popup closed, panel closed, tab navigated or closed) the worker cancels a
// build nobody else waits for, since sendMessage cannot tell it that the asker is gone.
export const TIMELINE_HOLD_PORT = 'provenance-lens/timeline-hold';

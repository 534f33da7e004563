// A registry request's time limits. A fixed limit from the request's start cannot tell a dead
// registry from a slow link shared by many answers: over HTTP/2 a host's answers share one
// connection, and on a 256 kbit/s link sixty-four answers at once each take longer than ten
// seconds while the host never stops sending (review7-fetching.test.ts A6). So the limit is on
// the host's silence: a request ends once its host has sent nothing (headers or a chunk of a
// body, to it or to any other request) for a whole window of `idleMs`, that is after between one
// and two windows of silence; a lone request to a dead host, after exactly one. And a cap on the
// request, its retries included (fetch-retries.ts), so that one answer never finished while
// others flow, or a registry dribbling a byte at a time, cannot hold a badge for ever. Timers
// only, no clock: a window is judged by whether the host's count of arrivals moved.

/** What one registry host has sent, counted: shared by the watchdogs of all its requests. */
export interface HostHearing {
  heard: number;
}

export interface Watchdog {
  /** Something of the answer arrived. */
  progressed(): void;
  stop(): void;
  /** Why the request was aborted, if the watchdog aborted it: the FETCH_TIMEOUT's message. */
  reason(): string | undefined;
}

/**
 * Calls `abort` after a window of `idleMs` in which `host` sent nothing, or `capMs` after the start:
 * what is left of the request's `totalMs` (its retries share one deadline).
 */
export function watchRequest(abort: () => void, host: HostHearing, idleMs: number, capMs: number, totalMs: number): Watchdog {
  let reason: string | undefined;
  let seen = host.heard;
  const fire = (why: string) => {
    reason ??= why;
    stop();
    abort();
  };
  const check = () => {
    if (host.heard === seen) return fire(`nothing received from the registry for ${idleMs} ms`);
    seen = host.heard;
    idle = setTimeout(check, idleMs);
  };
  let idle = setTimeout(check, idleMs);
  const whole = setTimeout(() => fire(`no whole answer within ${totalMs} ms`), capMs);
  function stop(): void {
    clearTimeout(idle);
    clearTimeout(whole);
  }
  return {
    progressed: () => void host.heard++,
    stop,
    reason: () => reason,
  };
}

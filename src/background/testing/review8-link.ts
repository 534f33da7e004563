// Review 8: a simulated network under the real limited fetcher, on fake timers. One link of
// `bytesPerMs`, shared fairly (water-filling) by every body in flight; each body arrives in
// pieces as its bytes do (a browser hands a fetch body over as its frames arrive), so a host is
// never silent while it is sending. `connections` models HTTP/1.1 (at most that many requests
// on the wire per host, the rest wait in the browser's own queue, their fetch() already called);
// without it, HTTP/2 (every stream at once). Bodies are real bytes; what they cost on the wire
// (gzip, headers) is `wireBytes`.
import { gzipSync } from 'node:zlib';
import { vi } from 'vitest';

export type Answer =
  | { status: number; body: Uint8Array; headersAfterMs?: number; resetAfterBytes?: number }
  /** Headers never come (a stalled origin). */
  | 'hang';

export interface LinkOptions {
  bytesPerMs: number;
  rttMs: number;
  connections?: number;
  /** The answer to a request, decided when it goes on the wire. */
  answer: (url: string) => Answer;
  wireBytes?: (url: string, body: Uint8Array) => number;
  tickMs?: number;
}

interface Flow {
  url: string;
  body: Uint8Array;
  wire: number;
  sent: number;
  given: number;
  resetAt?: number;
  controller: ReadableStreamDefaultController<Uint8Array>;
  done: () => void;
}

/** What real PyPI/Fastly puts on the wire for a JSON body: gzip plus about 400 bytes of headers and framing. */
export const gzipWire = (_url: string, body: Uint8Array): number => gzipSync(body, { level: 6 }).byteLength + 400;

export function simulatedLink(o: LinkOptions) {
  const tick = o.tickMs ?? 50;
  const wireOf = o.wireBytes ?? gzipWire;
  const flows = new Set<Flow>();
  const queue: (() => void)[] = [];
  let onWire = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const log: { url: string; at: number; how: 'done' | 'aborted' | 'reset' | 'status'; status?: number }[] = [];
  const started: { url: string; at: number }[] = [];

  const free = () => {
    onWire--;
    const next = queue.shift();
    if (next) next();
  };

  const step = () => {
    timer = undefined;
    let budget = o.bytesPerMs * tick;
    // Water-filling: each flow its fair share, the share a finished one leaves goes to the others.
    let open = [...flows].filter((f) => f.sent < f.wire);
    while (budget > 0.001 && open.length > 0) {
      const share = budget / open.length;
      for (const f of open) {
        const take = Math.min(share, f.wire - f.sent);
        f.sent += take;
        budget -= take;
      }
      open = open.filter((f) => f.sent < f.wire - 1e-9);
    }
    for (const f of [...flows]) {
      const fraction = Math.min(1, f.sent / f.wire);
      const upto = Math.floor(f.body.byteLength * fraction);
      if (f.resetAt !== undefined && upto >= f.resetAt) {
        flows.delete(f);
        if (f.resetAt > f.given) f.controller.enqueue(f.body.slice(f.given, f.resetAt));
        f.controller.error(new TypeError('network error (connection reset)'));
        log.push({ url: f.url, at: Date.now(), how: 'reset' });
        f.done();
        continue;
      }
      if (upto > f.given) {
        f.controller.enqueue(f.body.slice(f.given, upto));
        f.given = upto;
      }
      if (f.sent >= f.wire - 1e-9) {
        flows.delete(f);
        if (f.given < f.body.byteLength) f.controller.enqueue(f.body.slice(f.given));
        f.controller.close();
        log.push({ url: f.url, at: Date.now(), how: 'done' });
        f.done();
      }
    }
    arm();
  };
  const arm = () => {
    if (timer === undefined && flows.size > 0) timer = setTimeout(step, tick);
  };

  const fetchImpl = ((input: URL | RequestInfo, init?: RequestInit) => {
    const url = String(input);
    const signal = init?.signal ?? undefined;
    return new Promise<Response>((resolve, reject) => {
      let state: 'queued' | 'waiting' | 'body' | 'over' = 'queued';
      let headersTimer: ReturnType<typeof setTimeout> | undefined;
      let flow: Flow | undefined;
      const go = () => {
        if (state !== 'queued') return;
        state = 'waiting';
        onWire++;
        started.push({ url, at: Date.now() });
        const a = o.answer(url);
        if (a === 'hang') return;
        headersTimer = setTimeout(() => {
          let controller!: ReadableStreamDefaultController<Uint8Array>;
          const stream = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) });
          const response = new Response(stream, { status: a.status, headers: { 'content-type': 'application/json' } });
          if (a.status !== 200) {
            state = 'over';
            log.push({ url, at: Date.now(), how: 'status', status: a.status });
            signal?.removeEventListener('abort', onAbort);
            controller.close();
            free();
            resolve(response);
            return;
          }
          state = 'body';
          flow = {
            url,
            body: a.body,
            wire: Math.max(1, wireOf(url, a.body)),
            sent: 0,
            given: 0,
            ...(a.resetAfterBytes === undefined ? {} : { resetAt: a.resetAfterBytes }),
            controller,
            done: () => {
              state = 'over';
              signal?.removeEventListener('abort', onAbort);
              free();
            },
          };
          flows.add(flow);
          arm();
          resolve(response);
        }, o.rttMs + (a.headersAfterMs ?? 0));
      };
      const onAbort = () => {
        const aborted = new DOMException('aborted', 'AbortError');
        if (state === 'queued') {
          const i = queue.indexOf(go);
          if (i >= 0) queue.splice(i, 1);
        } else if (state === 'waiting') {
          clearTimeout(headersTimer);
          free();
        } else if (state === 'body' && flow !== undefined) {
          flows.delete(flow);
          flow.controller.error(aborted);
          free();
        }
        if (state !== 'over') log.push({ url, at: Date.now(), how: 'aborted' });
        state = 'over';
        reject(aborted);
      };
      if (signal?.aborted) return reject(new DOMException('aborted', 'AbortError'));
      signal?.addEventListener('abort', onAbort, { once: true });
      if (o.connections === undefined || onWire < o.connections) go();
      else queue.push(go);
    });
  }) as typeof fetch;

  return { fetchImpl, log, started };
}

/** Runs `work` under fake timers, moving the clock in 50 ms steps until it settles (at most `limitMs`). */
export async function underFakeTime<T>(work: () => Promise<T>, limitMs = 400_000): Promise<{ value: T; tookMs: number }> {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  const start = Date.now();
  let settled = false;
  let end = start;
  const p = work().finally(() => {
    settled = true;
    end = Date.now();
  });
  for (let t = 0; !settled && t < limitMs; t += 50) await vi.advanceTimersByTimeAsync(50);
  if (!settled) throw new Error(`not settled within ${limitMs} ms`);
  return { value: await p, tookMs: end - start };
}

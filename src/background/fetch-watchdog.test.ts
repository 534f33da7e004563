// The fetcher's time limits judge silence, not total time (fetch-watchdog.ts), over a real local
// server and Node's fetch: an answer that keeps arriving is read however long it takes, up to
// the cap; an answer that stops arriving ends after the idle limit, headers or no headers.
import { createServer, type ServerResponse, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLimitedFetcher } from './fetch-limited';

type Handler = (res: ServerResponse) => void;
const routes = new Map<string, Handler>();
let server: Server;
let base: URL;

/** Sends `{"pad":"xxx…"}` in `pieces` chunks, `everyMs` apart; `stopAfter`: then falls silent. */
function trickle(res: ServerResponse, pieces: number, everyMs: number, stopAfter = pieces): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.write('{"pad":"');
  let sent = 0;
  const timer = setInterval(() => {
    if (sent === stopAfter) return clearInterval(timer);
    res.write('x'.repeat(64));
    if (++sent === pieces) {
      clearInterval(timer);
      res.end('"}');
    }
  }, everyMs);
  res.on('close', () => clearInterval(timer));
}

beforeAll(async () => {
  server = createServer((req, res) => routes.get(new URL(req.url ?? '/', 'http://x').pathname)?.(res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  base = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
  routes.set('/steady', (res) => trickle(res, 12, 100)); // 1.2 s, a chunk every 100 ms
  routes.set('/stalls', (res) => trickle(res, 12, 100, 3)); // three chunks, then nothing
  routes.set('/headers-only', (res) => res.writeHead(200, { 'content-type': 'application/json' }).flushHeaders());
  routes.set('/no-headers', () => undefined);
  routes.set('/dribble', (res) => trickle(res, 1_000, 50)); // would take 50 s
});

afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const init = { accept: 'application/json', maxBytes: 100_000 };
const at = (path: string) => new URL(path, base);
const quick = createLimitedFetcher({ timeoutMs: 400, totalMs: 3_000, maxRetries: 0 });

describe('the time limits of a registry request', () => {
  it('an answer that keeps arriving is read whole although it takes three times the idle limit', async () => {
    const outcome = await quick(at('/steady'), init);
    expect(outcome.ok && (outcome.json as { pad: string }).pad).toHaveLength(12 * 64);
  });

  it('an answer that stops arriving ends after the idle limit, said as such', async () => {
    const started = Date.now();
    expect(await quick(at('/stalls'), init)).toMatchObject({ ok: false, code: 'FETCH_TIMEOUT', message: 'nothing received from the registry for 400 ms' });
    expect(Date.now() - started).toBeLessThan(2_500);
  });

  it('headers and then silence, or no headers at all: the idle limit', async () => {
    expect(await quick(at('/headers-only'), init)).toMatchObject({ ok: false, code: 'FETCH_TIMEOUT', message: 'nothing received from the registry for 400 ms' });
    expect(await quick(at('/no-headers'), init)).toMatchObject({ ok: false, code: 'FETCH_TIMEOUT', message: 'nothing received from the registry for 400 ms' });
  });

  it('an answer dribbled a chunk at a time never ends the idle limit, and ends at the cap', async () => {
    const started = Date.now();
    expect(await quick(at('/dribble'), init)).toMatchObject({ ok: false, code: 'FETCH_TIMEOUT', message: 'no whole answer within 3000 ms' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(2_900);
  });
});

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLimitedFetcher } from './fetch-limited';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
const routes = new Map<string, Handler>();
const hits = new Map<string, number>();
let server: Server;
let other: Server;
let base: URL;
let otherBase: URL;

function json(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(body);
}

function listen(s: Server): Promise<URL> {
  return new Promise((resolve) => s.listen(0, '127.0.0.1', () => resolve(new URL(`http://127.0.0.1:${(s.address() as AddressInfo).port}/`))));
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const handler = routes.get(path);
    if (handler) handler(req, res);
    else json(res, 404, '{}');
  });
  other = createServer((_req, res) => json(res, 200, '{"from":"other"}'));
  base = await listen(server);
  otherBase = await listen(other);
  routes.set('/ok', (req, res) => json(res, 200, JSON.stringify({ accept: req.headers.accept, cookie: req.headers.cookie ?? null })));
  routes.set('/vnd', (_req, res) => json(res, 200, '{"v":1}', { 'content-type': 'application/vnd.pypi.integrity.v1+json' }));
  routes.set('/slow', (_req, res) => setTimeout(() => json(res, 200, '{}'), 2_000));
  routes.set('/big', (_req, res) => json(res, 200, JSON.stringify({ pad: 'x'.repeat(5_000) })));
  routes.set('/big-chunked', (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write('{"pad":"');
    for (let i = 0; i < 10; i++) res.write('y'.repeat(1_000));
    res.end('"}');
  });
  routes.set('/limited', (_req, res) =>
    (hits.get('/limited') ?? 0) <= 2 ? json(res, 429, '{}', { 'retry-after': '0' }) : json(res, 200, '{"ok":true}'),
  );
  routes.set('/broken', (_req, res) => json(res, 500, '{}'));
  routes.set('/always-429', (_req, res) => json(res, 429, '{}', { 'retry-after': '3600' }));
  routes.set('/away', (_req, res) => {
    res.writeHead(302, { location: new URL('/elsewhere', otherBase).href });
    res.end();
  });
  routes.set('/same-origin-redirect', (_req, res) => {
    res.writeHead(301, { location: '/ok' });
    res.end();
  });
  routes.set('/cached', (_req, res) => json(res, 200, '{}', { 'cache-control': 'max-age=900, public', age: '100' }));
  routes.set('/malformed', (_req, res) => json(res, 200, '{"a":'));
  routes.set('/html', (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<html><script>alert(1)</script></html>');
  });
  routes.set('/forbidden', (_req, res) => json(res, 403, '{}'));
});

afterAll(() => {
  server.closeAllConnections();
  other.closeAllConnections();
  server.close();
  other.close();
});

const init = { accept: 'application/json', maxBytes: 1_024 };
const sleeps: number[] = [];
const fetcher = createLimitedFetcher({ timeoutMs: 300, sleep: async (ms) => void sleeps.push(ms) });
const at = (path: string) => new URL(path, base);

describe('createLimitedFetcher over a local server', () => {
  it("tells how long the registry's Cache-Control keeps the answer fresh, asks past the browser cache only to revalidate, and keeps provenance documents out of it", async () => {
    const modes: (RequestCache | undefined)[] = [];
    const spy = ((input: URL, init?: RequestInit) => {
      modes.push(init?.cache);
      return fetch(input, init);
    }) as typeof fetch;
    const limited = createLimitedFetcher({ fetchImpl: spy });
    const plain = await limited(new URL('/cached', base), { accept: 'application/json', maxBytes: 1_000 });
    // 900 s less its Age (100 s) and the time since its Date (whole seconds: under one).
    expect(plain.ok && plain.freshForMs).toBeGreaterThan(799_000);
    expect(plain.ok && plain.freshForMs).toBeLessThanOrEqual(800_000);
    expect(await limited(new URL('/ok', base), { accept: 'application/json', maxBytes: 1_000 })).toMatchObject({ ok: true, freshForMs: 0 });
    await limited(new URL('/cached', base), { accept: 'application/json', maxBytes: 1_000, revalidate: true });
    // A provenance document is kept by digest, not by the browser, on a retry too.
    await limited(new URL('/cached', base), { accept: 'application/json', maxBytes: 1_000, keptByDigest: true });
    await limited(new URL('/cached', base), { accept: 'application/json', maxBytes: 1_000, keptByDigest: true, revalidate: true });
    expect(modes).toEqual(['default', 'default', 'no-cache', 'no-store', 'no-store']);
  });

  it('returns parsed JSON, sends the Accept header and no cookies', async () => {
    expect(await fetcher(at('/ok'), { ...init, accept: 'application/vnd.pypi.integrity.v1+json' })).toEqual({
      ok: true,
      status: 200,
      json: { accept: 'application/vnd.pypi.integrity.v1+json', cookie: null },
      freshForMs: 0, // the server says nothing about caching
    });
    expect(await fetcher(at('/vnd'), init)).toMatchObject({ ok: true, json: { v: 1 } });
  });

  it('times out', async () => {
    expect(await fetcher(at('/slow'), init)).toMatchObject({ ok: false, code: 'FETCH_TIMEOUT' });
  });

  it('tears down a request whose asker cancels it, sends none once cancelled, and retries nothing after', async () => {
    const patient = createLimitedFetcher({ timeoutMs: 5_000, sleep: async () => undefined });
    const closedBefore = new Promise<void>((resolve) => routes.set('/hang', (req) => req.once('close', () => resolve())));
    const controller = new AbortController();
    const open = patient(at('/hang'), { ...init, signal: controller.signal });
    await new Promise((r) => setTimeout(r, 50));
    controller.abort();
    expect(await open).toMatchObject({ ok: false, code: 'FETCH_NETWORK', message: expect.stringContaining('cancelled') });
    // The server saw the connection go: nothing is left open for an answer nobody reads.
    await closedBefore;
    const sent = hits.get('/ok') ?? 0;
    expect(await patient(at('/ok'), { ...init, signal: controller.signal })).toMatchObject({ ok: false, code: 'FETCH_NETWORK' });
    expect(hits.get('/ok') ?? 0).toBe(sent);
    // Cancelled while backing off from a 500: no second attempt.
    const again = new AbortController();
    const backingOff = createLimitedFetcher({ sleep: async () => again.abort() });
    routes.set('/broken-once-asked', (_req, res) => json(res, 500, '{}'));
    expect(await backingOff(at('/broken-once-asked'), { ...init, signal: again.signal })).toMatchObject({ ok: false, code: 'FETCH_NETWORK' });
    expect(hits.get('/broken-once-asked')).toBe(1);
  });

  it('refuses bodies over the limit, declared or streamed', async () => {
    expect(await fetcher(at('/big'), init)).toMatchObject({ ok: false, code: 'FETCH_TOO_LARGE' });
    expect(await fetcher(at('/big-chunked'), init)).toMatchObject({ ok: false, code: 'FETCH_TOO_LARGE' });
  });

  it('retries a 429 honouring Retry-After, then succeeds', async () => {
    sleeps.length = 0;
    expect(await fetcher(at('/limited'), init)).toMatchObject({ ok: true, json: { ok: true } });
    expect(hits.get('/limited')).toBe(3);
    expect(sleeps).toEqual([0, 0]);
  });

  it('bounds 5xx retries with exponential backoff', async () => {
    sleeps.length = 0;
    expect(await fetcher(at('/broken'), init)).toMatchObject({ ok: false, status: 500, code: 'FETCH_HTTP_STATUS' });
    expect(hits.get('/broken')).toBe(3);
    expect(sleeps).toEqual([500, 1_000]);
  });

  it('caps a long Retry-After and reports rate limiting', async () => {
    sleeps.length = 0;
    expect(await fetcher(at('/always-429'), init)).toMatchObject({ ok: false, code: 'FETCH_RATE_LIMITED' });
    expect(sleeps).toEqual([4_000, 4_000]);
  });

  it('refuses a redirect to another origin but follows one on the same origin', async () => {
    expect(await fetcher(at('/away'), init)).toMatchObject({ ok: false, code: 'FETCH_REDIRECT' });
    expect(await fetcher(at('/same-origin-redirect'), init)).toMatchObject({ ok: true });
  });

  it('reports malformed JSON and HTML as PARSE_JSON', async () => {
    expect(await fetcher(at('/malformed'), init)).toMatchObject({ ok: false, code: 'PARSE_JSON' });
    expect(await fetcher(at('/html'), init)).toMatchObject({ ok: false, code: 'PARSE_JSON' });
  });

  it('maps 404 and 403 to their codes with the status', async () => {
    expect(await fetcher(at('/nothing-here'), init)).toMatchObject({ ok: false, status: 404, code: 'FETCH_NOT_FOUND' });
    expect(await fetcher(at('/forbidden'), init)).toMatchObject({ ok: false, status: 403, code: 'FETCH_FORBIDDEN' });
  });

  it('reports a refused connection as FETCH_NETWORK', async () => {
    const closed = createServer();
    const url = await listen(closed);
    await new Promise((resolve) => closed.close(resolve));
    expect(await fetcher(new URL('/ok', url), init)).toMatchObject({ ok: false, code: 'FETCH_NETWORK' });
  });

  it('keeps at most perHost requests open per origin', async () => {
    let open = 0;
    let peak = 0;
    const fakeFetch = async () => {
      open++;
      peak = Math.max(peak, open);
      await new Promise((r) => setTimeout(r, 10));
      open--;
      return new Response('{}', { headers: { 'content-type': 'application/json' } });
    };
    const limited = createLimitedFetcher({ perHost: 2, fetchImpl: fakeFetch as typeof fetch });
    await Promise.all(Array.from({ length: 7 }, () => limited(at('/ok'), init)));
    expect(peak).toBe(2);
  });
});

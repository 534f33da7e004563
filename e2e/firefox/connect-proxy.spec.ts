// The CONNECT proxy on its own, without a browser: it is the only thing keeping Firefox off the
// real network, so what it lets through and what it refuses is checked directly.
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { expect, test } from '@playwright/test';
import { startFixtureServer, type FixtureServer } from '../server/fixture-server';
import { fixturesAvailable, FIXTURES_DIR } from '../support/fixtures-dir';
import { startConnectProxy, type ConnectProxy } from './connect-proxy';

let server: FixtureServer;
let proxy: ConnectProxy;

test.beforeAll(async () => {
  if (!fixturesAvailable()) throw new Error(`real-data fixtures missing at ${FIXTURES_DIR} (set PROVENANCE_LENS_FIXTURES)`);
  server = await startFixtureServer();
  proxy = await startConnectProxy({ upstreamPort: server.port });
});

test.afterAll(async () => {
  await proxy?.stop();
  await server?.stop();
});

function connectThroughProxy(authority: string, port = proxy.port): Promise<{ status: number; socket: Socket }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method: 'CONNECT', path: authority });
    req.on('connect', (res, socket) => resolve({ status: res.statusCode ?? 0, socket }));
    req.on('error', reject);
    req.end();
  });
}

test('proxy: a fixture host on 443 is tunnelled to the fixture server', async () => {
  const { status, socket } = await connectThroughProxy('registry.npmjs.org:443');
  expect(status).toBe(200);
  const since = server.requests.length;
  const body = await new Promise<string>((resolve, reject) => {
    // The fixture certificate is self-signed; what matters here is where the bytes go.
    const req = httpsRequest(
      {
        host: 'registry.npmjs.org',
        path: '/sigstore/2.3.1',
        createConnection: () => tlsConnect({ socket, servername: 'registry.npmjs.org', rejectUnauthorized: false }),
      },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
        res.on('end', () => resolve(text));
      },
    );
    req.on('error', reject);
    req.end();
  });
  expect(JSON.parse(body)).toMatchObject({ name: 'sigstore', version: '2.3.1' });
  expect(server.requests.slice(since).map((r) => `${r.host}${r.path}`)).toEqual(['registry.npmjs.org/sigstore/2.3.1']);
  expect(proxy.tunnelled).toContain('registry.npmjs.org:443');
  socket.destroy();
});

test('proxy: other hosts, other ports and plain HTTP requests are refused and recorded', async () => {
  const before = proxy.refused.length;
  const other = await connectThroughProxy('example.com:443');
  expect(other.status).toBe(403);
  const wrongPort = await connectThroughProxy('pypi.org:80');
  expect(wrongPort.status).toBe(403);
  const plain = await new Promise<number>((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: proxy.port, path: 'http://pypi.org/simple/' }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
  expect(plain).toBe(403);
  expect(proxy.refused.slice(before)).toEqual([
    { method: 'CONNECT', target: 'example.com:443', reason: 'not-allowed' },
    { method: 'CONNECT', target: 'pypi.org:80', reason: 'not-allowed' },
    { method: 'GET', target: 'pypi.org', reason: 'not-connect' },
  ]);
  other.socket.destroy();
  wrongPort.socket.destroy();
});

test('proxy: stop() closes open tunnels', async () => {
  const own = await startConnectProxy({ upstreamPort: server.port });
  const { status, socket } = await connectThroughProxy('pypi.org:443', own.port);
  expect(status).toBe(200);
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  await own.stop();
  await expect(closed).resolves.toBeUndefined();
});

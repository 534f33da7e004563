// The only way out of the Firefox under test. Firefox has no host-resolver rules like Chromium,
// so its proxy prefs point here: a CONNECT proxy on 127.0.0.1 that tunnels the fixture hosts
// (port 443 only) to the local fixture server and refuses everything else, so nothing the browser
// or the extension does can reach a real host. Refusals are recorded so specs can show them.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { FIXTURE_HOSTS } from '../server/certificate';

export interface RefusedRequest {
  method: string;
  /** CONNECT authority (host:port) or, for plain proxy requests, the absolute URL's host. */
  target: string;
  reason: 'not-allowed' | 'not-connect' | 'too-many-tunnels';
}

export interface ConnectProxy {
  port: number;
  /** Every refused request, in order. */
  refused: RefusedRequest[];
  /** Authorities tunnelled to the fixture server, in order. */
  tunnelled: string[];
  stop: () => Promise<void>;
}

export interface ConnectProxyOptions {
  /** The fixture server's port on 127.0.0.1; every allowed tunnel ends there. */
  upstreamPort: number;
  upstreamHost?: string;
  /** Hosts allowed on port 443; defaults to the fixture hosts the certificate covers. */
  allowedHosts?: readonly string[];
  /** Tunnels open at once; a runaway browser must not exhaust the machine. */
  maxTunnels?: number;
}

function hostOfUrl(url: string | undefined): string {
  try {
    return new URL(url ?? '').host || String(url);
  } catch {
    return String(url);
  }
}

export async function startConnectProxy(options: ConnectProxyOptions): Promise<ConnectProxy> {
  const allowed = new Set((options.allowedHosts ?? FIXTURE_HOSTS).map((h) => `${h.toLowerCase()}:443`));
  const upstreamHost = options.upstreamHost ?? '127.0.0.1';
  const maxTunnels = options.maxTunnels ?? 64;
  const refused: RefusedRequest[] = [];
  const tunnelled: string[] = [];
  const sockets = new Set<Socket | Duplex>();
  let activeTunnels = 0;
  const track = (s: Socket | Duplex): void => {
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
  };

  const server: Server = createServer((req, res) => {
    // Plain-HTTP proxy requests (http://host/...) are never needed: every fixture is HTTPS.
    refused.push({ method: req.method ?? 'GET', target: hostOfUrl(req.url), reason: 'not-connect' });
    res.writeHead(403, { 'content-type': 'text/plain', connection: 'close' });
    res.end('provenance-lens e2e proxy: only CONNECT to fixture hosts\n');
  });
  server.on('connection', track);

  server.on('connect', (req: IncomingMessage, client: Duplex, head: Buffer) => {
    const target = (req.url ?? '').toLowerCase();
    track(client);
    client.on('error', () => client.destroy());
    if (!allowed.has(target)) {
      refused.push({ method: 'CONNECT', target, reason: 'not-allowed' });
      client.end('HTTP/1.1 403 Forbidden\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
      return;
    }
    if (activeTunnels >= maxTunnels) {
      refused.push({ method: 'CONNECT', target, reason: 'too-many-tunnels' });
      client.end('HTTP/1.1 503 Service Unavailable\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
      return;
    }
    activeTunnels += 1;
    client.once('close', () => (activeTunnels -= 1));
    tunnelled.push(target);
    const upstream = connect(options.upstreamPort, upstreamHost, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    track(upstream);
    // Either side failing ends the tunnel; the browser sees a reset, as it would on the real network.
    upstream.on('error', () => client.destroy());
    upstream.on('close', () => client.destroy());
    client.on('close', () => upstream.destroy());
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });

  return {
    port: (server.address() as AddressInfo).port,
    refused,
    tunnelled,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        sockets.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

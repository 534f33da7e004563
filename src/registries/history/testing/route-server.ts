// A loopback HTTP server for a route table keyed by public registry URLs (testca-history.ts):
// npm under /npm/ and PyPI under /pypi-root/, the layout the CLI's registry URL variables point
// at (PROVENANCE_LENS_NPM_REGISTRY_URL, PROVENANCE_LENS_PYPI_URL). Paths are looked up as sent,
// still percent-encoded, the way the CLI maps them. Every request is logged.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NPM_REGISTRY_ORIGIN } from '../../npm/hosts';
import { PYPI_ORIGIN } from '../../pypi/hosts';
import type { FakeRoute } from '../../testing/fake-fetcher';

export interface RouteServer {
  npmUrl: string;
  pypiUrl: string;
  /** Paths asked, in order, as sent. */
  requests: string[];
  close(): Promise<void>;
}

const PREFIXES: [string, string][] = [
  ['/npm/', NPM_REGISTRY_ORIGIN],
  ['/pypi-root/', PYPI_ORIGIN],
];

/** The public URL a loopback request stands for, or undefined outside both prefixes. */
function publicUrl(rawPath: string): string | undefined {
  for (const [prefix, origin] of PREFIXES) {
    if (rawPath.startsWith(prefix)) return `${origin}/${rawPath.slice(prefix.length)}`;
  }
  return undefined;
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

export async function serveRoutes(routes: Readonly<Record<string, FakeRoute>>): Promise<RouteServer> {
  const requests: string[] = [];
  // Serialised once: a 200-release packument is not re-encoded per request.
  const bodies = new Map(Object.entries(routes).map(([url, body]) => [url, JSON.stringify(body)]));
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const rawPath = (req.url ?? '/').split('?')[0] ?? '/';
    requests.push(rawPath);
    const url = publicUrl(rawPath);
    const body = url === undefined ? undefined : bodies.get(url);
    if (body === undefined) return reply(res, 404, { error: 'Not found' });
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    npmUrl: `http://127.0.0.1:${port}/npm/`,
    pypiUrl: `http://127.0.0.1:${port}/pypi-root/`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

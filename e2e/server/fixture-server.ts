// The local HTTPS server that stands in for pypi.org, www.npmjs.com, registry.npmjs.org (and the
// TUF CDN, tuf-routes.ts). It routes by Host header, logs every request for assertions, and can hold requests open
// (the "hang" scenario) until stop() tears every socket down. Projects named `lens-fault-*`
// misbehave on purpose (fault-routes.ts); with `generated` it also serves the test-CA scenarios
// scripts/e2e-prepare.ts wrote, ahead of the real-data ones; with `only`, a scenario set alone
// (`npm start`'s recorded demo set, which must run without the shared fixtures).
import { createSecureServer } from 'node:http2';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { generatedHandlers, generatedNpmSitePackages, loadGeneratedScenarios, type LoadedScenarios } from '../testca/generated-scenarios';
import { makeSelfSignedCertificate } from './certificate';
import { createFaultInjector, faultingPypiHandler } from './fault-routes';
import { npmRegistryHandler, npmSiteHandler } from './npm-routes';
import { npmSiteHandler as npmSiteListing } from './npm-site/site-handler';
import { buildPypiProjects } from './pypi-scenarios';
import { pypiPageRoutes } from './pypi-page-routes';
import { pypiHandler } from './pypi-routes';
import { answerAsRegistryCaches } from './registry-cache-headers';
import { sendJson, sendNotFound, type HostHandler, type RouteContext } from './responses';
import { createTufRoutes, TUF_HOST, type TufRoutes } from './tuf-routes';

export interface RequestLogEntry {
  method: string;
  host: string;
  /** Path and query as sent, still percent-encoded. */
  path: string;
  /** The Accept header: the npm fixture app asks for page data as JSON at page URLs. */
  accept: string;
  at: number;
  /** '2.0' or '1.1': the registries answer browsers over HTTP/2, and so does this server. */
  httpVersion: string;
}

export interface FixtureServer {
  port: number;
  requests: RequestLogEntry[];
  /** Requests currently held open by the hang scenario. */
  hanging: () => number;
  /** Requests received whose response has not finished or been torn down yet. */
  openRequests: () => number;
  /** tuf-repo-cdn.sigstore.dev: 404 until a spec serves the generated TUF repository. */
  tuf: Pick<TufRoutes, 'serve' | 'served'>;
  stop: () => Promise<void>;
}

export interface FixtureServerOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /**
   * Folder written by `npx tsx scripts/e2e-prepare.ts` (TESTCA_DIR in e2e/testca/paths.ts):
   * also serve its signed test-CA projects and packages. Throws when it was not prepared.
   */
  generated?: string;
  /** Serve these scenarios and nothing of the e2e real-data tables (which read ../shared). */
  only?: LoadedScenarios;
  /**
   * Answer the registry APIs with the Cache-Control the real registries send
   * (registry-cache-headers.ts), so the browser's HTTP cache keeps them as it would. Off by default:
   * e2e scenarios change a registry's answers between visits, and send no-store.
   */
  registryCaching?: boolean;
  /** How long a `lens-fault-hang*` request is held before the server drops it (default 11 s). */
  faultHangMs?: number;
}

function hostOf(header: string | undefined): string {
  return (header ?? '').replace(/:\d+$/, '').toLowerCase();
}

export async function startFixtureServer(options: FixtureServerOptions = {}): Promise<FixtureServer> {
  const tls = await makeSelfSignedCertificate();
  const faults = createFaultInjector({ hangMs: options.faultHangMs ?? 11_000 });
  const loaded = options.only ?? (options.generated === undefined ? undefined : loadGeneratedScenarios(options.generated));
  const realData = options.only
    ? { pypi: pypiHandler([]), npmRegistry: (ctx: RouteContext) => sendJson(ctx.res, 404, { error: 'Not found' }) }
    : { pypi: pypiHandler(buildPypiProjects()), npmRegistry: npmRegistryHandler() };
  const served = loaded ? generatedHandlers(loaded, realData, faults) : realData;
  const tuf = createTufRoutes(options.generated);
  const handlers: Record<string, HostHandler> = {
    'pypi.org': faultingPypiHandler(pypiPageRoutes(options.only ? [] : buildPypiProjects(), served.pypi), faults),
    // With `only`, the site lists those packages alone (npmSiteHandler adds the e2e table's).
    'www.npmjs.com': options.only ? npmSiteListing(generatedNpmSitePackages(options.only)) : npmSiteHandler(loaded ? generatedNpmSitePackages(loaded) : []),
    'registry.npmjs.org': served.npmRegistry,
    [TUF_HOST]: tuf.handler,
  };
  const requests: RequestLogEntry[] = [];
  const held = new Set<ServerResponse>();
  let open = 0;

  const serve = (req: IncomingMessage, res: ServerResponse): void => {
    const host = hostOf(req.headers.host ?? (req.headers[':authority'] as string | undefined));
    const url = req.url ?? '/';
    requests.push({ method: req.method ?? 'GET', host, path: url, accept: req.headers.accept ?? '', at: Date.now(), httpVersion: req.httpVersion });
    open++;
    res.once('close', () => open--);
    const handler = handlers[host];
    const queryAt = url.indexOf('?');
    const rawPath = queryAt === -1 ? url : url.slice(0, queryAt);
    const query = new URLSearchParams(queryAt === -1 ? '' : url.slice(queryAt + 1));
    if (!handler || (req.method !== 'GET' && req.method !== 'HEAD')) return sendNotFound(res);
    // The real registry APIs allow any origin; the pages themselves do not.
    if (host === 'registry.npmjs.org' || /^\/(pypi|integrity)\//.test(rawPath)) res.setHeader('access-control-allow-origin', '*');
    if (options.registryCaching === true) answerAsRegistryCaches(res, host, rawPath);
    const hang = (): void => {
      held.add(res);
      res.on('close', () => held.delete(res));
    };
    try {
      handler({ req, res, rawPath, query, hang });
    } catch (error) {
      // A broken fixture must fail loudly in the test output, not look like a registry outage.
      console.error(`fixture server: ${req.method} ${host}${url} threw`, error);
      if (!res.headersSent) res.writeHead(599, { 'content-type': 'text/plain' });
      res.end('fixture server error\n');
    }
  };
  // pypi.org and the npm hosts answer over HTTP/2 (many requests on one connection), so the
  // fixture server does too; HTTP/1.1 stays for clients that ask for it. Over HTTP/1.1 alone a
  // browser opens at most six connections per host, and a release's 60 provenance requests
  // queued behind them, as they do not on the real registries.
  const server = createSecureServer({ key: tls.key, cert: tls.cert, allowHTTP1: true }, serve as never);
  const connections = new Set<TLSSocket>();
  server.on('secureConnection', (socket: TLSSocket) => {
    connections.add(socket);
    socket.once('close', () => connections.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });

  return {
    port: (server.address() as AddressInfo).port,
    requests,
    hanging: () => held.size,
    openRequests: () => open,
    tuf: { serve: tuf.serve, served: tuf.served },
    stop: () =>
      new Promise<void>((resolve) => {
        for (const res of held) res.destroy();
        held.clear();
        server.close(() => resolve());
        for (const socket of connections) socket.destroy();
      }),
  };
}

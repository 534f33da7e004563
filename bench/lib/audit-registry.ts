// The loopback npm registry the audit benchmark's tree is served from, at the root of
// http://127.0.0.1:<port>/ (npm builds the attestations URL from the registry's origin, so a
// base with a path would split the two clients). It answers what both `provenance-lens audit`
// and `npm ci` / `npm audit signatures` ask: packuments, version documents, attestations,
// tarballs and /-/npm/v1/keys. Bodies are serialised once; JSON carries an ETag and the
// registry's own `cache-control: public, max-age=300`, so npm's HTTP cache behaves as it does
// against registry.npmjs.org.
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NPM_PUBLISH_V01, type TestSigstore } from '../../src/testing/testca/index';
import { lockedOf, tarballUrl, type TreePackage } from './audit-tree';

interface Body {
  bytes: Buffer;
  type: string;
  etag: string;
  cacheControl: string;
}

export interface BenchRegistry {
  /** `http://127.0.0.1:<port>/`. */
  url: string;
  /** Requests answered since the last reset. */
  requests: number;
  /** Fills the routes from the tree; the documents name the server's own URL. */
  publish(ts: TestSigstore, packages: readonly TreePackage[]): void;
  close(): Promise<void>;
}

function body(value: unknown, type = 'application/json'): Body {
  const bytes = Buffer.isBuffer(value) ? value : Buffer.from(JSON.stringify(value));
  const tarball = type !== 'application/json';
  const etag = `"${createHash('sha1').update(bytes).digest('hex')}"`;
  return { bytes, type, etag, cacheControl: tarball ? 'public, immutable, max-age=31557600' : 'public, max-age=300' };
}

/** npm's /-/npm/v1/keys shape, from the test instance's keys.json (one entry per key). */
function keysEndpoint(ts: TestSigstore): object {
  const seen = new Map(ts.npmKeys.keys.map((k) => [k.keyId, k.publicKey.rawBytes]));
  return { keys: [...seen].map(([keyid, key]) => ({ expires: null, keyid, keytype: 'ecdsa-sha2-nistp256', scheme: 'ecdsa-sha2-nistp256', key })) };
}

function packageRoutes(pkg: TreePackage, url: string, routes: Map<string, Body>): void {
  const docs = pkg.versions.map((v) => {
    const dist: Record<string, unknown> = { integrity: v.integrity, tarball: tarballUrl(url, pkg.name, v.version), signatures: v.signatures };
    if (v.tarball) dist.shasum = createHash('sha1').update(v.tarball).digest('hex');
    if (v.attestations) {
      routes.set(`/-/npm/v1/attestations/${pkg.name}@${v.version}`, body(v.attestations));
      const predicateType = v.attestations.attestations.find((a) => a.predicateType !== NPM_PUBLISH_V01)?.predicateType;
      dist.attestations = { url: `${url}-/npm/v1/attestations/${pkg.name.replace('/', '%2f')}@${v.version}`, provenance: { predicateType } };
    }
    if (v.tarball) routes.set(new URL(String(dist.tarball)).pathname, body(v.tarball, 'application/octet-stream'));
    const deps = v === lockedOf(pkg) ? { dependencies: pkg.dependencies } : {};
    const doc = { name: pkg.name, version: v.version, _id: `${pkg.name}@${v.version}`, license: 'MIT', ...deps, dist };
    routes.set(`/${pkg.name}/${v.version}`, body(doc));
    return doc;
  });
  const first = pkg.versions[0]?.published ?? '';
  const last = lockedOf(pkg).published;
  routes.set(
    `/${pkg.name}`,
    body({
      _id: pkg.name,
      name: pkg.name,
      'dist-tags': { latest: lockedOf(pkg).version },
      versions: Object.fromEntries(docs.map((d) => [d.version, d])),
      time: { created: first, modified: last, ...Object.fromEntries(pkg.versions.map((v) => [v.version, v.published])) },
    }),
  );
}

export async function startBenchRegistry(): Promise<BenchRegistry> {
  const routes = new Map<string, Body>();
  const server: Server = createServer((req, res) => {
    registry.requests++;
    let path: string;
    try {
      // npm and the CLI both send a scoped name as `@scope%2fname`: routes are keyed decoded.
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    } catch {
      path = '';
    }
    const found = routes.get(path);
    if (!found) {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"Not found"}');
      return;
    }
    const headers = { 'content-type': found.type, etag: found.etag, 'cache-control': found.cacheControl };
    if (req.headers['if-none-match'] === found.etag) {
      res.writeHead(304, headers).end();
      return;
    }
    res.writeHead(200, { ...headers, 'content-length': found.bytes.length }).end(found.bytes);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const registry: BenchRegistry = {
    url,
    requests: 0,
    publish(ts, packages) {
      routes.set('/-/npm/v1/keys', body(keysEndpoint(ts)));
      for (const pkg of packages) packageRoutes(pkg, url, routes);
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return registry;
}

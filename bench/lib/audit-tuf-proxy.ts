// What lets `npm audit signatures` run with no network. npm starts it with a TUF refresh
// against https://tuf-repo-cdn.sigstore.dev (@sigstore/tuf initTUF, no option to skip it or
// move the mirror) and verifies attestations with the trusted_root.json that TUF delivers, so
// offline it fails before checking anything (ENOTFOUND). The benchmark answers that host
// itself: a generated TUF repository (src/testing/tuf) whose trusted root is the test
// instance's, behind a loopback CONNECT proxy that terminates TLS with a throwaway certificate.
// npm runs unchanged; only its environment says where the network is:
//   HTTPS_PROXY (@npmcli/agent reads it), NO_PROXY for the loopback registry,
//   NODE_EXTRA_CA_CERTS for the certificate, and its TUF cache seeded with the repository's
//   root.json and targets, as @sigstore/tuf seeds a new cache from its embedded seeds.json
//   (root.json, trusted_root.json, registry.npmjs.org/keys.json). Seeding the targets also keeps
//   npm clear of its own race: concurrent verifications that find no cached trusted_root.json
//   each download it and copyFileSync it into place while others read it (a partial read fails
//   an attestation), which a real first run never meets because the seed is there.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import { makeSelfSignedCertificate } from '../../e2e/server/certificate';
import type { TestSigstore } from '../../src/testing/testca/index';
import { TestTufRepo } from '../../src/testing/tuf/tuf-repo';

const TUF_HOST = 'tuf-repo-cdn.sigstore.dev';

export interface TufProxy {
  /** The environment npm runs with. */
  env: Record<string, string>;
  /** Seeds npm's TUF cache (`npmCache/_tuf`) as @sigstore/tuf seeds a new one. */
  seed(npmCache: string): void;
  /** Paths the TUF client asked for. */
  requests: string[];
  close(): Promise<void>;
}

export async function startTufProxy(ts: TestSigstore, scratch: string): Promise<TufProxy> {
  const repo = new TestTufRepo();
  repo.publish({ version: 1, trustedRoot: ts.trustedRoot, npmKeys: ts.npmKeys });
  const tls = await makeSelfSignedCertificate([TUF_HOST]);
  const caFile = join(scratch, 'tuf-proxy-ca.pem');
  writeFileSync(caFile, tls.cert);
  const requests: string[] = [];
  const sockets = new Set<Socket | Duplex>();
  // Never listens: each tunnel's socket is handed to it, TLS and HTTP happen in-process.
  const tuf = createHttpsServer({ key: tls.key, cert: tls.cert }, (req, res) => {
    const path = new URL(req.url ?? '/', `https://${TUF_HOST}`).pathname.slice(1);
    requests.push(path);
    const bytes = repo.files.get(path);
    if (!bytes) res.writeHead(404).end();
    else res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': bytes.byteLength }).end(Buffer.from(bytes));
  });
  const proxy = createHttpServer((_req, res) => res.writeHead(403).end('CONNECT only\n'));
  proxy.on('connection', (s: Socket) => {
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
  });
  proxy.on('connect', (req: IncomingMessage, client: Duplex, head: Buffer) => {
    client.on('error', () => client.destroy());
    // Anything but the TUF host would be a real network request: refused, and loudly so.
    if ((req.url ?? '').toLowerCase() !== `${TUF_HOST}:443`) {
      requests.push(`REFUSED CONNECT ${req.url ?? ''}`);
      client.end('HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\n\r\n');
      return;
    }
    client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    if (head.length > 0) client.unshift(head);
    tuf.emit('connection', client);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const port = (proxy.address() as AddressInfo).port;
  return {
    env: { HTTPS_PROXY: `http://127.0.0.1:${port}`, NO_PROXY: '127.0.0.1,localhost', NODE_EXTRA_CA_CERTS: caFile },
    seed(npmCache) {
      const dir = join(npmCache, '_tuf', TUF_HOST);
      mkdirSync(join(dir, 'targets'), { recursive: true });
      writeFileSync(join(dir, 'root.json'), repo.initialRoot);
      // Cached targets are named by their path, `/` encoded; the repository serves them by hash.
      for (const [path, bytes] of repo.files) {
        const [, folder, name] = /^targets\/(?:(.+)\/)?[0-9a-f]{64}\.(.+)$/.exec(path) ?? [];
        if (name) writeFileSync(join(dir, 'targets', encodeURIComponent(folder ? `${folder}/${name}` : name)), bytes);
      }
    },
    requests,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        proxy.close(() => resolve());
      }),
  };
}

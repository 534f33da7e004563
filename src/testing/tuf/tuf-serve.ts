// Serving a generated TUF repository to a client under test: in-process (a TufFetch that reads
// the repository's file map, with the caller's size cap enforced as the real fetch does) or
// over a loopback HTTP server for a child process (the CLI). No request leaves the machine.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TufRefreshError, type TufFetch } from '../../core/trust-tuf';
import type { TestTufRepo } from './tuf-repo';

export const TEST_TUF_BASE = new URL('https://tuf.test/');

/** A TufFetch answering from `repo.files`; `requests` lists each path asked for. */
export function repoFetch(repo: TestTufRepo, base: URL = TEST_TUF_BASE): TufFetch & { requests: string[] } {
  const requests: string[] = [];
  const fetch = async (url: URL, maxBytes: number): Promise<Uint8Array | null> => {
    if (url.origin !== base.origin || !url.pathname.startsWith(base.pathname)) throw new TufRefreshError('TUF_FETCH', `off the repository: ${url.href}`);
    const path = url.pathname.slice(base.pathname.length);
    requests.push(path);
    const bytes = repo.files.get(path);
    if (!bytes) return null;
    if (bytes.byteLength > maxBytes) throw new TufRefreshError('TUF_TOO_LARGE', `${path}: over ${maxBytes} bytes`);
    return Uint8Array.from(bytes);
  };
  return Object.assign(fetch, { requests });
}

/** Serves `repo.files` on 127.0.0.1; the URL ends in '/'. */
export async function serveRepo(repo: TestTufRepo): Promise<{ url: URL; requests: string[]; close(): Promise<void> }> {
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname.slice(1);
    requests.push(path);
    const bytes = repo.files.get(path);
    if (!bytes) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': bytes.byteLength }).end(Buffer.from(bytes));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: new URL(`http://127.0.0.1:${port}/`),
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

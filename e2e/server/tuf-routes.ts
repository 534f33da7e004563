// tuf-repo-cdn.sigstore.dev for the e2e suite. Every build's worker refreshes its trust material
// from that host at start-up; the browsers map it here so no test reaches the real CDN. By default
// it answers 404 (no repository: the refresh fails and the worker keeps what it has, as offline).
// A spec may switch it to serve the TUF repository scripts/e2e-prepare.ts generated (the files
// under <testca>/tuf/, by URL path), and back, to show a refresh happening without a rebuild.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { TUF_REPO_DIR } from '../testca/paths';
import { send, sendNotFound, type HostHandler } from './responses';

export const TUF_HOST = 'tuf-repo-cdn.sigstore.dev';

export interface TufRoutes {
  handler: HostHandler;
  /** 'off': 404 for everything; 'repo': the generated repository. */
  serve: (mode: 'off' | 'repo') => void;
  /** Paths answered from the repository so far (a refresh's requests, in order). */
  served: string[];
}

/** Files below `dir`, keyed by their path relative to it with '/' separators. */
function readTree(dir: string, prefix = ''): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) for (const [path, bytes] of readTree(full, `${prefix}${name}/`)) files.set(path, bytes);
    else files.set(`${prefix}${name}`, readFileSync(full));
  }
  return files;
}

/** `testcaDir`: the prepared test-CA folder, or undefined (real-data runs: nothing to serve). */
export function createTufRoutes(testcaDir: string | undefined): TufRoutes {
  const repoDir = testcaDir === undefined ? undefined : join(testcaDir, TUF_REPO_DIR);
  let files: Map<string, Buffer> | undefined;
  let mode: 'off' | 'repo' = 'off';
  const served: string[] = [];
  return {
    served,
    serve: (next) => {
      if (next === 'repo' && files === undefined) {
        if (repoDir === undefined || !existsSync(repoDir)) throw new Error(`no generated TUF repository (${repoDir ?? 'no test-CA folder'}): run \`npx tsx scripts/e2e-prepare.ts\``);
        files = readTree(repoDir);
      }
      mode = next;
    },
    handler: ({ res, rawPath }) => {
      const path = rawPath.replace(/^\//, '');
      const bytes = mode === 'repo' ? files?.get(path) : undefined;
      if (bytes === undefined) return sendNotFound(res);
      served.push(path);
      send(res, 200, 'application/octet-stream', bytes);
    },
  };
}

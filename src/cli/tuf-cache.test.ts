// The CLI's TUF refresh against a repository generated here and served on loopback (the CLI
// always starts from Sigstore's embedded root, which does not sign this repository): the refused
// refresh is one note on stderr, nothing is cached, the embedded material is used and the exit
// status is the verdict's; --offline asks nothing. The refresh's own checks are proven in
// src/core/trust-tuf.test.ts and the worker's storage in src/background/tuf/live-trust.test.ts.
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { embeddedTrustInput } from '../core/trust-embedded';
import { TestTufRepo } from '../testing/tuf/tuf-repo';
import { serveRepo } from '../testing/tuf/tuf-serve';
import { runCli } from './testing/run-cli';
import { tufBaseUrl } from './tuf-cache';

const content = embeddedTrustInput();
const repo = new TestTufRepo();
let server: Awaited<ReturnType<typeof serveRepo>>;
beforeAll(async () => {
  server = await serveRepo(repo);
});
afterAll(() => server.close());

// A provenance file that does not exist: exit 2 whatever the trust material, so the exit status
// shows the refresh's outcome does not change it.
const ARGS = ['verify', 'pypi', '--provenance', 'no-such-file.json', '--filename', 'a-1.0.tar.gz', '--sha256', 'a'.repeat(64)];

describe('CLI TUF refresh', () => {
  it('a repository the embedded root does not sign: one note, no cache, the exit status unchanged', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'provenance-lens-tuf-'));
    repo.publish({ version: 5, trustedRoot: content.trustedRoot, npmKeys: content.npmKeys });
    const env = { PROVENANCE_LENS_TUF_URL: server.url.href, XDG_CACHE_HOME: cache };
    const first = await runCli(ARGS, env);
    // Sigstore's embedded root does not sign this repository: refused, noted, embedded used.
    expect(first.exitCode).toBe(2);
    expect(first.stderr).toMatch(/note: trust material not refreshed \(TUF_SIGNATURE\); using the embedded snapshot/);
    expect(existsSync(join(cache, 'provenance-lens', 'tuf', 'trust.json'))).toBe(false);
    const offline = await runCli([...ARGS, '--offline'], { XDG_CACHE_HOME: cache, PROVENANCE_LENS_TUF_URL: server.url.href });
    expect(offline.exitCode).toBe(2);
    expect(offline.stderr).not.toMatch(/note:/);
    expect(server.requests).toContain('17.root.json');
  });

  it('PROVENANCE_LENS_TUF_URL: https, or http on loopback only', () => {
    expect(tufBaseUrl({}).href).toBe('https://tuf-repo-cdn.sigstore.dev/');
    expect(tufBaseUrl({ PROVENANCE_LENS_TUF_URL: 'http://127.0.0.1:8080/repo' }).href).toBe('http://127.0.0.1:8080/repo/');
    expect(() => tufBaseUrl({ PROVENANCE_LENS_TUF_URL: 'http://example.com/' })).toThrow(/loopback/);
  });

  it('uses a private cache verified within the last day without asking the repository again; an older one is refreshed', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'pl-'));
    const folder = join(cache, 'provenance-lens', 'tuf');
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    const record = (ageMs: number) =>
      JSON.stringify({ trustedRoot: content.trustedRoot, npmKeys: content.npmKeys, materialDate: new Date(Date.now() - ageMs).toISOString(), id: 'x', versions: { root: 16, timestamp: 1, snapshot: 1, targets: 1 }, metadata: {} });
    const env = { PROVENANCE_LENS_TUF_URL: server.url.href, XDG_CACHE_HOME: cache };
    writeFileSync(join(folder, 'trust.json'), record(60 * 60 * 1000), { mode: 0o600 });
    const asked = server.requests.length;
    const fresh = await runCli(ARGS, env);
    expect(fresh.exitCode).toBe(2);
    expect(server.requests.length).toBe(asked);
    expect(fresh.stderr).not.toMatch(/note:/);
    writeFileSync(join(folder, 'trust.json'), record(25 * 60 * 60 * 1000), { mode: 0o600 });
    await runCli(ARGS, env);
    expect(server.requests.length).toBeGreaterThan(asked);
  });

  it('reads nothing cached when the folder is empty and --offline asks the network nothing', async () => {
    const asked = server.requests.length;
    const run = await runCli([...ARGS, '--offline'], { PROVENANCE_LENS_TUF_URL: server.url.href, XDG_CACHE_HOME: mkdtempSync(join(tmpdir(), 'pl-')) });
    expect(run.exitCode).toBe(2);
    expect(server.requests.length).toBe(asked);
  });
});

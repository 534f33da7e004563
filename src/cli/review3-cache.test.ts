// Review 3 (issue 15): the CLI's on-disk TUF cache and PROVENANCE_LENS_TUF_URL, attacked with
// real data (sigstore-conformance, PyPI provenance) and a TUF repository generated and served
// on loopback. Nothing here touches the internet: every run is --offline or points
// PROVENANCE_LENS_TUF_URL at 127.0.0.1.
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { embeddedTrustInput, EMBEDDED_SNAPSHOT_DATE } from '../core/trust-embedded';
import { fixturePath, readFixtureJson } from '../testing/fixtures';
import { TestTufRepo } from '../testing/tuf/tuf-repo';
import { serveRepo } from '../testing/tuf/tuf-serve';
import { conformanceCase, conformanceCliArgs } from './testing/conformance-cases';
import { runCli } from './testing/run-cli';
import { tufBaseUrl } from './tuf-cache';

const content = embeddedTrustInput();

function cacheWith(record: unknown, dirMode = 0o700, fileMode = 0o600): string {
  const home = mkdtempSync(join(tmpdir(), 'pl-review3-'));
  const dir = join(home, 'provenance-lens', 'tuf');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'trust.json'), JSON.stringify(record));
  chmodSync(join(dir, 'trust.json'), fileMode);
  chmodSync(dir, dirMode);
  return home;
}

// The staging-instance conformance case (its own trusted_root.json is Sigstore STAGING): against
// production trust it must never verify.
const staging = conformanceCase('rekor2-happy-path');
const stagingRoot = JSON.parse(readFileSync(staging.trustedRootPath ?? '', 'utf8')) as unknown;
const stagingArgs = conformanceCliArgs(staging).filter((a, i, all) => a !== '--trusted-root' && all[i - 1] !== '--trusted-root');

describe('review3: the CLI cache file', () => {
  it('REGRESSION: without a cache, a staging-signed Rekor v2 bundle is not verified against production (embedded) trust', async () => {
    const run = await runCli([...stagingArgs, '--offline']);
    expect(run.exitCode).toBe(1);
  });

  // REGRESSION, fixed (was a FINDING, medium-low): the cached trust.json is used as trust material as it is. Its
  // `trustedRoot` is not checked against the TUF metadata stored beside it (here: none at all),
  // and the file's permissions are not looked at: a trust.json that any local user may write
  // (mode 0666 in a 0777 folder, e.g. XDG_CACHE_HOME on a shared path) swaps in another
  // instance's CA, logs and TSA, and `verify bundle --offline` (or any run whose refresh fails)
  // prints "verified", exit 0, for a bundle production Sigstore never saw.
  // Should: use cached material only when the cached targets metadata vouches for its bytes
  // (length + sha256, as tuf-js's Updater checks cached targets) and when the file and folder
  // are the user's own and not group/world-writable; otherwise fall back to the embedded root.
  it('REGRESSION (a finding of review 3, fixed): a world-writable cache holding another trusted root, with no TUF metadata behind it, is not trusted', async () => {
    const home = cacheWith(
      {
        trustedRoot: stagingRoot,
        npmKeys: content.npmKeys,
        materialDate: new Date().toISOString(),
        id: 'attacker',
        versions: { root: 99, timestamp: 99, snapshot: 99, targets: 99 },
        metadata: {},
      },
      0o777,
      0o666,
    );
    const run = await runCli([...stagingArgs, '--offline'], { XDG_CACHE_HOME: home });
    expect(run.exitCode, `the cached staging root made the CLI say: ${run.stdout}`).toBe(1);
  });

  // REGRESSION, fixed (was a FINDING, low): after upgrading the CLI (newer embedded snapshot), an older cached material
  // is still preferred with --offline (and whenever the refresh fails): a trust downgrade. Here
  // the cache is material from mid-2022 whose trusted root lacks the Fulcio intermediate of
  // 2022-04 that the embedded snapshot (2026-10-07) has; a real, honest PyPI provenance of 2024
  // is then "couldn't check" (exit 1) instead of verified. Should: never prefer cached material
  // that is older (TUF root version / material date) than the embedded snapshot.
  it('REGRESSION (a finding of review 3, fixed): cached material older than the embedded snapshot does not replace it (--offline)', async () => {
    const oldRoot = structuredClone(content.trustedRoot) as { certificateAuthorities: { validFor: { start: string } }[] };
    oldRoot.certificateAuthorities = oldRoot.certificateAuthorities.filter((c) => c.validFor.start < '2022-01-01');
    const home = cacheWith({
      trustedRoot: oldRoot,
      npmKeys: content.npmKeys,
      materialDate: '2022-06-01T00:00:00.000Z',
      id: 'older',
      versions: { root: 5, timestamp: 100, snapshot: 100, targets: 5 },
      metadata: {},
    });
    expect(Date.parse('2022-06-01T00:00:00.000Z')).toBeLessThan(Date.parse(EMBEDDED_SNAPSHOT_DATE));
    const args = [
      'verify',
      'pypi',
      '--provenance',
      fixturePath('pypi/sampleproject/sampleproject-4.0.0.tar.gz.provenance'),
      '--filename',
      'sampleproject-4.0.0.tar.gz',
      '--sha256',
      '0ace7980f82c5815ede4cd7bf9f6693684cec2ae47b9b7ade9add533b8627c6b',
      '--offline',
    ];
    const embedded = await runCli(args);
    expect(embedded.exitCode).toBe(0);
    const cached = await runCli(args, { XDG_CACHE_HOME: home });
    expect(cached.exitCode, `older cached material used over the embedded snapshot: ${cached.stdout}`).toBe(0);
  });
});

describe('review3: the cache as the root of the TUF chain', () => {
  const repo = new TestTufRepo();
  let server: Awaited<ReturnType<typeof serveRepo>>;
  beforeAll(async () => {
    server = await serveRepo(repo);
  });
  afterAll(() => server.close());

  // REGRESSION, fixed (was a FINDING, medium-low, same root cause as above): a cached TUF root is taken as the start of
  // the chain when its version is >= the embedded root's (16), after checking only that it signs
  // itself. A trust.json holding a self-signed "root v20" of someone else's repository makes
  // every later online run follow that repository (PROVENANCE_LENS_TUF_URL, or a MITM of the
  // default host): the staging trust root arrives "verified over TUF" and the staging bundle is
  // "verified" (exit 0).
  // Should: trust a cached root only if it chains from the embedded root (keep the verified
  // chain, not a bare self-signed file), or at least refuse a cache others can write.
  it('REGRESSION (a finding of review 3, fixed): a cached self-signed root of another repository does not become the trust anchor', async () => {
    const root20 = repo.publishRoot({ version: 20, rootKeys: repo.rootKeys, threshold: repo.rootThreshold });
    repo.files.delete('20.root.json');
    repo.publish({ version: 3, trustedRoot: stagingRoot, npmKeys: content.npmKeys });
    const home = cacheWith({
      trustedRoot: content.trustedRoot,
      npmKeys: content.npmKeys,
      materialDate: new Date().toISOString(),
      id: 'x',
      versions: { root: 20, timestamp: 1, snapshot: 1, targets: 1 },
      metadata: { root: root20 },
    });
    const run = await runCli(stagingArgs, { XDG_CACHE_HOME: home, PROVENANCE_LENS_TUF_URL: server.url.href });
    expect(run.exitCode, `the cached root made the CLI follow another repository: ${run.stdout}${run.stderr}`).toBe(1);
    // Written back with the umask (0644 here): at least never group/world-writable.
    expect(statSync(join(home, 'provenance-lens', 'tuf', 'trust.json')).mode & 0o022).toBe(0);
  });
});

describe('review3: PROVENANCE_LENS_TUF_URL', () => {
  // REGRESSION: http only for an exact loopback host; look-alikes are refused.
  it.each([
    'http://localhost.evil.com/',
    'http://127.0.0.1.nip.io/',
    'http://127.0.0.1@evil.com/',
    'http://evil.com#@127.0.0.1/',
    'http://evil.com/?127.0.0.1',
    'http://[::ffff:8.8.8.8]/',
    'ftp://127.0.0.1/',
    'file:///etc/',
    'ws://127.0.0.1/',
  ])('REGRESSION: refuses %s', (raw) => {
    expect(() => tufBaseUrl({ PROVENANCE_LENS_TUF_URL: raw })).toThrow();
  });

  it.each(['http://127.0.0.1:1/', 'http://[::1]:1/', 'http://LOCALHOST:1/', 'https://example.org/tuf'])('REGRESSION: accepts %s', (raw) => {
    expect(tufBaseUrl({ PROVENANCE_LENS_TUF_URL: raw }).href).toMatch(/\/$/);
  });

  it('REGRESSION: a refused URL is a note and the exit status is the verdict (embedded trust), nothing fetched', async () => {
    const home = mkdtempSync(join(tmpdir(), 'pl-review3-'));
    const run = await runCli(stagingArgs, { XDG_CACHE_HOME: home, PROVENANCE_LENS_TUF_URL: 'http://localhost.evil.com/' });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toMatch(/note: trust material not refreshed/);
    void readFixtureJson;
  });
});

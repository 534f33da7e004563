// `verify bundle --identity/--issuer` through the CLI process on real bundles: exact values
// only, patterns only through the anchored --*-regexp options (issue 13.1). Each refused
// identity below passed @sigstore/verify's own SAN policy, an unanchored `san.match(policy)`.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { attestationToBundle } from '../core/pep740';
import { describeRealData, fixturePath, readFixtureJson } from '../testing/fixtures';
import { pypiFileOf } from '../testing/fixture-cases';
import { CONFORMANCE_DIR, DEFAULT_IDENTITY, DEFAULT_ISSUER } from './testing/conformance-cases';
import { CLI_CONCURRENCY, jsonOf, mapLimit, runCli, type CliRun } from './testing/run-cli';

const GOOGLE_ATTESTATION = 'pypi/sampleproject/sampleproject-3.0.0.tar.gz.publish.attestation';
const GOOGLE_SAN = '919436158236-compute@developer.gserviceaccount.com';
const GOOGLE_ISSUER = 'https://accounts.google.com';
const WHOLE_PATTERN = 'https://github\\.com/sigstore-conformance/[^/]+/\\.github/workflows/.+@refs/heads/main';

interface Case {
  args: () => string[];
  exit: 0 | 1 | 2;
  status: 'verified' | 'invalid' | 'error';
  code: string | null;
}

describeRealData('verify bundle: exact and anchored identity options', () => {
  let dir = '';
  const runs = new Map<string, CliRun>();
  const beacon = (...policy: string[]) => [
    'verify', 'bundle', '--bundle', fixturePath(`${CONFORMANCE_DIR}/happy-path-v0.3/bundle.sigstore.json`),
    '--artifact', fixturePath(`${CONFORMANCE_DIR}/a.txt`), ...policy,
  ];
  const google = (identity: string) => [
    'verify', 'bundle', '--bundle', join(dir, 'google.sigstore.json'),
    '--digest', `sha256:${pypiFileOf(GOOGLE_ATTESTATION).sha256}`, '--identity', identity, '--issuer', GOOGLE_ISSUER,
  ];
  const refused = (code: string) => ({ exit: 1, status: 'invalid', code }) as const;

  const cases: Record<string, Case> = {
    'the exact SAN verifies': { args: () => beacon('--identity', DEFAULT_IDENTITY, '--issuer', DEFAULT_ISSUER), exit: 0, status: 'verified', code: null },
    '`.` is not the SAN': { args: () => beacon('--identity', '.', '--issuer', DEFAULT_ISSUER), ...refused('IDENTITY_SAN') },
    'a SAN prefix is not the SAN': {
      args: () => beacon('--identity', DEFAULT_IDENTITY.slice(0, DEFAULT_IDENTITY.indexOf('/.github/')), '--issuer', DEFAULT_ISSUER),
      ...refused('IDENTITY_SAN'),
    },
    'a SAN suffix is not the SAN': {
      args: () => beacon('--identity', DEFAULT_IDENTITY.slice(DEFAULT_IDENTITY.lastIndexOf('/') + 1), '--issuer', DEFAULT_ISSUER),
      ...refused('IDENTITY_SAN'),
    },
    'a regex-special spelling of the SAN is not the SAN': {
      args: () => beacon('--identity', DEFAULT_IDENTITY.replaceAll('.', '[.]'), '--issuer', DEFAULT_ISSUER),
      ...refused('IDENTITY_SAN'),
    },
    'an issuer prefix is not the issuer': {
      args: () => beacon('--identity', DEFAULT_IDENTITY, '--issuer', DEFAULT_ISSUER.slice(0, -'.com'.length)),
      ...refused('IDENTITY_ISSUER'),
    },
    '--identity-regexp matching the whole SAN verifies': {
      args: () => beacon('--identity-regexp', WHOLE_PATTERN, '--issuer', DEFAULT_ISSUER),
      exit: 0, status: 'verified', code: null,
    },
    '--identity-regexp matching only a part of the SAN is refused': {
      args: () => beacon('--identity-regexp', 'sigstore-conformance/.+', '--issuer', DEFAULT_ISSUER),
      ...refused('IDENTITY_SAN'),
    },
    '--issuer-regexp matching only a part of the issuer is refused': {
      args: () => beacon('--identity', DEFAULT_IDENTITY, '--issuer-regexp', 'https://token\\.actions'),
      ...refused('IDENTITY_ISSUER'),
    },
    'an invalid --identity-regexp is bad usage': {
      args: () => beacon('--identity-regexp', 'https://(github', '--issuer', DEFAULT_ISSUER),
      exit: 2, status: 'error', code: 'CLI_USAGE',
    },
    'the exact Google e-mail verifies': { args: () => google(GOOGLE_SAN), exit: 0, status: 'verified', code: null },
    'a shorter Google e-mail is not the signer': {
      args: () => google('9436158236-compute@developer.gserviceaccount.com'),
      ...refused('IDENTITY_SAN'),
    },
    'an npm publish bundle (registry-key-signed) does not verify with --identity': {
      args: () => [
        'verify', 'bundle', '--bundle', fixturePath('npm/sigstore/sigstore@1.3.0.publish.sigstore.json'),
        '--digest', `sha256:${'0'.repeat(64)}`, '--identity', DEFAULT_IDENTITY, '--issuer', DEFAULT_ISSUER,
      ],
      ...refused('POLICY_UNSUPPORTED_BUNDLE'),
    },
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'provenance-lens-identity-'));
    // The real PEP 740 attestation as the Sigstore bundle it stands for (DESIGN 2, PyPI 3).
    writeFileSync(join(dir, 'google.sigstore.json'), JSON.stringify(attestationToBundle(readFixtureJson(GOOGLE_ATTESTATION))));
    const names = Object.keys(cases);
    const done = await mapLimit(names, CLI_CONCURRENCY, (name) => runCli([...(cases[name] as Case).args(), '--json']));
    names.forEach((name, i) => runs.set(name, done[i] as CliRun));
  }, 180_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it.each(Object.keys(cases))('%s', (name) => {
    const c = cases[name] as Case;
    const run = runs.get(name);
    if (!run) throw new Error(`no run for ${name}`);
    expect(jsonOf(run), run.stdout + run.stderr).toMatchObject({ status: c.status, code: c.code });
    expect(run.exitCode).toBe(c.exit);
  });
});

// Semantic attacks through the real CLI process: real files given for another file, package or
// version, SRI strings hiding a second tarball, and unsigned log fields edited in real bundles.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeRealData, fixturePath, readFixtureJson } from '../testing/fixtures';
import { CLI_CONCURRENCY, jsonOf, mapLimit, runCli, type CliRun } from './testing/run-cli';

const REKOR2 = 'sigstore/conformance/rekor2-dsse-happy-path';
const BEACON = 'https://github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon/.github/workflows/extremely-dangerous-oidc-beacon.yml@refs/heads/main';
const GITHUB = 'https://token.actions.githubusercontent.com';
const SHA_19 = '9bb1add04b1b4e182be6b0b80931593f7a291eb49d69b4fd728a5d4cbcdc4bd3';
const integrityOf = (path: string) => readFixtureJson<{ dist: { integrity: string } }>(path).dist.integrity;
const S100 = 'npm/sigstore/sigstore@1.0.0';
const SG = 'npm/@trishankatdatadog/supreme-goggles/supreme-goggles@1.0.5';

interface Case {
  args: (dir: string) => string[];
  exit: 0 | 1 | 2;
  expected: Record<string, unknown>;
}

const pypi = (provenance: string, filename: string, sha256 = SHA_19) => [
  'verify', 'pypi', '--provenance', provenance, '--filename', filename, '--sha256', sha256,
];
const npm = (attestations: string, name: string, version: string, integrity: string, ...more: string[]) => [
  'verify', 'npm', '--attestations', attestations, '--name', name, '--version', version, '--integrity', integrity, ...more,
];
const rekor2 = (bundle: string) => [
  'verify', 'bundle', '--bundle', bundle, '--artifact', fixturePath('sigstore/conformance/a.txt'),
  '--identity', BEACON, '--issuer', GITHUB, '--trusted-root', fixturePath(`${REKOR2}/trusted_root.json`),
];
const refused = (code: string): Pick<Case, 'exit' | 'expected'> => ({ exit: 1, expected: { status: 'invalid', code } });

const cases: Record<string, Case> = {
  // FINDING: the top-level log index of a Rekor v2 entry is signed by nothing, and is printed.
  'a Rekor v2 bundle whose log index disagrees with its inclusion proof is refused': {
    args: (dir) => rekor2(join(dir, 'rekor2-index.json')), ...refused('TLOG_INCLUSION_PROOF'),
  },
  // FINDING: an integrated time edited to an hour ago turns "another Sigstore instance" from red to grey.
  "another instance's attestation with a recent integrated time is invalid": {
    args: (dir) => pypi(join(dir, 'staging-recent.json'), 'rfc8785-0.1.2-py3-none-any.whl', 'c4e92e9ecc828bef2aa7dba1de8ac983511f7532a0df11c770d39099a25cf201'),
    ...refused('CERT_CHAIN'),
  },
  'held: the real Rekor v2 bundle verifies with its proof-backed log index': {
    args: () => rekor2(fixturePath(`${REKOR2}/bundle.sigstore.json`)), exit: 0, expected: { status: 'verified', logIndex: '4026478' },
  },
  "held: 0.0.16's attestation for the 0.0.19 sdist": {
    args: () => pypi(fixturePath('pypi/pypi-attestations/pypi_attestations-0.0.16.tar.gz.attestation'), 'pypi_attestations-0.0.19.tar.gz'),
    ...refused('SUBJECT_NAME'),
  },
  'held: the sdist provenance for a wheel name with the same digest': {
    args: () => pypi(fixturePath('pypi/pypi-attestations/pypi_attestations-0.0.19.tar.gz.provenance'), 'pypi_attestations-0.0.19-py3-none-any.whl'),
    ...refused('SUBJECT_NAME'),
  },
  'held: an equivalent sdist spelling verifies, the identity from the certificate': {
    args: () => pypi(fixturePath('pypi/pypi-attestations/pypi_attestations-0.0.19.tar.gz.provenance'), 'PyPI-Attestations-0.0.19.tar.gz'),
    exit: 0, expected: { status: 'verified', identity: { repository: 'trailofbits/pypi-attestations', ref: 'refs/tags/v0.0.19' } },
  },
  'held: a scoped name spelled %40scope/name': {
    args: () => npm(fixturePath(`${SG}.attestations.json`), '%40trishankatdatadog/supreme-goggles', '1.0.5', integrityOf(`${SG}.version.json`)),
    ...refused('SUBJECT_NAME'),
  },
  'held: a version with build metadata': {
    args: () => npm(fixturePath(`${S100}.attestations.json`), 'sigstore', '1.0.0+x', integrityOf(`${S100}.version.json`)),
    ...refused('SUBJECT_NAME'),
  },
  "held: an SRI string adding tuf-js's tarball hash": {
    args: () => npm(fixturePath(`${S100}.attestations.json`), 'sigstore', '1.0.0', `${integrityOf(`${S100}.version.json`)} ${integrityOf('npm/tuf-js/tuf-js@1.0.0.version.json')}`),
    ...refused('SUBJECT_DIGEST'),
  },
  "held: tuf-js's version document (its signatures) for sigstore": {
    args: () => npm(fixturePath(`${S100}.attestations.json`), 'sigstore', '1.0.0', integrityOf(`${S100}.version.json`), '--version-doc', fixturePath('npm/tuf-js/tuf-js@1.0.0.version.json')),
    exit: 2, expected: { status: 'error', code: 'CLI_USAGE' },
  },
  'held: a lone publish attestation is no build provenance': {
    args: () => npm(fixturePath('npm/sigstore/sigstore@1.3.0.publish.sigstore.json'), 'sigstore', '1.3.0', integrityOf('npm/sigstore/sigstore@1.3.0.version.json')),
    exit: 1, expected: { status: 'none' },
  },
  'held: an npm SLSA bundle (sha512 subject) against a sha256 digest': {
    args: () => [
      'verify', 'bundle', '--bundle', fixturePath('npm/sigstore/sigstore@2.0.0.provenance.sigstore.json'), '--digest', `sha256:${SHA_19}`,
      '--identity', 'https://github.com/sigstore/sigstore-js/.github/workflows/release.yml@refs/heads/main', '--issuer', GITHUB,
    ],
    ...refused('SUBJECT_DIGEST'),
  },
};

describeRealData('semantic attacks through the CLI', () => {
  let dir = '';
  const runs = new Map<string, CliRun>();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'provenance-lens-semantic-'));
    const bundle = structuredClone(readFixtureJson<{ verificationMaterial: { tlogEntries: Record<string, unknown>[] } }>(`${REKOR2}/bundle.sigstore.json`));
    for (const e of bundle.verificationMaterial.tlogEntries) e.logIndex = '999999999';
    writeFileSync(join(dir, 'rekor2-index.json'), JSON.stringify(bundle));
    const staging = structuredClone(readFixtureJson<{ verification_material: { transparency_entries: Record<string, unknown>[] } }>('pypi/rfc8785/rfc8785-0.1.2-py3-none-any.whl.publish.attestation'));
    for (const e of staging.verification_material.transparency_entries) e.integratedTime = String(Math.floor(Date.now() / 1000) - 3600);
    writeFileSync(join(dir, 'staging-recent.json'), JSON.stringify(staging));
    const names = Object.keys(cases);
    const done = await mapLimit(names, CLI_CONCURRENCY, (name) => runCli([...(cases[name] as Case).args(dir), '--json']));
    names.forEach((name, i) => runs.set(name, done[i] as CliRun));
  }, 180_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it.each(Object.keys(cases))('%s', (name) => {
    const c = cases[name] as Case;
    const run = runs.get(name);
    if (!run) throw new Error(`no run for ${name}`);
    expect(jsonOf(run), run.stdout + run.stderr).toMatchObject(c.expected);
    expect(run.exitCode).toBe(c.exit);
  });
});

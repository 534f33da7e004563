// Every real PyPI and npm fixture through the CLI process, judged by MANIFEST's per-attestation
// `verifyProduction`, plus the same files bound to the wrong artifact or publisher.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeRealData, fixturePath, fixturesAvailable, readFixtureJson } from '../testing/fixtures';
import { fixtureCases, fixtureIndex, type FixtureCase } from '../testing/fixture-cases';
import { cliArgsFor } from './testing/fixture-cases';
import { CLI_CONCURRENCY, jsonOf, mapLimit, runCli, type CliRun } from './testing/run-cli';

const PYPI_PROVENANCE = 'pypi/pypi-attestations/pypi_attestations-0.0.19.tar.gz.provenance';
const NPM_RESPONSE = 'npm/sigstore/sigstore@2.3.1.attestations.json';
const NPM_PUBLISH = 'https://github.com/npm/attestation/tree/main/specs/publish/v0.1';
const LONE_PUBLISH = 'npm/sigstore/sigstore@1.3.0.publish.sigstore.json';

interface NegativeCase {
  name: string;
  args: () => string[];
  /** Stage prefix of the code the verdict must carry. */
  family: 'SUBJECT_' | 'IDENTITY_';
}

describeRealData('CLI on the real fixtures', () => {
  // Collected even when the suite is skipped, so read the fixtures only when they exist.
  const cases = fixturesAvailable ? fixtureCases() : [];
  const byPath = new Map(cases.map((c) => [c.path, c]));
  // Files holding nothing but npm publish attestations: the registry's word, no build provenance.
  const publishOnly = new Set(
    (fixturesAvailable ? fixtureIndex() : [])
      .filter((f) => f.kind === 'npm')
      .filter((f) => {
        const attestations = (f.details?.attestations ?? []) as { predicateType?: string }[];
        return attestations.length > 0 && attestations.every((a) => a.predicateType === NPM_PUBLISH);
      })
      .map((f) => f.path),
  );
  const caseFor = (path: string): FixtureCase => {
    const found = byPath.get(path);
    if (!found) throw new Error(`index.json lacks ${path}`);
    return found;
  };
  let tempDir = '';
  const results = new Map<string, CliRun>();

  const withOption = (args: string[], option: string, value: string): string[] => {
    const at = args.indexOf(option);
    if (at < 0) throw new Error(`${option} not in ${args.join(' ')}`);
    return [...args.slice(0, at + 1), value, ...args.slice(at + 2)];
  };
  const withoutVersionDoc = (args: string[]): string[] => args.slice(0, args.indexOf('--version-doc'));
  /** The provenance object with its (unsigned) publisher claim rewritten, saved in the temp dir. */
  const withPublisher = (field: 'repository' | 'workflow', value: string): string => {
    const doc = readFixtureJson<{ attestation_bundles: { publisher: Record<string, unknown> }[] }>(PYPI_PROVENANCE);
    for (const bundle of doc.attestation_bundles) bundle.publisher[field] = value;
    const file = join(tempDir, `publisher-${field}.provenance`);
    writeFileSync(file, JSON.stringify(doc));
    return file;
  };

  const pypiArgs = () => cliArgsFor(caseFor(PYPI_PROVENANCE));
  const npmArgs = () => withoutVersionDoc(cliArgsFor(caseFor(NPM_RESPONSE)));
  const otherIntegrity = () => caseFor('npm/sigstore/sigstore@1.0.0.attestations.json').npm?.doc.dist.integrity ?? '';
  const negatives: NegativeCase[] = [
    { name: 'pypi: wrong sha256', family: 'SUBJECT_', args: () => withOption(pypiArgs(), '--sha256', flipHex(pypiArgs())) },
    {
      name: 'pypi: wrong filename (another version)',
      family: 'SUBJECT_',
      args: () => withOption(pypiArgs(), '--filename', 'pypi_attestations-0.0.18.tar.gz'),
    },
    {
      name: 'pypi: wrong filename (another project)',
      family: 'SUBJECT_',
      args: () => withOption(pypiArgs(), '--filename', 'sigstore-3.6.1.tar.gz'),
    },
    {
      name: 'pypi: publisher names another repository',
      family: 'IDENTITY_',
      args: () => withOption(pypiArgs(), '--provenance', withPublisher('repository', 'trailofbits/pypi-attestations-fork')),
    },
    {
      name: 'pypi: publisher names another workflow',
      family: 'IDENTITY_',
      args: () => withOption(pypiArgs(), '--provenance', withPublisher('workflow', 'nightly.yml')),
    },
    { name: 'npm: wrong package name', family: 'SUBJECT_', args: () => withOption(npmArgs(), '--name', 'sigstore-js') },
    { name: 'npm: wrong version', family: 'SUBJECT_', args: () => withOption(npmArgs(), '--version', '2.3.0') },
    { name: 'npm: wrong integrity', family: 'SUBJECT_', args: () => withOption(npmArgs(), '--integrity', otherIntegrity()) },
  ];

  beforeAll(async () => {
    tempDir = mkdtempSync(join(tmpdir(), 'provenance-lens-cli-'));
    const jobs: [string, string[]][] = [
      ...cases.map((c): [string, string[]] => [c.path, cliArgsFor(c)]),
      ...negatives.map((n): [string, string[]] => [n.name, n.args()]),
    ];
    const runs = await mapLimit(jobs, CLI_CONCURRENCY, ([, args]) => runCli([...args, '--json']));
    jobs.forEach(([key], i) => results.set(key, runs[i] as CliRun));
  }, 300_000);

  afterAll(() => {
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  });

  const resultOf = (key: string): { run: CliRun; json: Record<string, unknown> } => {
    const run = results.get(key);
    if (!run) throw new Error(`no run for ${key}`);
    const json = jsonOf(run);
    if (!json) throw new Error(`${key}: stdout is not one JSON object: ${run.stdout}${run.stderr}`);
    return { run, json };
  };

  it('covers every pypi and npm fixture of index.json', () => {
    expect(cases.filter((c) => c.registry === 'pypi').length).toBeGreaterThanOrEqual(15);
    expect(cases.filter((c) => c.registry === 'npm').length).toBeGreaterThanOrEqual(14);
    expect(cases.some((c) => !c.expectVerified)).toBe(true);
  });

  describe('as MANIFEST expects', () => {
    it.each(cases.map((c) => [c.path, c] as const))('%s', (path, c) => {
      const { run, json } = resultOf(path);
      if (c.expectVerified && publishOnly.has(path)) {
        // MANIFEST: the registry signature verifies; issue 13.3: that alone is `none`, exit 1.
        expect(json, run.stderr).toMatchObject({ status: 'none', code: null, registrySigned: { keyId: expect.stringMatching(/^SHA256:/) } });
        expect(run.exitCode).toBe(1);
      } else if (c.expectVerified) {
        expect(json, run.stderr).toMatchObject({ status: 'verified', code: null });
        expect(run.exitCode).toBe(0);
        expect(json.logIndex).toMatch(/^\d+$/);
      } else {
        expect(json.status).not.toBe('verified');
        expect(json.code).toMatch(/^[A-Z]+_[A-Z_]+$/);
        expect(run.exitCode).toBe(1);
      }
      expect(run.stderr).toBe('');
    });
  });

  describe('bound to the wrong artifact or publisher', () => {
    it.each(negatives.map((n) => [n.name, n] as const))('%s', (name, n) => {
      const { run, json } = resultOf(name);
      expect(run.exitCode).toBe(1);
      expect(json.status).toBe('invalid');
      expect(String(json.code).startsWith(n.family), `code ${String(json.code)}: ${String(json.message)}`).toBe(true);
    });
  });

  it('finds the lone npm publish attestations among the fixtures', () => {
    expect(publishOnly.has(LONE_PUBLISH)).toBe(true);
    expect(publishOnly.has(NPM_RESPONSE)).toBe(false);
  });

  it('prints a lone npm publish attestation as registry-signed only, exit 1', async () => {
    const doc = readFixtureJson<{ dist: { integrity: string } }>('npm/sigstore/sigstore@1.3.0.version.json');
    const args = ['verify', 'npm', '--attestations', fixturePath(LONE_PUBLISH), '--name', 'sigstore', '--version', '1.3.0'];
    const [human, json] = await mapLimit([[], ['--json']], CLI_CONCURRENCY, (more) => runCli([...args, '--integrity', doc.dist.integrity, ...more]));
    expect(human?.exitCode).toBe(1);
    expect(human?.stdout.trimEnd()).toMatch(/^none · registry-signed only \(npm's registry key SHA256:\S+ signed this upload; no build provenance\)$/);
    expect(json?.exitCode).toBe(1);
    expect(json && jsonOf(json)).toMatchObject({ status: 'none', registrySigned: { keyId: expect.stringMatching(/^SHA256:/), log: { logIndex: '18300940' } } });
  });

  it('prints one human line with identity and log index when verified', async () => {
    const run = await runCli(pypiArgs());
    expect(run.exitCode).toBe(0);
    expect(run.stdout.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stdout).toMatch(/^verified · trailofbits\/pypi-attestations · .*Rekor log index 153454663/);
  });
});

function flipHex(args: string[]): string {
  const hex = args[args.indexOf('--sha256') + 1] ?? '';
  const last = hex.at(-1) === '0' ? '1' : '0';
  return `${hex.slice(0, -1)}${last}`;
}

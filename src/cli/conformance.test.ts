// The 47 sigstore-conformance bundle-verify cases, judged as their README says: a name ending
// in `_fail` must not verify, every other case must. All run in-process through the core API;
// a handful also run through the CLI process to show the command line gives the same answer.
//
// Where @sigstore/verify and the expected result disagree, the fix lives in our layer and the
// expectation stays as upstream wrote it. trust-root-tlog-missing-validity-start_fail passes in
// @sigstore/verify 3.1.1 and 4.1.3 (they read a missing tlog `validFor.start` as "always valid");
// src/core/trust.ts refuses such log authorities, so the bundle's log entry is not trusted.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTrustContext, verifyBundle, type ArtifactVerdict, type TrustContext } from '../core/index';
import { describeRealData, fixturesAvailable, readFixtureJson } from '../testing/fixtures';
import {
  PRODUCTION_ROOT,
  conformanceCase,
  conformanceCaseNames,
  conformanceCliArgs,
  type ConformanceCase,
} from './testing/conformance-cases';
import { CLI_CONCURRENCY, jsonOf, mapLimit, runCli, type CliRun } from './testing/run-cli';

/** Cases that also go through the CLI: both root kinds, key and identity policies, odd input. */
const CLI_CASES = [
  'happy-path-v0.3',
  'happy-path-intoto-in-dsse-v3',
  'managed-key-happy-path',
  'managed-key-wrong-key_fail',
  'rekor2-happy-path',
  'rekor2-dsse-happy-path',
  'bundle-malformed-json_fail',
  'wrong-material_fail',
  'trust-root-tlog-missing-validity-start_fail',
];

type Outcome = { kind: 'verdict'; verdict: ArtifactVerdict } | { kind: 'trust-refused'; message: string };

describeRealData('sigstore-conformance cases', () => {
  // Collected even when the suite is skipped, so read the fixtures only when they exist.
  const names = fixturesAvailable ? conformanceCaseNames() : [];
  let production: TrustContext;

  beforeAll(() => {
    production = createTrustContext({ trustedRoot: readFixtureJson(PRODUCTION_ROOT) });
  });

  function runInProcess(c: ConformanceCase): Outcome {
    let trust = production;
    if (c.trustedRootPath !== undefined) {
      try {
        trust = createTrustContext({ trustedRoot: JSON.parse(readFileSync(c.trustedRootPath, 'utf8')) });
      } catch (error) {
        // A root the core refuses outright is "not verified" too; a passing case must not land here.
        return { kind: 'trust-refused', message: String(error) };
      }
    }
    const text = readFileSync(c.bundlePath, 'utf8');
    // Malformed bytes go to the core as they are: it must refuse them without throwing.
    let bundle: unknown = text;
    try {
      bundle = JSON.parse(text);
    } catch {
      // keep the raw text
    }
    const policy =
      'keyPath' in c.policy ? { publicKeyPem: readFileSync(c.policy.keyPath, 'utf8') } : c.policy;
    return { kind: 'verdict', verdict: verifyBundle(bundle, { bytes: readFileSync(c.artifactPath) }, policy, trust) };
  }

  it('finds all 47 cases', () => {
    expect(names).toHaveLength(47);
  });

  describe('in-process (core API)', () => {
    it.each(names)('%s', (name) => {
      const c = conformanceCase(name);
      const outcome = runInProcess(c);
      const detail = outcome.kind === 'verdict' ? JSON.stringify(outcome.verdict).slice(0, 300) : outcome.message;
      if (c.expectPass) {
        expect(outcome.kind, detail).toBe('verdict');
        expect(outcome.kind === 'verdict' && outcome.verdict.status, detail).toBe('verified');
      } else {
        expect(outcome.kind === 'verdict' && outcome.verdict.status === 'verified', detail).toBe(false);
      }
    });
  });

  describe('through the CLI process', () => {
    const runs = new Map<string, CliRun>();
    const digestRun = { name: 'happy-path-intoto-in-dsse-v3 (--digest)', run: undefined as CliRun | undefined };

    beforeAll(async () => {
      const jobs = CLI_CASES.map((name) => conformanceCliArgs(conformanceCase(name)));
      const dsse = conformanceCase('happy-path-intoto-in-dsse-v3');
      const sha256 = createHash('sha256').update(readFileSync(dsse.artifactPath)).digest('hex');
      jobs.push(conformanceCliArgs(dsse, { sha256 }));
      const done = await mapLimit(jobs, CLI_CONCURRENCY, (args) => runCli([...args, '--json']));
      CLI_CASES.forEach((name, i) => runs.set(name, done[i] as CliRun));
      digestRun.run = done[CLI_CASES.length];
    }, 180_000);

    it.each(CLI_CASES)('%s', (name) => {
      const run = runs.get(name);
      if (!run) throw new Error(`no run for ${name}`);
      const json = jsonOf(run);
      if (conformanceCase(name).expectPass) {
        expect(json, run.stderr).toMatchObject({ status: 'verified' });
        expect(run.exitCode).toBe(0);
      } else {
        expect(json?.status, run.stdout + run.stderr).not.toBe('verified');
        expect(json?.status).toMatch(/^(invalid|unavailable)$/);
        expect(run.exitCode).toBe(1);
      }
    });

    it('names a Rekor v2 entry by its log, with no search link (issue 15 item 4)', () => {
      const run = runs.get('rekor2-dsse-happy-path');
      const log = (run && (jsonOf(run) as { attestations?: { log: Record<string, unknown> }[] } | null))?.attestations?.[0]?.log;
      expect(log, run?.stdout).toMatchObject({ searchUrl: '', origin: expect.stringMatching(/rekor/) as string });
      expect(log?.integratedTime).toMatch(/^\d{4}-\d\d-\d\dT/);
    });

    it('verifies a DSSE bundle from the artifact digest alone', () => {
      const run = digestRun.run;
      expect(run && jsonOf(run), run?.stderr).toMatchObject({ status: 'verified' });
      expect(run?.exitCode).toBe(0);
    });
  });
});

// Fuzzing of material signed by the generated test Sigstore instance: runs without ../shared.
import { beforeAll, describe, expect, it } from 'vitest';
import { FUZZ_SEED, RUNS } from './fuzz-config';
import { runFuzz } from './run-fuzz';
import { testCaCorpus, type TestCaCorpus } from './testca-seeds';

let corpus: TestCaCorpus;
beforeAll(async () => {
  corpus = await testCaCorpus();
});

describe(`fuzz: test-CA material (fast-check seed ${FUZZ_SEED})`, () => {
  for (const [suite, runs] of [['pypi', RUNS.testcaPypi], ['npm', RUNS.testcaNpm], ['bundles', RUNS.testcaBundle]] as const) {
    it(`${suite}: ${runs} mutations never throw, never verify changed signed bytes, stay under 2 s each`, () => {
      const seeds = corpus[suite];
      const stats = runFuzz(`test-CA ${suite}`, seeds, { seed: FUZZ_SEED, numRuns: runs });
      console.log(stats.summary());
      expect(stats.tried).toBeGreaterThan(runs * 0.8);
      expect(stats.throws).toBe(0);
      expect(stats.forbiddenVerified).toBe(0);
      expect(stats.violations).toEqual([]);
    });
  }
});

// Fuzzing of material signed by the generated test Sigstore instance: runs without ../shared.
import { beforeAll, describe, it } from 'vitest';
import { expectClean, FUZZ_SEED, RUNS } from './fuzz-suite';
import { runFuzz } from './run-fuzz';
import { testCaCorpus, type TestCaCorpus } from './testca-seeds';

let corpus: TestCaCorpus;
beforeAll(async () => {
  corpus = await testCaCorpus();
});

describe(`fuzz: test-CA material (fast-check seed ${FUZZ_SEED})`, () => {
  for (const [suite, runs] of [['pypi', RUNS.testcaPypi], ['npm', RUNS.testcaNpm], ['bundles', RUNS.testcaBundle]] as const) {
    it(`${suite}: ${runs} mutations never throw, never verify changed signed bytes, stay under 2 s each`, () => {
      expectClean(runFuzz(`test-CA ${suite}`, corpus[suite], { seed: FUZZ_SEED, numRuns: runs }), runs);
    });
  }
});

// Fuzzing of the real PyPI attestations, npm attestation responses and generic Sigstore bundles
// from ../shared. The bundle suite also gets two test-CA bundles, so that swaps have another
// artifact and signer to come from (every conformance bundle signs the same a.txt).
import { beforeAll, it } from 'vitest';
import { describeRealData } from '../../testing/fixtures';
import { expectClean, FUZZ_SEED, RUNS } from './fuzz-suite';
import { realBundleSeeds, realNpmSeeds, realPypiSeeds } from './real-seeds';
import { runFuzz, type FuzzSeed } from './run-fuzz';
import { testCaCorpus } from './testca-seeds';

let testCaBundles: FuzzSeed[];
beforeAll(async () => {
  testCaBundles = (await testCaCorpus()).bundles;
});

describeRealData(`fuzz: real PyPI attestations (fast-check seed ${FUZZ_SEED})`, () => {
  it(`${RUNS.realPypi} mutations never throw, never verify changed signed bytes or another file, stay under 2 s each`, () => {
    expectClean(runFuzz('real PyPI', realPypiSeeds(), { seed: FUZZ_SEED, numRuns: RUNS.realPypi }), RUNS.realPypi);
  });
});

describeRealData(`fuzz: real npm attestations (fast-check seed ${FUZZ_SEED})`, () => {
  it(`${RUNS.realNpm} mutations never throw, never verify changed signed bytes or another version, stay under 2 s each`, () => {
    expectClean(runFuzz('real npm', realNpmSeeds(), { seed: FUZZ_SEED, numRuns: RUNS.realNpm }), RUNS.realNpm);
  });
});

describeRealData(`fuzz: real Sigstore bundles (fast-check seed ${FUZZ_SEED})`, () => {
  it(`${RUNS.realBundle} mutations never throw, never verify changed signed bytes or another artifact, stay under 2 s each`, () => {
    const seeds = [...realBundleSeeds(), ...testCaBundles];
    expectClean(runFuzz('real bundles', seeds, { seed: FUZZ_SEED, numRuns: RUNS.realBundle }), RUNS.realBundle);
  });
});

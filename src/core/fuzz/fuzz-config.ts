// The one place the fuzz suites' seed and sizes are set: change the seed to explore, keep it
// fixed to replay. Sizes keep the whole fuzz suite near a minute on a two-core machine.
export const FUZZ_SEED = Number(process.env.PROVENANCE_LENS_FUZZ_SEED ?? 20_261_121);

export const RUNS = {
  realPypi: 1400,
  realNpm: 1400,
  realBundle: 500,
  testcaPypi: 700,
  testcaNpm: 700,
  testcaBundle: 400,
};

// The fuzz suites' shared settings and closing assertions. The seed is the one place to change
// to explore (PROVENANCE_LENS_FUZZ_SEED) and to keep fixed to replay. Real-data runs replay
// exactly; test-CA runs replay the same operations, but the instance's keys are generated per
// process, so certificate lengths (and thus a few byte offsets) can differ between processes.
// Sizes keep the whole fuzz suite well under a minute on a two-core machine.
import { expect } from 'vitest';
import type { FuzzStats } from './fuzz-stats';

export const FUZZ_SEED = Number(process.env.PROVENANCE_LENS_FUZZ_SEED ?? 20_261_121);

export const RUNS = {
  realPypi: 1400,
  realNpm: 1400,
  realBundle: 550,
  testcaPypi: 700,
  testcaNpm: 700,
  testcaBundle: 400,
};

export function expectClean(stats: FuzzStats, numRuns: number): void {
  console.log(stats.summary());
  // Raw-text mutations that break the JSON and swaps without a donor are not verdicts.
  expect(stats.tried).toBeGreaterThan(numRuns * 0.8);
  expect(stats.throws).toBe(0);
  expect(stats.forbiddenVerified).toBe(0);
  expect(stats.violations).toEqual([]);
}

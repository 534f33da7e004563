// The one setting that locates the shared real-data fixtures. Tests read them from there and
// never copy them into the repo. In CI a missing folder is a failure, elsewhere a loud skip.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe } from 'vitest';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export const FIXTURES_DIR = resolve(process.env.PROVENANCE_LENS_FIXTURES ?? join(repoRoot, '../shared/fixtures'));

export const fixturesAvailable = existsSync(join(FIXTURES_DIR, 'MANIFEST.md'));

export function fixturePath(relative: string): string {
  return join(FIXTURES_DIR, relative);
}

export function readFixture(relative: string): Buffer {
  return readFileSync(fixturePath(relative));
}

export function readFixtureJson<T = unknown>(relative: string): T {
  return JSON.parse(readFixture(relative).toString('utf8')) as T;
}

let warned = false;

/** `describe` for suites that need ../shared/fixtures: required in CI, skipped loudly elsewhere. */
export function describeRealData(name: string, body: () => void): void {
  if (fixturesAvailable) {
    describe(name, body);
    return;
  }
  if (process.env.CI === 'true') {
    describe(name, () => {
      throw new Error(`real-data fixtures missing at ${FIXTURES_DIR} (set PROVENANCE_LENS_FIXTURES); CI requires them`);
    });
    return;
  }
  if (!warned) {
    warned = true;
    console.warn(`\n*** REAL-DATA SUITES SKIPPED: no fixtures at ${FIXTURES_DIR} (set PROVENANCE_LENS_FIXTURES) ***\n`);
  }
  describe.skip(`${name} [SKIPPED: no ../shared/fixtures]`, body);
}

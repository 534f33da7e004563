// Where the shared real-data fixtures live, resolved exactly like src/testing/fixtures.ts
// (same env var, same default), which cannot be imported here because it pulls in vitest.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export const FIXTURES_DIR = resolve(process.env.PROVENANCE_LENS_FIXTURES ?? join(repoRoot, '../shared/fixtures'));

export const REPO_ROOT = repoRoot;

/**
 * `npm start`'s data: the small recorded demo set committed with the repo (demo/README.md), so a
 * clone alone runs the demo. Tests never read it; they keep to FIXTURES_DIR.
 */
export const DEMO_DIR = join(repoRoot, 'demo', 'recorded');

export function fixturesAvailable(): boolean {
  return existsSync(join(FIXTURES_DIR, 'MANIFEST.md'));
}

export function readFixture(relative: string): Buffer {
  return readFileSync(join(FIXTURES_DIR, relative));
}

export function readFixtureJson<T = unknown>(relative: string): T {
  return JSON.parse(readFixture(relative).toString('utf8')) as T;
}

// `npx tsx scripts/e2e-prepare.ts`: everything the test-CA e2e specs need, generated fresh.
// 1. a test Sigstore instance; its trust material goes to .tmp/e2e-testca/overlay.json;
// 2. signed PyPI and npm registry documents plus scenarios.json, which the fixture server loads
//    with startFixtureServer({ generated: TESTCA_DIR });
// 3. a TUF repository (.tmp/e2e-testca/tuf/) whose trusted root adds a spare log the overlay
//    lacks, and the package attested through that log (e2e/tuf-refresh.spec.ts);
// 4. dist/chrome-e2e and dist/firefox-e2e: `vite build` with PROVENANCE_LENS_TRUST_OVERLAY and
//    PROVENANCE_LENS_TUF_ROOT, so those builds (and only those) also trust the test instance and
//    refresh from that repository.
// Flags: --no-build skips step 4 (scenarios only).
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { generateNpmPackages } from '../e2e/testca/generate-npm';
import { generatePypiProjects, type DocumentSink } from '../e2e/testca/generate-pypi';
import { generateTufRepository, tufNewLogProject, writeTufRepository } from '../e2e/testca/generate-tuf';
import { E2E_EXTENSION_DIR, FIREFOX_E2E_EXTENSION_DIR, MANIFEST_FILE, OVERLAY_FILE, TESTCA_DIR, TUF_ROOT_FILE } from '../e2e/testca/paths';
import type { GeneratedScenarios } from '../e2e/testca/scenario-manifest';
import { createSigstoreWithSpareLog } from '../e2e/testca/spare-log-sigstore';
import { REPO_ROOT } from '../e2e/support/fixtures-dir';

const started = Date.now();
rmSync(TESTCA_DIR, { recursive: true, force: true });
mkdirSync(TESTCA_DIR, { recursive: true });

const { ca, spare, spareTlog } = createSigstoreWithSpareLog();
let documents = 0;
const sink: DocumentSink = (relativePath, doc) => {
  const target = join(TESTCA_DIR, relativePath);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, JSON.stringify(doc));
  documents++;
  return relativePath;
};

writeFileSync(join(TESTCA_DIR, OVERLAY_FILE), JSON.stringify({ trustedRoot: ca.trustedRoot, npmKeys: ca.npmKeys }, null, 2));
const pypi = generatePypiProjects(ca, sink);
pypi.projects.push(tufNewLogProject(spare, sink));
const tufFiles = writeTufRepository(TESTCA_DIR, generateTufRepository(spareTlog));
const scenarios: GeneratedScenarios = { format: 1, pypi: pypi.projects, npm: generateNpmPackages(ca, sink), pypiSearches: pypi.searches };
// Written last: its presence is what says "prepared" to the specs.
writeFileSync(join(TESTCA_DIR, MANIFEST_FILE), JSON.stringify(scenarios, null, 2));
console.log(
  `e2e-prepare: ${scenarios.pypi.length} PyPI projects, ${scenarios.npm.length} npm packages, ${documents} signed documents ` +
    `and ${tufFiles} TUF files in ${relative(REPO_ROOT, TESTCA_DIR)} (${Date.now() - started} ms)`,
);

if (!process.argv.includes('--no-build')) {
  const viteBin = join(REPO_ROOT, 'node_modules', '.bin', 'vite');
  // Chrome for the Playwright specs; Firefox for e2e/firefox/tuf-refresh.spec.ts.
  for (const [browser, outDir] of [['chrome', E2E_EXTENSION_DIR], ['firefox', FIREFOX_E2E_EXTENSION_DIR]] as const) {
    const result = spawnSync(viteBin, ['build', '--logLevel', 'warn'], {
      cwd: REPO_ROOT,
      stdio: 'inherit',
      env: {
        ...process.env,
        PROVENANCE_LENS_BROWSER: browser,
        PROVENANCE_LENS_TRUST_OVERLAY: join(TESTCA_DIR, OVERLAY_FILE),
        PROVENANCE_LENS_TUF_ROOT: join(TESTCA_DIR, TUF_ROOT_FILE),
      },
    });
    if (result.status !== 0) {
      console.error(`e2e-prepare: vite build (${browser}) with the trust overlay failed (exit ${result.status ?? result.signal})`);
      process.exit(1);
    }
    console.log(`e2e-prepare: built ${relative(REPO_ROOT, outDir)} (${Date.now() - started} ms total)`);
  }
}

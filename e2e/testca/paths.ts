// Where the generated test-CA material and the e2e build live, and the checks that turn a
// missing prepare step into one clear message instead of a wall of "badge stayed loading".
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { REPO_ROOT } from '../support/fixtures-dir';

/** Output of `npx tsx scripts/e2e-prepare.ts`: overlay.json, scenarios.json and signed documents. */
export const TESTCA_DIR = resolve(process.env.PROVENANCE_LENS_TESTCA_DIR ?? join(REPO_ROOT, '.tmp', 'e2e-testca'));

/** The e2e-only build that also trusts the generated test Sigstore instance. */
export const E2E_EXTENSION_DIR = resolve(process.env.PROVENANCE_LENS_E2E_EXTENSION ?? join(REPO_ROOT, 'dist', 'chrome-e2e'));

/** The same for Firefox (e2e/firefox/tuf-refresh.spec.ts). */
export const FIREFOX_E2E_EXTENSION_DIR = resolve(process.env.PROVENANCE_LENS_FIREFOX_E2E_EXTENSION ?? join(REPO_ROOT, 'dist', 'firefox-e2e'));

export const MANIFEST_FILE = 'scenarios.json';
export const OVERLAY_FILE = 'overlay.json';

const PREPARE = 'run `npx tsx scripts/e2e-prepare.ts` first';

/** Throws when the generated scenarios are missing. */
export function assertTestcaScenarios(dir: string = TESTCA_DIR): void {
  if (!existsSync(join(dir, MANIFEST_FILE))) {
    throw new Error(`test-CA scenarios missing (${join(dir, MANIFEST_FILE)}): ${PREPARE}`);
  }
}

/** The tail of the test CA's root certificate: random per generation, embedded in the build. */
function overlayFingerprint(testcaDir: string): string | null {
  const file = join(testcaDir, OVERLAY_FILE);
  if (!existsSync(file)) return null;
  const overlay = JSON.parse(readFileSync(file, 'utf8')) as {
    trustedRoot?: { certificateAuthorities?: { certChain?: { certificates?: { rawBytes?: string }[] } }[] };
  };
  const raw = overlay.trustedRoot?.certificateAuthorities?.[0]?.certChain?.certificates?.[0]?.rawBytes;
  return raw ? raw.slice(-48) : null;
}

/**
 * Throws when the e2e build (the one trusting the test CA) is missing, or was built for another
 * generation of the test CA (scenarios regenerated with --no-build): every badge would be red.
 */
export function assertE2eBuild(dir: string = E2E_EXTENSION_DIR, testcaDir: string = TESTCA_DIR): void {
  if (!existsSync(join(dir, 'manifest.json'))) {
    throw new Error(`e2e build missing (${dir}/manifest.json): ${PREPARE}`);
  }
  const fingerprint = overlayFingerprint(testcaDir);
  if (fingerprint === null) throw new Error(`test-CA overlay missing (${join(testcaDir, OVERLAY_FILE)}): ${PREPARE}`);
  // The worker's code: in assets/, or (Chrome) one classic script the manifest names at the top.
  const assets = join(dir, 'assets');
  const background = (JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { background?: { service_worker?: string } }).background;
  const scripts = [...(existsSync(assets) ? readdirSync(assets).filter((f) => f.endsWith('.js')).map((f) => join(assets, f)) : []), ...(background?.service_worker ? [join(dir, background.service_worker)] : [])];
  if (!scripts.some((f) => existsSync(f) && readFileSync(f, 'utf8').includes(fingerprint))) {
    throw new Error(`${dir} does not trust the test CA in ${testcaDir} (built for another generation): ${PREPARE}`);
  }
}

/** Below TESTCA_DIR: the generated TUF repository's files by URL path (1.root.json, targets/...). */
export const TUF_REPO_DIR = 'tuf';
/** Below TESTCA_DIR: that repository's first root.json, which the e2e build starts its chain from. */
export const TUF_ROOT_FILE = 'tuf-root.json';
/** PyPI project attested through the spare log: "couldn't check" until a refresh brings that log. */
export const TUF_NEW_LOG_PROJECT = 'lens-tuf-new-log';
/** The versions a client reaches after refreshing from the generated repository (generate-tuf.ts). */
export const TUF_PUBLISHED = { root: 2, targets: 3 } as const;

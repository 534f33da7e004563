// `npm run build:cli`: the CLI as one self-contained ES module, dist/cli/provenance-lens.mjs,
// so `provenance-lens` starts without a TypeScript loader and the npm tarball needs nothing
// else at run time. Everything src/cli/main.ts reaches is bundled: our sources, the npm
// packages and their JSON (the TUF seeds that hold the embedded trusted root and npm keys).
// Run by `npm run build`, by `prepare` (so `npm ci` and `npm pack` leave a fresh copy) and by
// the vitest global setup (so CLI tests never run a stale copy); about half a second.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const BUNDLE_NAME = 'provenance-lens.mjs';
const NOTICES_NAME = 'THIRD-PARTY-NOTICES.txt';

// The CommonJS packages (@sigstore/*) call require() for node built-ins; an ES module has no
// `require`, so the bundle makes one. Named so that it cannot clash with bundled identifiers.
const REQUIRE_SHIM = "import { createRequire as __plCreateRequire } from 'node:module';\nconst require = __plCreateRequire(import.meta.url);";

/**
 * Builds dist/cli, or `outDir` (the benchmark builds its own copy); returns the bundle's path,
 * its size in bytes and how many npm packages it carries.
 */
export async function buildCli(outDir = join(repoRoot, 'dist', 'cli')) {
  const bundleFile = join(outDir, BUNDLE_NAME);
  const result = await build({
    absWorkingDir: repoRoot,
    entryPoints: ['src/cli/main.ts'],
    outfile: bundleFile,
    bundle: true,
    write: false,
    metafile: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    banner: { js: REQUIRE_SHIM },
    // Smaller to read and parse at every start; identifiers are kept, so that an internal error
    // still names the function it came from.
    minifyWhitespace: true,
    minifySyntax: true,
    // The licences go to THIRD-PARTY-NOTICES.txt whole, not as scattered comments.
    legalComments: 'none',
    logLevel: 'warning',
  });
  const [output] = result.outputFiles;
  if (!output || result.outputFiles.length !== 1) throw new Error(`expected one output file, got ${result.outputFiles.length}`);
  const packages = bundledPackages(Object.keys(result.metafile.inputs));
  mkdirSync(outDir, { recursive: true });
  writeIfChanged(bundleFile, Buffer.from(output.contents));
  writeIfChanged(join(outDir, NOTICES_NAME), Buffer.from(noticesText(packages)));
  return { file: bundleFile, bytes: output.contents.length, packages: packages.length };
}

/** The package folders (node_modules/x or node_modules/@scope/x) the bundle took code from. */
function bundledPackages(inputs) {
  const dirs = new Set();
  for (const input of inputs) {
    const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input.split(sep).join('/'));
    if (match?.[1]) dirs.add(match[1]);
  }
  return [...dirs].map((dir) => join(repoRoot, dir)).sort();
}

// MIT, ISC, BSD and Apache-2.0 all ask that their notice travel with copies of the code.
function noticesText(packageDirs) {
  const parts = packageDirs.map((dir) => {
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const licenceFiles = readdirSync(dir).filter((name) => /^(licen[cs]e|copying|notice)/i.test(name)).sort();
    const texts = licenceFiles.map((name) => readFileSync(join(dir, name), 'utf8').trim());
    const body = texts.length > 0 ? texts.join('\n\n') : `(no licence file in the package; package.json says ${pkg.license ?? 'nothing'})`;
    return `${pkg.name}@${pkg.version} (${pkg.license ?? 'unknown'})\n\n${body}\n`;
  });
  const header = 'provenance-lens CLI: third-party code bundled into provenance-lens.mjs, with its licence notices.\n';
  return [header, ...parts].join(`\n${'-'.repeat(78)}\n\n`);
}

// Same sources, same bytes (esbuild writes no timestamps), so an unchanged file is left alone;
// a changed one is replaced through a rename, so that a CLI another process starts at that
// moment (parallel test runs in one checkout) never reads half a file.
function writeIfChanged(file, bytes) {
  let current;
  try {
    current = readFileSync(file);
  } catch {
    current = undefined;
  }
  if (current?.equals(bytes)) return;
  const temp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, bytes);
    renameSync(temp, file);
  } finally {
    rmSync(temp, { force: true });
  }
}

/**
 * Vitest global setup (vite.config.ts): the CLI suites spawn bin/provenance-lens.mjs, which runs
 * dist/cli, so every test run builds it from the sources under test first, and again before
 * each rerun in watch mode.
 */
export async function setup(project) {
  await buildCli();
  project?.onTestsRerun?.(async () => {
    await buildCli();
  });
}

// `node scripts/build-cli.mjs [out-dir]`
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const started = Date.now();
  try {
    const { file, bytes, packages } = await buildCli(...(process.argv[2] ? [resolve(process.argv[2])] : []));
    const where = relative(process.cwd(), file) || file;
    console.log(`built ${where}: ${(bytes / 1024).toFixed(0)} KB, ${packages} npm packages bundled, ${Date.now() - started} ms`);
  } catch (error) {
    // esbuild has already printed the located errors; this is the one-line outcome.
    console.error(`build-cli: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    process.exitCode = 1;
  }
}

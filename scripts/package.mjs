// `npm run package`: builds, then writes the store uploads and the source archive that
// addons.mozilla.org asks for (our bundles are minified) to dist/packages/:
//   provenance-lens-chrome-<version>.zip, provenance-lens-firefox-<version>.zip,
//   provenance-lens-source-<version>.zip
// and prints their SHA-256, the digests the release workflow attests. `--no-build` zips the
// folders as they are. The same inputs give byte-identical zips, so anyone can rebuild a release
// and compare (src/testing/package-reproducible.test.ts).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
// jszip is web-ext's own dependency (pinned in package-lock.json), so no new package is needed.
import JSZip from 'jszip';
import { run } from './run-step.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = join(root, 'dist', 'packages');
// A fixed timestamp makes the same inputs give the same archive bytes.
export const ZIP_DATE = new Date(Date.UTC(2020, 0, 1));
// What `web-ext build` leaves out of a package by default; a store folder holding one of these
// is a build mistake, not something to drop quietly.
const NOT_FOR_A_STORE = /(^|\/)(\.|node_modules\/)|\.(zip|xpi)$/;

function fail(message) {
  console.error(`package: ${message}`);
  process.exit(1);
}

/** Every file under `dir`, relative, with `/` separators, in code-unit order (not readdir's). */
export function filesUnder(dir) {
  return readdirSync(dir, { recursive: true })
    .map((f) => String(f).split('\\').join('/'))
    .filter((f) => statSync(join(dir, f)).isFile())
    .sort();
}

// Tracked files plus new ones git does not ignore, as they are in the working tree: what the
// extension was just built from, and all a reviewer needs besides `npm ci` to rebuild it.
function sourceFiles() {
  const listed = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: root, encoding: 'utf8' });
  return [...new Set(listed.split('\0').filter(Boolean))].filter((f) => existsSync(join(root, f)) && statSync(join(root, f)).isFile()).sort();
}

/**
 * The archive of `files` (relative to `baseDir`) as bytes. Only the file contents and names
 * reach it: no directory entries, one date, fixed UNIX modes, the order given.
 */
export function zipBytes(baseDir, files) {
  const zip = new JSZip();
  for (const file of files) zip.file(file, readFileSync(join(baseDir, file)), { date: ZIP_DATE, createFolders: false });
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 }, platform: 'UNIX' });
}

/** Reads the archive back: it must open, hold exactly `files`, and manifest.json at its root. */
async function checkZip(target, files, version) {
  const zip = await JSZip.loadAsync(readFileSync(target));
  const names = Object.keys(zip.files).filter((n) => !zip.files[n].dir);
  if (names.join('\n') !== files.join('\n')) fail(`${relative(root, target)} does not hold exactly the files it was made from`);
  if (!names.includes('manifest.json')) fail(`${relative(root, target)} has no manifest.json at its root`);
  const manifest = JSON.parse(await zip.file('manifest.json').async('string'));
  if (manifest.version !== version) fail(`${relative(root, target)}: manifest version ${manifest.version} is not package.json's ${version}`);
}

function storeFiles(browser) {
  const dir = join(root, 'dist', browser);
  if (!existsSync(join(dir, 'manifest.json'))) fail(`no dist/${browser}; run \`npm run build\``);
  const files = filesUnder(dir);
  const stray = files.filter((f) => NOT_FOR_A_STORE.test(f));
  if (stray.length) fail(`dist/${browser} holds files no store package should carry: ${stray.join(', ')}`);
  return { dir, files };
}

async function main() {
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  if (process.env.PROVENANCE_LENS_TRUST_OVERLAY) fail('PROVENANCE_LENS_TRUST_OVERLAY is set: that build is for end-to-end tests, never for a store');
  if (!process.argv.includes('--no-build')) {
    const code = await run(process.execPath, [join(root, 'scripts', 'build.mjs')]);
    if (code !== 0) fail(`build failed (exit ${code})`);
  }
  const chrome = storeFiles('chrome');
  const firefox = storeFiles('firefox');

  // `web-ext build` stamps each entry with the time of the run and adds them in the order its
  // parallel reads finish, so no two runs matched. Its packer checks nothing the linter (the
  // checks addons.mozilla.org runs on upload) does not, so the linter passes the folder and the
  // Chrome zip's writer packs it.
  console.log('\n== web-ext lint (dist/firefox)');
  const lint = await run(process.execPath, [join(root, 'scripts', 'web-ext-lint.mjs'), firefox.dir]);
  if (lint !== 0) fail(`web-ext lint failed (exit ${lint})`);

  const sources = sourceFiles();
  for (const needed of ['package.json', 'package-lock.json', 'manifest.json', 'vite.config.ts', 'scripts/build.mjs']) {
    if (!sources.includes(needed)) fail(`source archive would lack ${needed}`);
  }
  const archives = [
    { name: `provenance-lens-chrome-${version}.zip`, ...chrome },
    { name: `provenance-lens-firefox-${version}.zip`, ...firefox },
    { name: `provenance-lens-source-${version}.zip`, dir: root, files: sources },
  ];

  mkdirSync(out, { recursive: true });
  const digests = [];
  for (const { name, dir, files } of archives) {
    const target = join(out, name);
    rmSync(target, { force: true });
    const bytes = await zipBytes(dir, files);
    writeFileSync(target, bytes);
    await checkZip(target, files, version);
    console.log(`${relative(root, target)}: ${files.length} files, ${(bytes.length / 1024).toFixed(1)} KiB, manifest.json at root`);
    digests.push(`${createHash('sha256').update(bytes).digest('hex')}  ${relative(root, target)}`);
  }
  // sha256sum's format, so `sha256sum -c` reads it; the release attests these same digests.
  console.log(`\nSHA-256:\n${digests.join('\n')}`);
}

// Run as a script, not when a test imports the zip writer.
if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) await main();

// `npm run package`: builds, then writes the store uploads and the source archive that
// addons.mozilla.org asks for (our bundles are minified) to dist/packages/:
//   provenance-lens-chrome-<version>.zip, provenance-lens-firefox-<version>.zip,
//   provenance-lens-source-<version>.zip
// `--no-build` zips the folders as they are.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
// jszip is web-ext's own dependency (pinned in package-lock.json), so no new package is needed.
import JSZip from 'jszip';
import { bin, run } from './run-step.mjs';

const root = new URL('..', import.meta.url).pathname;
const out = join(root, 'dist', 'packages');
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
// A fixed timestamp makes the same inputs give the same archive bytes.
const ZIP_DATE = new Date(Date.UTC(2020, 0, 1));

function fail(message) {
  console.error(`package: ${message}`);
  process.exit(1);
}

function filesUnder(dir) {
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => statSync(join(dir, f)).isFile())
    .sort();
}

// Tracked files plus new ones git does not ignore, as they are in the working tree: what the
// extension was just built from, and all a reviewer needs besides `npm ci` to rebuild it.
function sourceFiles() {
  const listed = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: root, encoding: 'utf8' });
  return [...new Set(listed.split('\0').filter(Boolean))].filter((f) => existsSync(join(root, f)) && statSync(join(root, f)).isFile()).sort();
}

async function writeZip(target, baseDir, files) {
  const zip = new JSZip();
  for (const file of files) zip.file(file.split('\\').join('/'), readFileSync(join(baseDir, file)), { date: ZIP_DATE, createFolders: false });
  const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 }, platform: 'UNIX' });
  writeFileSync(target, bytes);
}

/** Reads the archive back: it must open, and hold manifest.json at its root. */
async function checkZip(target) {
  const zip = await JSZip.loadAsync(readFileSync(target));
  const names = Object.keys(zip.files);
  if (!names.includes('manifest.json')) fail(`${relative(root, target)} has no manifest.json at its root`);
  const manifest = JSON.parse(await zip.file('manifest.json').async('string'));
  if (manifest.version !== version) fail(`${relative(root, target)}: manifest version ${manifest.version} is not package.json's ${version}`);
  return names.filter((n) => !zip.files[n].dir).length;
}

if (process.env.PROVENANCE_LENS_TRUST_OVERLAY) fail('PROVENANCE_LENS_TRUST_OVERLAY is set: that build is for end-to-end tests, never for a store');

if (!process.argv.includes('--no-build')) {
  const code = await run(process.execPath, [join(root, 'scripts', 'build.mjs')]);
  if (code !== 0) fail(`build failed (exit ${code})`);
}
for (const browser of ['chrome', 'firefox']) {
  if (!existsSync(join(root, 'dist', browser, 'manifest.json'))) fail(`no dist/${browser}; run \`npm run build\``);
}

mkdirSync(out, { recursive: true });
const names = {
  chrome: `provenance-lens-chrome-${version}.zip`,
  firefox: `provenance-lens-firefox-${version}.zip`,
  source: `provenance-lens-source-${version}.zip`,
};
for (const name of Object.values(names)) rmSync(join(out, name), { force: true });

console.log('\n== zip dist/chrome');
await writeZip(join(out, names.chrome), join(root, 'dist', 'chrome'), filesUnder(join(root, 'dist', 'chrome')));

// web-ext's own packer, as Mozilla documents for AMO uploads.
console.log('\n== web-ext build (dist/firefox)');
const webExt = await run(
  bin('web-ext'),
  ['build', '--source-dir', join(root, 'dist', 'firefox'), '--artifacts-dir', out, '--filename', names.firefox, '--overwrite-dest', '--no-config-discovery', '--no-input'],
  { env: { ...process.env, NO_UPDATE_NOTIFIER: '1' } },
);
if (webExt !== 0) fail(`web-ext build failed (exit ${webExt})`);

console.log('\n== zip sources');
const sources = sourceFiles();
for (const needed of ['package.json', 'package-lock.json', 'manifest.json', 'vite.config.ts', 'scripts/build.mjs']) {
  if (!sources.includes(needed)) fail(`source archive would lack ${needed}`);
}
await writeZip(join(out, names.source), root, sources);

console.log('');
for (const name of Object.values(names)) {
  const target = join(out, name);
  const entries = await checkZip(target);
  console.log(`${relative(root, target)}: ${entries} files, ${(statSync(target).size / 1024).toFixed(1)} KiB, manifest.json at root`);
}

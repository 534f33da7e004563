// `npm start`: builds the extension, serves the offline demo registry (the e2e fixture server
// with the recorded demo set in demo/recorded: real registry data for pypi.org, www.npmjs.com
// and registry.npmjs.org, committed with the repo) and opens Debian's Chromium with the
// extension on the demo pages. It never reads the shared fixtures, so a clone alone runs it.
//   with a display: a visible browser; serves until Ctrl-C or the browser is closed.
//   without one (or CI=true, or --headless): screenshots of every state, then exits.
//   --live: the real pypi.org and npmjs.com instead; no demo registry, no host mapping.
//   --readme-screenshot: headless, and when every page is as expected, copies the PyPI overview
//     (page and popup side by side) to docs/screenshot.png and the sheets of every state in the
//     light and the dark scheme to docs/states-{light,dark}.jpg, the README's pictures.
// Runs under tsx (package.json) because it reuses the e2e harness, which is TypeScript.
import { copyFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startFixtureServer } from '../e2e/server/fixture-server.ts';
import { REPO_ROOT } from '../e2e/support/fixtures-dir.ts';
import { EXTENSION_DIR, launchWithExtension } from '../e2e/support/launch-extension.ts';
import { run } from './run-step.mjs';
import { DEMO_PAGES, LIVE_PAGES } from './start/demo-pages.mjs';
import { loadDemoScenarios } from './start/demo-scenarios.ts';
import { dressDemoSites, pinFromPopup } from './start/demo-browser.mjs';
import { screenshotTour } from './start/screenshot-tour.mjs';
import { writeStateSheet } from './start/state-sheet.mjs';

const args = process.argv.slice(2);
const live = args.includes('--live');
const readmeScreenshot = args.includes('--readme-screenshot');
if (readmeScreenshot && live) throw new Error('--readme-screenshot is for the demo registry, not --live');
const noDisplay = !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
const headless = args.includes('--headless') || readmeScreenshot || noDisplay || process.env.CI === 'true';
const screenshotDir = resolve(REPO_ROOT, 'dist', 'screenshots');
const pages = live ? LIVE_PAGES : DEMO_PAGES;

if (!args.includes('--no-build')) {
  const code = await run(process.execPath, [join(REPO_ROOT, 'scripts', 'build.mjs')]);
  if (code !== 0) process.exit(code);
}

const server = live ? null : await startFixtureServer({ only: loadDemoScenarios() });
const ext = await launchWithExtension(server?.port ?? 0, EXTENSION_DIR, { headless, live });
if (!live) await dressDemoSites(ext.context);
console.log(`\nProvenance Lens ${live ? 'on the real registries' : `on the demo registry (127.0.0.1:${server.port})`}, extension id ${ext.extensionId}`);

async function shutDown(code) {
  await ext.close().catch(() => undefined);
  await server?.stop();
  process.exit(code);
}

if (headless) {
  rmSync(screenshotDir, { recursive: true, force: true });
  let results;
  try {
    results = await screenshotTour(ext, pages, screenshotDir);
  } catch (error) {
    console.error('npm start: the screenshot tour failed:', error);
    await shutDown(1);
  }
  for (const r of results) {
    const extra = [...r.notes, ...r.missed].join('; ');
    console.log(`${r.ok ? 'ok  ' : 'MISS'} ${r.label}: ${r.statuses.join(', ')}${extra ? ` (${extra})` : ''}`);
    for (const shot of r.shots) console.log(`       ${shot.slice(screenshotDir.length + 1)}`);
  }
  const sheets = [];
  for (const scheme of ['light', 'dark']) {
    const sheet = join(screenshotDir, `states-${scheme}.jpg`);
    const drawn = await writeStateSheet(ext, results, scheme, sheet);
    if (drawn > 0) sheets.push(sheet);
    console.log(`every state, ${scheme}: ${drawn} states in ${sheet.slice(screenshotDir.length + 1)}`);
  }
  console.log(`\nscreenshots: ${screenshotDir}`);
  if (readmeScreenshot) {
    const overview = results.every((r) => r.ok) ? results.flatMap((r) => r.shots).find((shot) => shot.endsWith('.overview.png')) : undefined;
    if (!overview) {
      console.error('npm start: docs/screenshot.png left as it was (a page missed, or no overview was taken)');
      await shutDown(1);
    }
    copyFileSync(overview, join(REPO_ROOT, 'docs', 'screenshot.png'));
    console.log(`README screenshot: ${overview.slice(screenshotDir.length + 1)} -> docs/screenshot.png`);
    for (const sheet of sheets) {
      const name = sheet.slice(screenshotDir.length + 1);
      copyFileSync(sheet, join(REPO_ROOT, 'docs', name));
      console.log(`README states: ${name} -> docs/${name}`);
    }
  }
  await shutDown(results.every((r) => r.ok) ? 0 : 1);
} else {
  // The first page reuses the window's blank tab; the rest open beside it.
  const [first] = ext.context.pages();
  for (const [i, demo] of pages.entries()) {
    // The pin-mismatch page needs its pin first, set in the popup as a person would.
    if (demo.pinAt) console.log(`  (${await pinFromPopup(ext, demo.pinAt).catch((error) => `pin not set: ${error.message}`)})`);
    const page = i === 0 && first ? first : await ext.context.newPage();
    await page.goto(demo.url, { waitUntil: 'domcontentloaded' }).catch((error) => console.error(`${demo.url}: ${error.message}`));
    console.log(`  ${demo.label}: ${demo.url}`);
  }
  console.log('\nClick the Provenance Lens toolbar icon for details. Ctrl-C (or closing the browser) stops.');
  process.once('SIGINT', () => void shutDown(0));
  process.once('SIGTERM', () => void shutDown(0));
  ext.context.once('close', () => void server?.stop().then(() => process.exit(0)));
}

// Headless `npm start`: visits every demo page with the extension loaded, waits for the verdicts,
// and saves what a person would see (the page, and the toolbar popup for package pages) as PNGs.
// Returns one line per page; a page whose badge or popup is not the expected one is a miss.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openPopupFor } from '../../e2e/support/launch-extension.ts';
import { anyBadge, npmTitleBadge, pypiTitleBadge } from '../../e2e/support/page-inspection.ts';
import { pinFromPopup, settledPopup, VERDICT_TIMEOUT_MS } from './demo-browser.mjs';

function badgesOf(page, kind) {
  if (kind === 'pypi-title') return pypiTitleBadge(page);
  if (kind === 'npm-title') return npmTitleBadge(page);
  return anyBadge(page);
}

/** Every badge of the kind present and settled (no longer `loading`); their statuses. */
async function settledStatuses(locator) {
  const deadline = Date.now() + VERDICT_TIMEOUT_MS;
  for (;;) {
    const statuses = await locator.evaluateAll((hosts) => hosts.map((h) => h.getAttribute('data-provenance-status')));
    if (statuses.length > 0 && !statuses.includes('loading')) return statuses;
    if (Date.now() > deadline) return statuses.length ? statuses : ['no badge'];
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Where the badge sits: its line of the page, from the left edge to just past the badge. */
async function badgeClip(badge) {
  await badge.scrollIntoViewIfNeeded();
  const box = await badge.boundingBox();
  if (!box) return undefined;
  const y = Math.max(0, box.y - 20);
  return { x: 0, y, width: Math.min(1280, box.x + box.width + 24), height: box.height + 40 };
}

/** The top of the package page and the toolbar popup, side by side in one small image. */
async function sideBySide(ext, target, pageTop, popupShot) {
  const page = await ext.context.newPage();
  await page.setViewportSize({ width: 1200, height: 900 });
  const dataUrl = (bytes) => `data:image/png;base64,${bytes.toString('base64')}`;
  await page.setContent(
    `<body style="margin:0"><div id="pair" style="display:inline-flex;gap:16px;align-items:flex-start;padding:16px;background:#eef1f4">` +
      `<img src="${dataUrl(pageTop)}" style="border:1px solid #c8ccd0">` +
      `<img src="${dataUrl(popupShot)}" style="border:1px solid #c8ccd0"></div></body>`,
  );
  await page.locator('#pair').screenshot({ path: target });
  await page.close();
  return target;
}

/** Words of the e2e suite that must not show on a demo page (its names and texts are the demo's own). */
const TEST_WORDING = /fixture|lens-e2e|lens-fault|authored/i;

/** What the page shows against what it should: a list of misses, empty when all is as expected. */
function misses(demo, statuses, continuity, popupShown, visibleText) {
  const out = [];
  const wording = TEST_WORDING.exec(visibleText);
  if (wording) out.push(`test wording on the page: "${wording[0]}"`);
  if (statuses.includes('no badge') || statuses.includes('loading')) out.push('no settled badge');
  else if (demo.expect !== null && !statuses.every((s) => s === demo.expect)) out.push(`expected ${demo.expect}`);
  if (demo.continuity && continuity !== demo.continuity) out.push(`expected continuity ${demo.continuity}, got ${continuity ?? 'none'}`);
  if (demo.popupShows && !popupShown) out.push(`popup without ${demo.popupShows}`);
  return out;
}

export async function screenshotTour(ext, pages, folder) {
  mkdirSync(folder, { recursive: true });
  const results = [];
  for (const demo of pages) {
    const notes = demo.pinAt ? [await pinFromPopup(ext, demo.pinAt)] : [];
    const page = await ext.context.newPage();
    await page.goto(demo.url, { waitUntil: 'domcontentloaded' });
    const badges = badgesOf(page, demo.kind);
    const statuses = await settledStatuses(badges);
    const continuity = statuses[0] === 'no badge' ? null : await badges.first().getAttribute('data-provenance-continuity');
    const visibleText = await page.locator('body').innerText();
    const shots = [join(folder, `${demo.name}.png`)];
    await page.screenshot({ path: shots[0], fullPage: demo.kind === 'search' });

    let popupShown = false;
    let sheet;
    if (demo.kind !== 'search' && statuses[0] !== 'no badge') {
      shots.push(join(folder, `${demo.name}.badge.png`));
      await page.screenshot({ path: shots.at(-1), clip: await badgeClip(badges.first()) });
      const pageTop = demo.name === 'pypi-verified' ? await page.screenshot({ clip: { x: 0, y: 0, width: 600, height: 400 } }) : null;
      const popup = await openPopupFor(ext, page);
      await settledPopup(popup);
      if (demo.popupShows) popupShown = await popup.locator(demo.popupShows).first().isVisible();
      shots.push(join(folder, `${demo.name}.popup.png`));
      await popup.screenshot({ path: shots.at(-1), fullPage: true });
      sheet = { light: { badge: shots[1], popup: shots.at(-1) } };
      // The same popup in the dark scheme. The badge keeps the colours of the page it sits on
      // (the demo registries are light), so the dark sheet shows it as a dark-mode reader sees it.
      await popup.emulateMedia({ colorScheme: 'dark' });
      shots.push(join(folder, `${demo.name}.dark.popup.png`));
      await popup.screenshot({ path: shots.at(-1), fullPage: true });
      sheet.dark = { badge: shots[1], popup: shots.at(-1) };
      await popup.close();
      if (pageTop) shots.push(await sideBySide(ext, join(folder, `${demo.name}.overview.png`), pageTop, readFileSync(shots.at(-1))));
    }
    await page.close();
    const missed = misses(demo, statuses, continuity, popupShown, visibleText);
    if (continuity) notes.push(`continuity: ${continuity}`);
    results.push({ ...demo, statuses, ok: missed.length === 0, missed, notes, shots, sheet });
  }
  return results;
}

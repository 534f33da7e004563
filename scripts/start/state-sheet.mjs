// One picture per colour scheme of every state `npm start` shows: each demo page's badge as it
// sits on the page and the first screen (600 px) of its toolbar popup, labelled with the state.
// The README shows docs/states-light.jpg and docs/states-dark.jpg, written by
// `npm start -- --readme-screenshot`; JPEG keeps the two sheets small enough to carry in the repo.
import { readFileSync } from 'node:fs';

const FIRST_SCREEN_PX = 600;
const COLUMNS = 3;

const dataUrl = (path) => `data:image/png;base64,${readFileSync(path).toString('base64')}`;

/** The sheet's HTML, built as DOM in the page (no markup from strings): labels are demo text. */
function drawSheet({ scheme, cells, firstScreen, columns }) {
  const dark = scheme === 'dark';
  document.body.style.cssText = `margin:0;background:${dark ? '#202124' : '#eef1f4'};color:${dark ? '#e8eaed' : '#1f2328'};font:14px system-ui,sans-serif`;
  const grid = document.createElement('div');
  grid.id = 'sheet';
  grid.style.cssText = `display:inline-grid;grid-template-columns:repeat(${columns},436px);gap:20px;padding:20px`;
  for (const cell of cells) {
    const figure = document.createElement('figure');
    figure.style.cssText = 'margin:0;display:flex;flex-direction:column;gap:8px';
    const caption = document.createElement('figcaption');
    caption.style.cssText = 'font-weight:600;min-height:2.6em';
    caption.textContent = `${cell.state}: ${cell.label}`;
    figure.append(caption);
    const badge = document.createElement('img');
    badge.src = cell.badge;
    badge.style.cssText = 'max-width:436px;border:1px solid #c8ccd0;background:#fff;align-self:flex-start';
    figure.append(badge);
    const frame = document.createElement('div');
    frame.style.cssText = `width:420px;max-height:${firstScreen}px;overflow:hidden;border:1px solid #c8ccd0`;
    const popup = document.createElement('img');
    popup.src = cell.popup;
    popup.style.cssText = 'display:block;width:420px';
    frame.append(popup);
    figure.append(frame);
    grid.append(figure);
  }
  document.body.append(grid);
  return Promise.all([...document.images].map((img) => img.decode()));
}

/**
 * Writes `target` (JPEG) for `scheme` from the tour's results: each result that has a badge
 * crop and a popup shot in that scheme. Returns the number of states drawn.
 */
export async function writeStateSheet(ext, results, scheme, target) {
  const cells = results
    .filter((r) => r.sheet?.[scheme] !== undefined)
    .map((r) => ({ state: r.expect ?? r.statuses[0], label: r.label, badge: dataUrl(r.sheet[scheme].badge), popup: dataUrl(r.sheet[scheme].popup) }));
  if (cells.length === 0) return 0;
  const page = await ext.context.newPage();
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.emulateMedia({ colorScheme: scheme });
  await page.evaluate(drawSheet, { scheme, cells, firstScreen: FIRST_SCREEN_PX, columns: COLUMNS });
  await page.locator('#sheet').screenshot({ path: target, type: 'jpeg', quality: 60 });
  await page.close();
  return cells.length;
}

// Stylesheets as strings, set with textContent into our own shadow roots and extension pages.
// The page's CSS cannot reach inside the shadow root, and ours cannot leak out.

// Colours per scheme. Each pair of text and background clears 4.5:1, and the focus ring (the
// link colour) 3:1 against the surface it sits on.
const LIGHT = `
  --pl-fg: #202124; --pl-muted: #5f6368; --pl-bg: #ffffff; --pl-line: #dadce0; --pl-link: #1a59c6;
  --pl-verified-bg: #e6f4ea; --pl-verified-fg: #0d652d; --pl-verified-line: #34a853;
  --pl-partial-bg: #fef7e0; --pl-partial-fg: #7a4a00; --pl-partial-line: #f9ab00;
  --pl-none-bg: #f1f3f4; --pl-none-fg: #3c4043; --pl-none-line: #9aa0a6;
  --pl-invalid-bg: #fce8e6; --pl-invalid-fg: #a50e0e; --pl-invalid-line: #d93025;`;
const DARK = `
  --pl-fg: #e8eaed; --pl-muted: #bdc1c6; --pl-bg: #202124; --pl-line: #5f6368; --pl-link: #8ab4f8;
  --pl-verified-bg: #0d2818; --pl-verified-fg: #81c995; --pl-verified-line: #1e8e3e;
  --pl-partial-bg: #2d2100; --pl-partial-fg: #fdd663; --pl-partial-line: #b06000;
  --pl-none-bg: #2a2b2e; --pl-none-fg: #dadce0; --pl-none-line: #80868b;
  --pl-invalid-bg: #3c0e0b; --pl-invalid-fg: #f28b82; --pl-invalid-line: #d93025;`;

// Our own surfaces (extension pages, the panel) follow the system setting.
const PALETTE = `
:host, :root {${LIGHT} color-scheme: light dark; }
@media (prefers-color-scheme: dark) {
  :host, :root {${DARK} }
}
`;

// A badge sits on the registry's page, so it follows that page, not the system: the registries'
// pages are light whatever the system says, and a page found dark gets data-pl-scheme="dark"
// on the host (content/page-scheme.ts).
const PAGE_PALETTE = `
:host {${LIGHT} }
:host([data-pl-scheme="dark"]) {${DARK} }
`;

export const BADGE_CSS = `${PAGE_PALETTE}
:host { all: initial; display: inline-block; vertical-align: middle; margin-inline-start: 0.5em; max-width: 100%; }
.pl-badge-wrap { display: inline-flex; flex-wrap: wrap; gap: 2px; align-items: center; max-width: 100%;
  font: 600 0.75em/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; }
.pl-badge, .pl-retry { font: inherit; cursor: pointer; border: 1px solid var(--pl-none-line); box-sizing: border-box;
  border-radius: 999px; padding: 1px 8px; display: inline-flex; gap: 4px; align-items: center; min-height: 24px;
  background: var(--pl-none-bg); color: var(--pl-none-fg); text-align: start; overflow-wrap: anywhere; max-width: 100%; }
.pl-compact .pl-badge { padding: 0 6px; font-size: 0.9167em; }
.pl-badge:focus-visible, .pl-retry:focus-visible { outline: 2px solid var(--pl-link); outline-offset: 2px; }
.pl-verified { background: var(--pl-verified-bg); color: var(--pl-verified-fg); border-color: var(--pl-verified-line); }
.pl-partial, .pl-badge.pl-amber { background: var(--pl-partial-bg); color: var(--pl-partial-fg); border-color: var(--pl-partial-line); }
.pl-invalid { background: var(--pl-invalid-bg); color: var(--pl-invalid-fg); border-color: var(--pl-invalid-line); }
.pl-loading { color: var(--pl-muted); border-style: dashed; font-weight: 400; }
.pl-retry { padding: 1px 6px; min-width: 24px; justify-content: center; }
.pl-sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
`;

export const DETAILS_CSS = `${PALETTE}
/* Sizes in em: they follow the browser's font-size setting, never the registry page's root size. */
.pl-details { color: var(--pl-fg); font: 0.875em/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; overflow-wrap: anywhere; }
.pl-details a { color: var(--pl-link); }
.pl-details code { font: 0.857em/1.4 ui-monospace, "SFMono-Regular", Menlo, monospace; overflow-wrap: anywhere; }
.pl-title { font-size: 1.143em; margin: 0 0 4px; overflow-wrap: anywhere; }
/* Room for the panel's close button, which sits in the title's corner. */
.pl-dialog .pl-title { margin-inline-end: 2em; }
.pl-registry, .pl-muted { color: var(--pl-muted); font-weight: 400; }
.pl-verdict { display: inline-block; max-width: 100%; box-sizing: border-box; margin: 4px 0 8px; padding: 2px 10px; border-radius: 999px;
  border: 1px solid var(--pl-none-line); background: var(--pl-none-bg); color: var(--pl-none-fg); }
.pl-verdict.pl-verified { background: var(--pl-verified-bg); color: var(--pl-verified-fg); border-color: var(--pl-verified-line); }
.pl-verdict.pl-invalid { background: var(--pl-invalid-bg); color: var(--pl-invalid-fg); border-color: var(--pl-invalid-line); }
.pl-verdict.pl-partial, .pl-verdict.pl-amber { background: var(--pl-partial-bg); color: var(--pl-partial-fg); border-color: var(--pl-partial-line); }
.pl-fields { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 2px 12px; margin: 8px 0; }
.pl-fields dt { color: var(--pl-muted); }
.pl-fields dd { margin: 0; overflow-wrap: anywhere; }
/* At 200% zoom of the popup (about 210 CSS px), or a larger default font (em in a media query is
   the browser's font size), a term column leaves no room: terms go above values. */
@media (max-width: 18.75em) { .pl-fields { grid-template-columns: minmax(0, 1fr); } .pl-fields dd { margin-bottom: 4px; }
  /* The files table, likewise: each file's name on one line, its status (and source) under it. */
  .pl-files, .pl-files tbody, .pl-files tr, .pl-files td { display: block; }
  .pl-files thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
  .pl-files td { border-bottom: 0; } .pl-files tr { border-bottom: 1px solid var(--pl-line); padding: 2px 0; } }
.pl-section h3 { font-size: 0.929em; margin: 12px 0 4px; }
.pl-fold summary { cursor: pointer; font-weight: 600; min-height: 24px; padding: 2px 0; }
.pl-long { display: inline-block; max-width: 100%; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; vertical-align: bottom; }
/* Only the focused value itself expands: a focused dialog (tabindex -1) must not expand them all. */
.pl-long:hover, .pl-long:focus, a:focus>.pl-long, [tabindex="0"]:focus>.pl-long { white-space: normal; overflow-wrap: anywhere; }
.pl-checked { color: var(--pl-verified-fg); margin: 4px 0; }
.pl-next { margin: 8px 0; }
.pl-next p { margin: 4px 0; }
.pl-attestations { margin: 0; padding-inline-start: 1.2em; }
.pl-kind { font-weight: 600; }
/* Fixed layout: a file name the registry makes absurdly long is cut in its cell (LongValue.tsx)
   instead of widening the table past the popup. */
.pl-files { border-collapse: collapse; width: 100%; font-size: 0.929em; table-layout: fixed; }
.pl-files th:first-child { width: 60%; }
/* break-word, not the details' anywhere: a cell's narrowest width stays its longest word, so
   auto table layout never squeezes "Verified" to "Verifie/d" beside a long wheel name. */
.pl-files th { white-space: nowrap; }
.pl-files td { overflow-wrap: break-word; }
.pl-files th, .pl-files td { text-align: start; padding: 2px 4px; border-bottom: 1px solid var(--pl-line); }
.pl-file-verified { color: var(--pl-verified-fg); }
.pl-file-invalid { color: var(--pl-invalid-fg); }
.pl-warning { border-inline-start: 3px solid var(--pl-partial-line); padding-inline-start: 8px; }
/* Side by side when both fit (10em each), else one above the other (200% zoom). */
.pl-compare { display: grid; grid-template-columns: repeat(auto-fit, minmax(10em, 1fr)); gap: 8px; }
.pl-card { border: 1px solid var(--pl-line); border-radius: 6px; padding: 4px 8px; min-width: 0; }
.pl-card h3 { font-size: 0.929em; margin: 2px 0; }
.pl-card .pl-fields { display: block; font-size: 0.929em; }
.pl-card dd { margin: 0 0 4px; }
.pl-changed { color: var(--pl-partial-fg); font-weight: 600; }
.pl-problem p { margin: 4px 0; }
.pl-button { font: inherit; max-width: 100%; text-align: start; min-height: 24px; padding: 4px 12px; border-radius: 4px; border: 1px solid var(--pl-line);
  background: var(--pl-bg); color: var(--pl-fg); cursor: pointer; }
/* Release timeline (Timeline.tsx): marks wrap onto lines, 24 px each (a pointer target's minimum). */
.pl-tl-axis {
  display: flex; justify-content: space-between;
  color: var(--pl-muted); font-size: 0.857em; margin: 4px 0 0;
}
.pl-tl-strip {
  display: flex; flex-wrap: wrap; gap: 2px;
  list-style: none; margin: 2px 0 4px; padding: 0;
}
.pl-tl-strip li { display: flex; align-items: center; }
.pl-tl-mark {
  font: inherit; line-height: 1; cursor: pointer;
  box-sizing: border-box; width: 24px; height: 24px; padding: 0; border-radius: 4px;
  border: 1px solid var(--pl-none-line); background: var(--pl-none-bg); color: var(--pl-none-fg);
}
.pl-tl-mark:focus-visible { outline: 2px solid var(--pl-link); outline-offset: 1px; }
/* The mark whose details are shown. */
.pl-tl-mark.pl-tl-active { border: 2px solid var(--pl-fg); }
.pl-tl-verified {
  background: var(--pl-verified-bg); color: var(--pl-verified-fg); border-color: var(--pl-verified-line);
}
.pl-tl-partial {
  background: var(--pl-partial-bg); color: var(--pl-partial-fg); border-color: var(--pl-partial-line);
}
.pl-tl-invalid {
  background: var(--pl-invalid-bg); color: var(--pl-invalid-fg); border-color: var(--pl-invalid-line);
}
.pl-tl-unknown { color: var(--pl-muted); border-style: dashed; }
.pl-tl-glyph { display: inline-block; min-width: 1.2em; text-align: center; border-radius: 3px; }
/* Event flags beside a mark: gained provenance, or something to look at (never red: no provenance is not a failure). */
.pl-tl-flag { font-weight: 700; padding: 0 2px; }
.pl-tl-good { color: var(--pl-verified-fg); }
.pl-tl-warn { color: var(--pl-partial-fg); }
.pl-tl-gap { color: var(--pl-muted); padding: 0 2px; }
.pl-tl-legend {
  display: flex; flex-wrap: wrap; gap: 0 10px;
  color: var(--pl-muted); font-size: 0.857em; margin: 2px 0;
}
.pl-tl-hint { font-size: 0.857em; margin: 2px 0; }
.pl-tl-detail {
  border: 1px solid var(--pl-line); border-radius: 6px;
  padding: 2px 8px; margin: 4px 0; min-width: 0;
}
.pl-tl-detail p { margin: 4px 0; }
.pl-tl-events, .pl-tl-notes { margin: 4px 0; padding-inline-start: 1.2em; }
.pl-tl-sr {
  position: absolute; width: 1px; height: 1px;
  overflow: hidden; clip-path: inset(50%); white-space: nowrap;
}
`;

export const PANEL_CSS = `${DETAILS_CSS}
:host { all: initial; }
.pl-dialog { box-sizing: border-box; width: min(640px, 94vw); max-height: 80vh; margin: 8vh auto auto;
  overflow: auto; padding: 0; border: 0; border-radius: 8px; background: var(--pl-bg);
  color: var(--pl-fg); box-shadow: 0 8px 32px rgba(0, 0, 0, 0.3); }
.pl-dialog::backdrop { background: rgba(0, 0, 0, 0.35); }
.pl-dialog:focus { outline: none; }
.pl-dialog-body { position: relative; padding: 16px 20px; }
.pl-close { position: absolute; top: 8px; inset-inline-end: 8px; border: 0; background: none; min-width: 24px; min-height: 24px;
  color: var(--pl-muted); font-size: 1em; cursor: pointer; }
.pl-close:focus-visible { outline: 2px solid var(--pl-link); }
.pl-origin { font-size: 0.8125em; margin: 12px 0 0; }
/* Forced colours drop the shadow that sets the dialog apart from the page: draw its edge. */
@media (forced-colors: active) { .pl-dialog { border: 1px solid CanvasText; } }
`;

export const PAGE_CSS = `${DETAILS_CSS}
body { margin: 0; background: var(--pl-bg); color: var(--pl-fg);
  font: 0.875rem/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; overflow-wrap: break-word; }
body .pl-details { font-size: 1em; }
.pl-app { font-size: 0.857em; font-weight: 600; color: var(--pl-muted); margin: 0 0 4px; }
`;

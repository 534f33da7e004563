// Stylesheets as strings, set with textContent into our own shadow roots and extension pages.
// The page's CSS cannot reach inside the shadow root, and ours cannot leak out.

const PALETTE = `
:host, :root {
  --pl-fg: #202124; --pl-muted: #5f6368; --pl-bg: #ffffff; --pl-line: #dadce0; --pl-link: #1a59c6;
  --pl-verified-bg: #e6f4ea; --pl-verified-fg: #0d652d; --pl-verified-line: #34a853;
  --pl-partial-bg: #fef7e0; --pl-partial-fg: #7a4a00; --pl-partial-line: #f9ab00;
  --pl-none-bg: #f1f3f4; --pl-none-fg: #3c4043; --pl-none-line: #9aa0a6;
  --pl-invalid-bg: #fce8e6; --pl-invalid-fg: #a50e0e; --pl-invalid-line: #d93025;
}
@media (prefers-color-scheme: dark) {
  :host, :root {
    --pl-fg: #e8eaed; --pl-muted: #9aa0a6; --pl-bg: #202124; --pl-line: #5f6368; --pl-link: #8ab4f8;
    --pl-verified-bg: #0d2818; --pl-verified-fg: #81c995; --pl-verified-line: #1e8e3e;
    --pl-partial-bg: #2d2100; --pl-partial-fg: #fdd663; --pl-partial-line: #b06000;
    --pl-none-bg: #2a2b2e; --pl-none-fg: #bdc1c6; --pl-none-line: #80868b;
    --pl-invalid-bg: #3c0e0b; --pl-invalid-fg: #f28b82; --pl-invalid-line: #d93025;
  }
}
`;

export const BADGE_CSS = `${PALETTE}
:host { all: initial; display: inline-block; vertical-align: middle; margin-inline-start: 0.5em; }
.pl-badge-wrap { display: inline-flex; gap: 2px; align-items: center;
  font: 600 12px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; }
.pl-badge, .pl-retry { font: inherit; cursor: pointer; border: 1px solid var(--pl-none-line);
  border-radius: 999px; padding: 1px 8px; display: inline-flex; gap: 4px; align-items: center;
  background: var(--pl-none-bg); color: var(--pl-none-fg); white-space: nowrap; }
.pl-compact .pl-badge { padding: 0 6px; font-size: 11px; }
.pl-badge:focus-visible, .pl-retry:focus-visible { outline: 2px solid var(--pl-link); outline-offset: 2px; }
.pl-verified { background: var(--pl-verified-bg); color: var(--pl-verified-fg); border-color: var(--pl-verified-line); }
.pl-partial, .pl-badge.pl-amber { background: var(--pl-partial-bg); color: var(--pl-partial-fg); border-color: var(--pl-partial-line); }
.pl-invalid { background: var(--pl-invalid-bg); color: var(--pl-invalid-fg); border-color: var(--pl-invalid-line); }
.pl-loading { background: transparent; color: var(--pl-muted); border-style: dashed; font-weight: 400; }
.pl-retry { padding: 1px 6px; }
`;

export const DETAILS_CSS = `${PALETTE}
.pl-details { color: var(--pl-fg); font: 14px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; }
.pl-details a { color: var(--pl-link); }
.pl-details code { font: 12px/1.4 ui-monospace, "SFMono-Regular", Menlo, monospace; overflow-wrap: anywhere; }
.pl-title { font-size: 16px; margin: 0 2em 4px 0; overflow-wrap: anywhere; }
.pl-registry, .pl-muted { color: var(--pl-muted); font-weight: 400; }
.pl-verdict { display: inline-block; margin: 4px 0 8px; padding: 2px 10px; border-radius: 999px;
  border: 1px solid var(--pl-none-line); background: var(--pl-none-bg); color: var(--pl-none-fg); }
.pl-verdict.pl-verified { background: var(--pl-verified-bg); color: var(--pl-verified-fg); border-color: var(--pl-verified-line); }
.pl-verdict.pl-invalid { background: var(--pl-invalid-bg); color: var(--pl-invalid-fg); border-color: var(--pl-invalid-line); }
.pl-verdict.pl-partial, .pl-verdict.pl-amber { background: var(--pl-partial-bg); color: var(--pl-partial-fg); border-color: var(--pl-partial-line); }
.pl-fields { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 8px 0; }
.pl-fields dt { color: var(--pl-muted); }
.pl-fields dd { margin: 0; overflow-wrap: anywhere; }
.pl-section h3 { font-size: 13px; margin: 12px 0 4px; }
.pl-attestations { margin: 0; padding-inline-start: 1.2em; }
.pl-kind { font-weight: 600; }
.pl-files { border-collapse: collapse; width: 100%; font-size: 13px; }
.pl-files th, .pl-files td { text-align: start; padding: 2px 6px; border-bottom: 1px solid var(--pl-line); }
.pl-file-verified { color: var(--pl-verified-fg); }
.pl-file-invalid { color: var(--pl-invalid-fg); }
.pl-warning { border-inline-start: 3px solid var(--pl-partial-line); padding-inline-start: 8px; }
.pl-compare { display: grid; grid-template-columns: 1fr 1fr; gap: 8px; }
.pl-card { border: 1px solid var(--pl-line); border-radius: 6px; padding: 4px 8px; min-width: 0; }
.pl-card h3 { font-size: 13px; margin: 2px 0; }
.pl-card .pl-fields { display: block; font-size: 13px; }
.pl-card dd { margin: 0 0 4px; }
.pl-changed { color: var(--pl-partial-fg); font-weight: 600; }
.pl-problem p { margin: 4px 0; }
.pl-button { font: inherit; padding: 4px 12px; border-radius: 4px; border: 1px solid var(--pl-line);
  background: var(--pl-bg); color: var(--pl-fg); cursor: pointer; }
`;

export const PANEL_CSS = `${DETAILS_CSS}
:host { all: initial; }
.pl-dialog { box-sizing: border-box; width: min(640px, 94vw); max-height: 80vh; margin: 8vh auto auto;
  overflow: auto; padding: 0; border: 0; border-radius: 8px; background: var(--pl-bg);
  color: var(--pl-fg); box-shadow: 0 8px 32px rgba(0, 0, 0, 0.3); }
.pl-dialog::backdrop { background: rgba(0, 0, 0, 0.35); }
.pl-dialog:focus { outline: none; }
.pl-dialog-body { position: relative; padding: 16px 20px; }
.pl-close { position: absolute; top: 8px; inset-inline-end: 8px; border: 0; background: none;
  color: var(--pl-muted); font-size: 16px; cursor: pointer; }
`;

export const PAGE_CSS = `${DETAILS_CSS}
body { margin: 0; background: var(--pl-bg); color: var(--pl-fg);
  font: 14px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; }
`;

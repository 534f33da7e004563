// Dresses the demo's pages as the sites they stand for. The fixture server's pages carry only
// structure (they are the e2e suite's pages too, and the suite must not depend on looks), so
// `npm start` adds a stylesheet per site (demo/site-styles) to every page the demo browser
// opens on those hosts, including pages a person navigates to. Never used with --live.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../../e2e/support/fixtures-dir.ts';

const STYLES = {
  'pypi.org': join(REPO_ROOT, 'demo', 'site-styles', 'pypi.css'),
  'www.npmjs.com': join(REPO_ROOT, 'demo', 'site-styles', 'npm.css'),
};

/** Runs in the page before its own scripts; the style goes in once the head exists. */
function addStyle(byHost) {
  const css = byHost[location.hostname];
  if (!css) return;
  const apply = () => {
    const style = document.createElement('style');
    style.dataset.provenanceLensDemo = 'site-style';
    style.textContent = css;
    document.head.append(style);
  };
  if (document.head) apply();
  else document.addEventListener('DOMContentLoaded', apply, { once: true });
}

export async function dressDemoSites(context) {
  const byHost = Object.fromEntries(Object.entries(STYLES).map(([host, file]) => [host, readFileSync(file, 'utf8')]));
  await context.addInitScript(addStyle, byHost);
}

// Least privilege, checked on what ships: each built manifest asks for storage, scripting (to
// inject the details panel into the tab whose badge was clicked, and nothing else), the three
// registry hosts and Sigstore's TUF repository (the live trust root) and nothing else, and its
// pages may only run the extension's own code.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const EXPECTED_PERMISSIONS = ['storage', 'scripting'];
const EXPECTED_HOSTS = ['https://pypi.org/*', 'https://registry.npmjs.org/*', 'https://www.npmjs.com/*', 'https://tuf-repo-cdn.sigstore.dev/*'];
const CONTENT_MATCHES = ['https://pypi.org/*', 'https://www.npmjs.com/*'];

const problems = [];
const check = (ok, message) => ok || problems.push(message);
const sameSet = (a = [], b = []) => JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());

function htmlFiles(dir) {
  return readdirSync(dir, { recursive: true }).filter((f) => String(f).endsWith('.html')).map((f) => join(dir, String(f)));
}

for (const browser of ['chrome', 'firefox']) {
  const dir = new URL(`../dist/${browser}/`, import.meta.url).pathname;
  const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  const where = `dist/${browser}/manifest.json`;
  check(sameSet(m.permissions, EXPECTED_PERMISSIONS), `${where}: permissions ${JSON.stringify(m.permissions)}`);
  check(sameSet(m.host_permissions, EXPECTED_HOSTS), `${where}: host_permissions ${JSON.stringify(m.host_permissions)}`);
  check(!m.optional_permissions && !m.optional_host_permissions, `${where}: optional permissions requested`);
  check(!m.externally_connectable, `${where}: externally_connectable lets web pages message the worker`);
  check(!m.web_accessible_resources?.length, `${where}: web_accessible_resources expose files to pages`);
  const matches = (m.content_scripts ?? []).flatMap((c) => c.matches ?? []);
  check(sameSet(matches, CONTENT_MATCHES), `${where}: content scripts match ${JSON.stringify(matches)}`);
  check((m.content_scripts ?? []).every((c) => !c.all_frames), `${where}: content scripts in all frames`);
  const csp = m.content_security_policy?.extension_pages ?? '';
  check(/script-src 'self'(;|$)/.test(csp), `${where}: extension pages CSP "${csp}" must be script-src 'self'`);
  check(!/unsafe-eval|unsafe-inline|https?:|\*/.test(csp), `${where}: CSP "${csp}" allows remote or inline code`);
  // The one script the worker injects: present, self-contained (no import of another file).
  const panel = readFileSync(join(dir, 'panel.js'), 'utf8');
  check(!/^\s*import[\s{*"']/m.test(panel) && !panel.includes('import('), `${where}: panel.js imports other files`);
  for (const html of htmlFiles(dir)) {
    const text = readFileSync(html, 'utf8');
    check(!/<script[^>]+src="(https?:)?\/\//.test(text), `${html}: loads a remote script`);
  }
  console.log(`${where}: permissions ${m.permissions.join(', ')}; hosts ${m.host_permissions.length}; CSP "${csp}"`);
}

for (const p of problems) console.error(`least privilege: ${p}`);
console.log(problems.length ? `least privilege: ${problems.length} problem(s)` : 'least privilege: ok');
process.exit(problems.length ? 1 : 0);

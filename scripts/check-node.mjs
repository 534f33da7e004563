// Stops `npm test` and `npm start` up front, with one line, on a Node.js outside package.json's
// `engines` (the Sigstore and TUF libraries need it; older Node fails somewhere deep instead).
// Imported first by scripts/test.mjs; run before tsx by the `start` script; .ci/run asks it
// whether to fetch Node 22 (exit 1 = outside the range).
import { readFileSync } from 'node:fs';
import semver from 'semver';

const range = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).engines.node;

if (!semver.satisfies(process.versions.node, range)) {
  console.error(
    `provenance-lens needs Node.js ${range} (package.json "engines"); this is Node ${process.version}. Install Node 22 (\`nvm install\` reads .nvmrc), then run \`npm ci\` again.`,
  );
  process.exit(1);
}

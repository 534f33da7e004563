#!/usr/bin/env node
// `provenance-lens`: runs the bundle scripts/build-cli.mjs writes, plain JavaScript with every
// dependency inside, so a start pays for no TypeScript loader and the npm tarball needs nothing
// beside it. Anything that goes wrong before main() runs still ends as one line and exit 2.
//
// A checkout without the bundle gets a line saying how to build it rather than a fallback to
// the TypeScript sources: a fallback would run other code than the package ships (and tsx is
// not in the tarball). `npm ci` builds it (the prepare script) and so does every vitest run.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const PROGRAM = 'provenance-lens';
// Relative to this file's real location: node resolves the node_modules/.bin symlink first.
const bundle = new URL('../dist/cli/provenance-lens.mjs', import.meta.url);

try {
  const { main } = await import(bundle.href);
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  const message = existsSync(bundle)
    ? (error instanceof Error ? error.message : String(error)).split('\n')[0]
    : `${fileURLToPath(bundle)} is missing; run \`npm run build\` (or \`npm run build:cli\`) in the checkout first`;
  process.stderr.write(`${PROGRAM}: cannot start: ${message}\n`);
  process.exitCode = 2;
}

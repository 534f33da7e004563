#!/usr/bin/env node
// Runs the TypeScript CLI through tsx's loader, so the command works from a checkout without a
// build step. Anything that goes wrong before main() runs still ends as one line and exit 2.
const PROGRAM = 'provenance-lens';

try {
  const { register } = await import('tsx/esm/api');
  register();
  // Relative to this file's real location: node resolves the node_modules/.bin symlink first.
  const { main } = await import(new URL('../src/cli/main.ts', import.meta.url).href);
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`${PROGRAM}: cannot start: ${message.split('\n')[0]}\n`);
  process.exitCode = 2;
}

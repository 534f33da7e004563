// Makes `provenance-lens` runnable from node_modules/.bin in this checkout (npm only links the
// bins of dependencies, not the package's own). Idempotent: safe to run from build and prepare.
import { chmodSync, lstatSync, mkdirSync, readlinkSync, symlinkSync, unlinkSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const binDir = join(repoRoot, 'node_modules', '.bin');
const target = join(repoRoot, 'bin', 'provenance-lens.mjs');
const link = join(binDir, 'provenance-lens');
// A relative link keeps working when the checkout moves.
const linkText = relative(binDir, target);

chmodSync(target, 0o755);
mkdirSync(binDir, { recursive: true });

let current;
try {
  current = lstatSync(link).isSymbolicLink() ? readlinkSync(link) : 'not-a-symlink';
} catch {
  current = undefined;
}
if (current !== linkText) {
  if (current !== undefined) unlinkSync(link);
  symlinkSync(linkText, link);
  console.log(`linked node_modules/.bin/provenance-lens -> ${linkText}`);
}

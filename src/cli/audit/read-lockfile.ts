// Reads one lockfile: its kind from the file name (as package managers name them), its bytes
// with a size limit, and one parser. Every failure is an input error (exit 2) naming the file
// and, where the parser knows it, the line.
import { basename } from 'node:path';
import { inputError } from '../cli-error';
import { readRegularFile } from '../read-input';
import { LockfileError, MAX_LOCKFILE_BYTES, type ParsedLockfile } from './locked-package';
import { parseNpmPackageLock } from './npm-package-lock';
import { parsePnpmLock } from './pnpm-lock';
import { parsePylockToml } from './pylock-toml';
import { parseRequirementsTxt } from './requirements-txt';
import { parseUvLock } from './uv-lock';
import { parseYarnLock } from './yarn-lock';

export interface LockfileContext {
  /** Origin of PROVENANCE_LENS_NPM_REGISTRY_URL: tarball URLs on it count as the registry. */
  npmOrigin?: string;
  /** PROVENANCE_LENS_PYPI_URL: `<base>/simple` counts as PyPI's index. */
  pypiBase?: string;
}

type Parser = (text: string, context: LockfileContext) => ParsedLockfile;

/** By file name; PEP 751 allows `pylock.<name>.toml`, pip-tools any `*.txt`. */
export function parserFor(path: string): Parser | undefined {
  const name = basename(path);
  if (name === 'package-lock.json' || name === 'npm-shrinkwrap.json') return (t, c) => parseNpmPackageLock(t, { ...(c.npmOrigin ? { npmOrigin: c.npmOrigin } : {}) });
  if (name === 'pnpm-lock.yaml') return (t, c) => parsePnpmLock(t, { ...(c.npmOrigin ? { npmOrigin: c.npmOrigin } : {}) });
  if (name === 'yarn.lock') return (t, c) => parseYarnLock(t, { ...(c.npmOrigin ? { npmOrigin: c.npmOrigin } : {}) });
  if (name === 'pylock.toml' || /^pylock\.[^.]+\.toml$/.test(name)) return (t, c) => parsePylockToml(t, pypiOptions(c));
  if (name === 'uv.lock') return (t, c) => parseUvLock(t, pypiOptions(c));
  if (name.endsWith('.txt')) return (t, c) => parseRequirementsTxt(t, pypiOptions(c));
  return undefined;
}

function pypiOptions(context: LockfileContext): { pypiBase?: string } {
  return context.pypiBase ? { pypiBase: context.pypiBase } : {};
}

export function readLockfile(path: string, context: LockfileContext = {}): ParsedLockfile {
  const parser = parserFor(path);
  const shownPath = JSON.stringify(path);
  if (!parser) {
    throw inputError(
      `${shownPath}: unknown lockfile kind (package-lock.json, npm-shrinkwrap.json, pnpm-lock.yaml, yarn.lock, pylock.toml, uv.lock, requirements*.txt)`,
    );
  }
  // Not readFileSync() after a size check: a lockfile committed as a symlink to /dev/zero or a
  // FIFO stats as 0 bytes and never ends. readRegularFile() refuses it and caps the read.
  const bytes = readRegularFile(path, 'lockfile', MAX_LOCKFILE_BYTES);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw inputError(`cannot read ${shownPath}: not UTF-8 text`);
  }
  try {
    return parser(text.replace(/^\uFEFF/, ''), context);
  } catch (error) {
    if (error instanceof LockfileError) throw inputError(`${path}${error.line !== undefined ? `:${error.line}` : ''}: ${error.message}`);
    // A parser library that fails in a way we did not foresee (stack overflow on hostile
    // nesting): still bad input, not a crash.
    throw inputError(`${path}: unreadable lockfile (${error instanceof Error ? error.message.split('\n')[0]?.slice(0, 120) : 'error'})`);
  }
}

// Grammar of package names and versions. Everything here sees bytes from a page URL or a
// registry, so each check is an allow-list: a name that passes can be put in a URL path
// segment (after encodeURIComponent) and shown as text without further escaping worries.
import type { PackageRef } from '../core/verdict';

/** PEP 508 project name. */
const PYPI_NAME = /^([A-Z0-9]|[A-Z0-9][A-Z0-9._-]*[A-Z0-9])$/i;
export const PYPI_NAME_MAX = 200;

/** PEP 440 plus legacy versions: a restricted charset, starting with an alphanumeric. */
const PYPI_VERSION = /^[A-Za-z0-9][A-Za-z0-9.!+_-]*$/;
export const PYPI_VERSION_MAX = 64;

/**
 * npm: validate-npm-package-name's rules for existing packages. Legacy names may be mixed
 * case and hold `~'!()*`; every allowed char is one encodeURIComponent leaves alone.
 */
const NPM_BARE_NAME = /^[A-Za-z0-9~'!()*-][A-Za-z0-9._~'!()*-]*$/;
const NPM_SCOPE = /^@[a-z0-9~-][a-z0-9._~-]*$/;
export const NPM_NAME_MAX = 214;
const NPM_BLOCKED_NAMES: ReadonlySet<string> = new Set(['node_modules', 'favicon.ico']);

/** SemVer 2.0 (the registry normalises versions on publish). */
const NPM_VERSION =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$/;
export const NPM_VERSION_MAX = 64;

export function isPypiName(name: string): boolean {
  return name.length <= PYPI_NAME_MAX && PYPI_NAME.test(name);
}

export function isPypiVersion(version: string): boolean {
  // `..` would be a path traversal once the version lands in a registry URL.
  return version.length <= PYPI_VERSION_MAX && PYPI_VERSION.test(version) && !version.includes('..');
}

/** PEP 503 normalisation: the form PyPI compares names in. */
export function normalizePypiName(name: string): string {
  return name.replace(/[-_.]+/g, '-').toLowerCase();
}

/** Whether two packages have the same name: PyPI compares names in their PEP 503 form (the site accepts any spelling); npm names are exact. */
export function sameName(a: PackageRef, b: PackageRef): boolean {
  if (a.registry !== b.registry) return false;
  return a.registry === 'pypi' ? normalizePypiName(a.name) === normalizePypiName(b.name) : a.name === b.name;
}

/** Whether `verdict` answers an ask about `asked`: its registry and name, and its version if one was asked. */
export function answers(asked: PackageRef, verdict: { pkg: PackageRef }): boolean {
  return sameName(asked, verdict.pkg) && (asked.version === undefined || asked.version === verdict.pkg.version);
}

function isNpmBareName(part: string): boolean {
  return NPM_BARE_NAME.test(part) && !NPM_BLOCKED_NAMES.has(part.toLowerCase());
}

export function isNpmName(name: string): boolean {
  if (name.length === 0 || name.length > NPM_NAME_MAX) return false;
  if (!name.startsWith('@')) return isNpmBareName(name);
  const parts = name.split('/');
  if (parts.length !== 2) return false;
  const [scope, bare] = parts as [string, string];
  return NPM_SCOPE.test(scope) && scope !== '@.' && scope !== '@..' && isNpmBareName(bare);
}

export function isNpmVersion(version: string): boolean {
  return version.length <= NPM_VERSION_MAX && NPM_VERSION.test(version);
}

/** The scope and bare name of an npm package name, the scope without its `@`. */
export function splitNpmName(name: string): { scope?: string; bare: string } {
  if (!name.startsWith('@')) return { bare: name };
  const slash = name.indexOf('/');
  return { scope: name.slice(1, slash), bare: name.slice(slash + 1) };
}

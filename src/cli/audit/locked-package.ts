// What every lockfile parser produces: the packages a lockfile installs, each either from the
// public registry (then checked) or from somewhere else (git, a file, a URL, another registry:
// listed, never fetched). Lockfile bytes are hostile: parsers hand out only values checked
// against the registry's name and version grammar, so nothing from a lockfile ever picks a host.
import type { Registry } from '../../core/verdict';
import { isNpmName, isNpmVersion, isPypiName, isPypiVersion } from '../../shared/package-names';

/** One file a PyPI lock names with its sha256 (lower-case hex); `filename` unknown for requirements.txt. */
export interface LockedFile {
  filename?: string;
  sha256: string;
}

export interface RegistryPackage {
  registry: Registry;
  name: string;
  version: string;
  /** npm: the lockfile's SRI string (absent, e.g. yarn berry, which checksums its own zip). */
  integrity?: string;
  /** PyPI: every hashed file the lock allows; empty when the lock names none. */
  files?: LockedFile[];
  /** 1-based line in the lockfile where known (for SARIF and messages). */
  line?: number;
}

export interface OtherSource {
  registry: Registry;
  name: string;
  version?: string;
  /** What it is instead: `git`, `file`, `url`, `other registry`, `workspace`, `bundled`. */
  source: string;
  line?: number;
}

export interface ParsedLockfile {
  format: string;
  packages: RegistryPackage[];
  other: OtherSource[];
}

/** A lockfile that cannot be read as its format: exit 2, naming the file and the line. */
export class LockfileError extends Error {
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(message);
    this.name = 'LockfileError';
  }
}

/** Far above real lockfiles (a 3,000-package package-lock.json is ~2 MB). */
export const MAX_LOCKFILE_BYTES = 32 * 1024 * 1024;
/** More packages than any real project installs; bounds the requests one run can make. */
export const MAX_PACKAGES = 50_000;
const MAX_FILES_PER_PACKAGE = 500;
const SHA256_HEX = /^[0-9a-f]{64}$/;

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function checkedName(registry: Registry, name: unknown, where: string): string {
  const ok = typeof name === 'string' && (registry === 'npm' ? isNpmName(name) : isPypiName(name));
  if (!ok) throw new LockfileError(`${where}: ${shown(name)} is not a valid ${registry} package name`);
  return name;
}

export function checkedVersion(registry: Registry, version: unknown, where: string): string {
  const ok = typeof version === 'string' && (registry === 'npm' ? isNpmVersion(version) : isPypiVersion(version));
  if (!ok) throw new LockfileError(`${where}: ${shown(version)} is not a valid ${registry} version`);
  return version;
}

export function checkedSha256(hex: unknown, where: string): string {
  const lower = typeof hex === 'string' ? hex.toLowerCase() : '';
  if (!SHA256_HEX.test(lower)) throw new LockfileError(`${where}: ${shown(hex)} is not a sha256 hex digest`);
  return lower;
}

export function checkedFiles(files: LockedFile[], where: string): LockedFile[] {
  if (files.length > MAX_FILES_PER_PACKAGE) throw new LockfileError(`${where}: more than ${MAX_FILES_PER_PACKAGE} files`);
  return files;
}

/** An SRI string, bounded; whether it binds sha512 is decided by the core's reader later. */
export function checkedIntegrity(integrity: unknown, where: string): string | undefined {
  if (integrity === undefined || integrity === null) return undefined;
  if (typeof integrity !== 'string' || integrity.length > 2048) throw new LockfileError(`${where}: integrity is not an SRI string`);
  return integrity;
}

/** A value for a message: JSON-quoted, cut short, so control characters cannot forge output. */
export function shown(value: unknown): string {
  const text = typeof value === 'string' ? value : typeof value;
  return JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text);
}

export function countGuard(total: number): void {
  if (total > MAX_PACKAGES) throw new LockfileError(`more than ${MAX_PACKAGES} packages`);
}

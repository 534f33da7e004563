// The CLI's live trust material: the same TUF refresh as the extension's worker, with its last
// good result kept in the platform cache folder. A refresh that fails or is not allowed
// (--offline) falls back to the cached, then the embedded material; it never decides the exit
// status by itself, and it gives up after a few seconds.
import { lstatSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { TrustInput } from '../core/index';
import { EMBEDDED_SNAPSHOT_DATE } from '../core/trust-embedded';
import { tufFailure } from '../core/trust-tuf-errors';
import { DEFAULT_TUF_BASE, refreshSigstoreTrust } from '../core/trust-tuf-material';
import { createLimitedBytesFetcher } from '../background/fetch-limited';
import { tufFetchOver } from '../background/tuf/tuf-fetch';
import { REFRESH_AFTER_MS } from '../background/tuf/live-trust';
import { parseStoredTrust } from '../background/tuf/stored-trust';

const CACHE_FILE = 'trust.json';
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** $XDG_CACHE_HOME/provenance-lens/tuf, else ~/.cache/provenance-lens/tuf (LOCALAPPDATA on Windows). */
export function tufCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CACHE_HOME || (process.platform === 'win32' && env.LOCALAPPDATA) || join(homedir(), '.cache');
  return join(base, 'provenance-lens', 'tuf');
}

/** PROVENANCE_LENS_TUF_URL (https, or http on loopback only, for tests), else Sigstore's repository. */
export function tufBaseUrl(env: NodeJS.ProcessEnv = process.env): URL {
  const raw = env.PROVENANCE_LENS_TUF_URL;
  if (raw === undefined || raw === '') return DEFAULT_TUF_BASE;
  const url = new URL(raw);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname))) {
    throw new Error('PROVENANCE_LENS_TUF_URL must be https (http only on loopback)');
  }
  return new URL(url.pathname.endsWith('/') ? url.href : `${url.href}/`);
}

/**
 * The material to verify with when no --trusted-root/--keys is given: freshly refreshed, else
 * the cached, else undefined (the embedded snapshot). `note` gets one line when a refresh fails.
 */
export async function liveTrustInput(offline: boolean, note: (line: string) => void, env = process.env): Promise<TrustInput | undefined> {
  const dir = tufCacheDir(env);
  const cached = readCache(dir);
  // As in the worker: material verified within the last day is used without asking again, so a
  // script of many runs (or an audit) does not fetch the same metadata each time.
  const age = cached === undefined ? Number.NaN : Date.now() - Date.parse(cached.materialDate);
  if (age >= 0 && age < REFRESH_AFTER_MS) return cached;
  if (!offline) {
    try {
      const fetch = tufFetchOver(createLimitedBytesFetcher({ timeoutMs: 3_000, maxRetries: 0 }));
      const refreshed = await refreshSigstoreTrust({ fetch, baseUrl: tufBaseUrl(env), timeLimitMs: 5_000, ...(cached ? { cached: cached.metadata } : {}) });
      writeCache(dir, refreshed);
      return refreshed;
    } catch (error) {
      const { reason } = tufFailure(error);
      note(`note: trust material not refreshed (${reason}); using ${cached ? `the cached material of ${cached.materialDate}` : 'the embedded snapshot'}`);
    }
  }
  return cached;
}

/**
 * Only a cache this user alone can write is trusted: its material is used as it stands when a
 * refresh fails or --offline is given, so a file or folder another account may change would let
 * that account choose our trust root. (Windows has no such mode bits; its per-user cache folder
 * stands for them.)
 */
function privateToUs(path: string): boolean {
  if (typeof process.getuid !== 'function') return true;
  const st = lstatSync(path);
  return !st.isSymbolicLink() && st.uid === process.getuid() && (st.mode & 0o022) === 0;
}

function readCache(dir: string) {
  try {
    const file = join(dir, CACHE_FILE);
    if (!privateToUs(dir) || !privateToUs(file)) return undefined;
    const good = parseStoredTrust({ good: JSON.parse(readFileSync(file, 'utf8')) as unknown }).good;
    // Older than the snapshot this version ships: the embedded one is the better material.
    return good !== undefined && Date.parse(good.materialDate) >= Date.parse(EMBEDDED_SNAPSHOT_DATE) ? good : undefined;
  } catch {
    return undefined;
  }
}

function writeCache(dir: string, material: object): void {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const temp = join(dir, `${CACHE_FILE}.${process.pid}.tmp`);
    // 'wx': never through a file or link already there.
    writeFileSync(temp, JSON.stringify(material), { mode: 0o600, flag: 'wx' });
    renameSync(temp, join(dir, CACHE_FILE));
  } catch {
    // A cache that cannot be written costs the next run a refresh, nothing else.
  }
}

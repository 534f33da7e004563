// The CLI's live trust material: the same TUF refresh as the extension's worker, with its last
// good result kept in the platform cache folder. A refresh that fails or is not allowed
// (--offline) falls back to the cached, then the embedded material; it never decides the exit
// status by itself, and it gives up after a few seconds.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { TrustInput } from '../core/index';
import { tufFailure } from '../core/trust-tuf-errors';
import { DEFAULT_TUF_BASE, refreshSigstoreTrust } from '../core/trust-tuf-material';
import { createLimitedBytesFetcher } from '../background/fetch-limited';
import { tufFetchOver } from '../background/tuf/tuf-fetch';
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

function readCache(dir: string) {
  try {
    return parseStoredTrust({ good: JSON.parse(readFileSync(join(dir, CACHE_FILE), 'utf8')) as unknown }).good;
  } catch {
    return undefined;
  }
}

function writeCache(dir: string, material: object): void {
  try {
    mkdirSync(dir, { recursive: true });
    const temp = join(dir, `${CACHE_FILE}.${process.pid}.tmp`);
    writeFileSync(temp, JSON.stringify(material));
    renameSync(temp, join(dir, CACHE_FILE));
  } catch {
    // A cache that cannot be written costs the next run a refresh, nothing else.
  }
}

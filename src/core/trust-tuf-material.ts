// Sigstore's trust material through TUF, as the worker and the CLI use it: the trusted root and
// npm's registry keys (a target of the delegated role registry.npmjs.org), fetched and verified
// by refreshTuf within a time limit, then parsed and checked to make a trust context before
// anyone stores or uses them.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { createTrustContext } from './trust';
import { embeddedTufRoot, SIGSTORE_TUF_URL } from './trust-embedded';
import { refreshTuf, TufRefreshError, type TufFetch, type TufMetadata, type TufVersions } from './trust-tuf';
import { tufFailure } from './trust-tuf-errors';

export const TRUSTED_ROOT_TARGET = 'trusted_root.json';
export const NPM_KEYS_TARGET = 'registry.npmjs.org/keys.json';
export const DEFAULT_TUF_BASE = new URL(`${SIGSTORE_TUF_URL}/`);

export interface RefreshedTrust {
  trustedRoot: unknown;
  npmKeys: unknown;
  /** ISO time the refresh verified the material: the trust-gap rule's date. */
  materialDate: string;
  /** The two targets' sha256 prefixes: names the content (cache keys). */
  id: string;
  versions: TufVersions;
  /** Verified metadata to continue from next time (root chain, rollback floor). */
  metadata: TufMetadata;
}

export interface SigstoreRefreshOptions {
  fetch: TufFetch;
  cached?: TufMetadata;
  baseUrl?: URL;
  initialRoot?: string;
  timeLimitMs: number;
  now?: () => number;
}

export async function refreshSigstoreTrust(options: SigstoreRefreshOptions): Promise<RefreshedTrust> {
  const now = options.now ?? (() => Date.now());
  const result = await withTimeLimit(
    refreshTuf({
      baseUrl: options.baseUrl ?? DEFAULT_TUF_BASE,
      initialRoot: options.initialRoot ?? embeddedTufRoot(),
      fetch: options.fetch,
      targets: [TRUSTED_ROOT_TARGET, NPM_KEYS_TARGET],
      ...(options.cached ? { cached: options.cached } : {}),
    }),
    options.timeLimitMs,
  );
  const rootBytes = result.targets[TRUSTED_ROOT_TARGET] ?? new Uint8Array();
  const keysBytes = result.targets[NPM_KEYS_TARGET] ?? new Uint8Array();
  const material = {
    trustedRoot: parseJson(rootBytes, TRUSTED_ROOT_TARGET),
    npmKeys: parseJson(keysBytes, NPM_KEYS_TARGET),
    materialDate: new Date(now()).toISOString(),
  };
  try {
    createTrustContext(material);
  } catch (error) {
    throw new TufRefreshError('TUF_INVALID', `verified material is unusable: ${String(error).slice(0, 200)}`);
  }
  const id = `${bytesToHex(sha256(rootBytes)).slice(0, 16)}-${bytesToHex(sha256(keysBytes)).slice(0, 16)}`;
  return { ...material, id, versions: result.versions, metadata: result.metadata };
}

function parseJson(bytes: Uint8Array, what: string): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as unknown;
  } catch {
    throw new TufRefreshError('TUF_INVALID', `${what} is not JSON`);
  }
}

/** The refresh as a whole gets `ms`; its requests have their own, shorter limits. */
async function withTimeLimit<T>(pending: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TufRefreshError('TUF_TIMEOUT', `no verified material within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([pending, late]);
  } catch (error) {
    throw tufFailure(error);
  } finally {
    clearTimeout(timer);
  }
}

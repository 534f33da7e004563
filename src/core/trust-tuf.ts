// A TUF client for Sigstore's trust material that runs the same in the worker and under Node:
// tuf-js's TrustedMetadataStore does every check of the TUF client workflow (root rotation
// chain and thresholds, versions against rollback, expiry against freeze, snapshot and targets
// against the hashes and versions that timestamp and snapshot state, delegations), and this file
// only walks the workflow, as tuf-js's Updater does, with the caller's fetch and an in-memory
// metadata map in place of the Updater's files (it reads and writes them with `fs`, which an
// extension worker does not have). Target files are checked against their TUF length and sha256.
import type { Metadata, TargetFile, Targets } from '@tufjs/models';
import { EqualVersionError } from 'tuf-js/dist/error';
import { TrustedMetadataStore } from 'tuf-js/dist/store';
import { TufRefreshError, tufFailure } from './trust-tuf-errors';

export { TufRefreshError, type TufFailureReason } from './trust-tuf-errors';

/** Fetches at most `maxBytes`; null for 403/404 (no such file); throws TufRefreshError otherwise. */
export type TufFetch = (url: URL, maxBytes: number) => Promise<Uint8Array | null>;

/** Verified metadata by role name ('root', 'timestamp', 'snapshot', 'targets', delegated roles), as text. */
export type TufMetadata = Record<string, string>;

export interface TufVersions {
  root: number;
  timestamp: number;
  snapshot: number;
  targets: number;
}

export interface TufRefreshOptions {
  /** The repository's metadata base, e.g. https://tuf-repo-cdn.sigstore.dev/ (targets under targets/). */
  baseUrl: URL;
  /** The root to start from when nothing newer is cached (the embedded root.json). */
  initialRoot: string;
  /** Metadata a previous refresh verified: its timestamp, snapshot and targets are the rollback floor. */
  cached?: TufMetadata;
  fetch: TufFetch;
  /** Target paths, e.g. trusted_root.json and registry.npmjs.org/keys.json. */
  targets: readonly string[];
}

export interface TufRefreshResult {
  metadata: TufMetadata;
  /** Each target's bytes, checked against its TUF length and sha256. */
  targets: Record<string, Uint8Array>;
  versions: TufVersions;
}

// Metadata caps, below tuf-js's defaults (which allow megabytes): Sigstore's files are a few KB.
export const TUF_LIMITS = { root: 256 * 1024, timestamp: 16 * 1024, snapshot: 256 * 1024, targets: 1024 * 1024, target: 1024 * 1024 };
const MAX_ROOT_ROTATIONS = 32;
const MAX_DELEGATIONS = 8;

export async function refreshTuf(options: TufRefreshOptions): Promise<TufRefreshResult> {
  try {
    return await walk(options);
  } catch (error) {
    throw tufFailure(error);
  }
}

async function walk(options: TufRefreshOptions): Promise<TufRefreshResult> {
  const cached = options.cached ?? {};
  const metadata: TufMetadata = {};
  // Always from the root we ship: a cached root is never an anchor (a cache another program could
  // write would otherwise name its own keys). Root versions are a few small files, fetched again.
  metadata.root = options.initialRoot;
  const store = new TrustedMetadataStore(Buffer.from(metadata.root));
  const get = (path: string, max: number) => options.fetch(new URL(path, options.baseUrl), max);

  // Client workflow 5.3: each next root must be signed by the old and the new root's thresholds.
  for (let version = store.root.signed.version + 1; version < store.root.signed.version + 1 + MAX_ROOT_ROTATIONS; version++) {
    const bytes = await get(`${version}.root.json`, TUF_LIMITS.root);
    if (bytes === null) break;
    store.updateRoot(Buffer.from(bytes));
    metadata.root = text(bytes);
  }

  // 5.4: the cached timestamp, if still valid, is the floor for the new one's versions.
  if (cached.timestamp !== undefined) tryUpdate(() => store.updateTimestamp(Buffer.from(cached.timestamp ?? '')));
  metadata.timestamp = cached.timestamp ?? '';
  const timestamp = await required(get('timestamp.json', TUF_LIMITS.timestamp), 'timestamp.json');
  try {
    store.updateTimestamp(Buffer.from(timestamp));
    metadata.timestamp = text(timestamp);
  } catch (error) {
    if (!(error instanceof EqualVersionError)) throw error;
  }

  // 5.5: a cached snapshot still matching the timestamp is kept; else the named version is fetched.
  const consistent = store.root.signed.consistentSnapshot;
  if (cached.snapshot !== undefined && tryUpdate(() => store.updateSnapshot(Buffer.from(cached.snapshot ?? ''), true))) {
    metadata.snapshot = cached.snapshot;
  } else {
    const meta = store.timestamp?.signed.snapshotMeta;
    const path = consistent && meta ? `${meta.version}.snapshot.json` : 'snapshot.json';
    const bytes = await required(get(path, Math.min(meta?.length ?? TUF_LIMITS.snapshot, TUF_LIMITS.snapshot)), path);
    store.updateSnapshot(Buffer.from(bytes));
    metadata.snapshot = text(bytes);
  }

  const loadRole = async (role: string, parent: string): Promise<Metadata<Targets>> => {
    const known = store.getRole(role);
    if (known) return known;
    const meta = store.snapshot?.signed.meta[`${role}.json`];
    if (!meta) throw new TufRefreshError('TUF_MISMATCH', `snapshot does not list ${role}.json`);
    if (cached[role] !== undefined && tryUpdate(() => store.updateDelegatedTargets(Buffer.from(cached[role] ?? ''), role, parent))) {
      metadata[role] = cached[role] ?? '';
    } else {
      const path = `${consistent ? `${meta.version}.` : ''}${encodeURIComponent(role)}.json`;
      const bytes = await required(get(path, Math.min(meta.length ?? TUF_LIMITS.targets, TUF_LIMITS.targets)), path);
      store.updateDelegatedTargets(Buffer.from(bytes), role, parent);
      metadata[role] = text(bytes);
    }
    const loaded = store.getRole(role);
    if (!loaded) throw new TufRefreshError('TUF_INVALID', `${role} did not load`);
    return loaded;
  };
  await loadRole('targets', 'root');

  const targets: Record<string, Uint8Array> = {};
  for (const path of options.targets) {
    const info = await findTarget(path, loadRole);
    targets[path] = await downloadTarget(info, options.baseUrl, consistent, options.fetch);
  }
  const versions: TufVersions = {
    root: store.root.signed.version,
    timestamp: store.timestamp?.signed.version ?? 0,
    snapshot: store.snapshot?.signed.version ?? 0,
    targets: store.targets?.signed.version ?? 0,
  };
  return { metadata, targets, versions };
}

// 5.6.7: pre-order depth-first search of the delegations, as tuf-js's Updater walks them.
async function findTarget(path: string, loadRole: (role: string, parent: string) => Promise<Metadata<Targets>>): Promise<TargetFile> {
  const toVisit = [{ role: 'targets', parent: 'root' }];
  const visited = new Set<string>();
  while (toVisit.length > 0 && visited.size <= MAX_DELEGATIONS) {
    const { role, parent } = toVisit.pop() ?? { role: '', parent: '' };
    if (visited.has(role)) continue;
    const signed = (await loadRole(role, parent)).signed;
    const found = signed.targets[path];
    if (found) return found;
    visited.add(role);
    const children: { role: string; parent: string }[] = [];
    for (const { role: child, terminating } of signed.delegations?.rolesForTarget(path) ?? []) {
      children.push({ role: child, parent: role });
      if (terminating) {
        toVisit.splice(0);
        break;
      }
    }
    toVisit.push(...children.reverse());
  }
  throw new TufRefreshError('TUF_TARGET_MISSING', `no role lists target ${path}`);
}

async function downloadTarget(info: TargetFile, baseUrl: URL, consistent: boolean, fetch: TufFetch): Promise<Uint8Array> {
  const sha256 = info.hashes.sha256;
  if (sha256 === undefined || !/^[0-9a-f]{64}$/.test(sha256)) throw new TufRefreshError('TUF_INVALID', `target ${info.path} has no sha256`);
  if (info.length > TUF_LIMITS.target) throw new TufRefreshError('TUF_TOO_LARGE', `target ${info.path} is ${info.length} bytes`);
  const segments = info.path.split('/');
  const name = segments.pop() ?? '';
  const file = consistent ? `${sha256}.${name}` : name;
  const url = new URL(['targets', ...segments, file].map(encodeURIComponent).join('/'), baseUrl);
  const bytes = await required(fetch(url, info.length), `target ${info.path}`);
  await info.verify([Buffer.from(bytes)] as unknown as Parameters<TargetFile['verify']>[0]);
  return bytes;
}

function tryUpdate(update: () => unknown): boolean {
  try {
    update();
    return true;
  } catch {
    return false;
  }
}

async function required(pending: Promise<Uint8Array | null>, what: string): Promise<Uint8Array> {
  const bytes = await pending;
  if (bytes === null) throw new TufRefreshError('TUF_FETCH', `${what}: not found`);
  return bytes;
}

const text = (bytes: Uint8Array): string => new TextDecoder('utf-8', { fatal: true }).decode(bytes);

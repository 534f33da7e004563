// The continuity notes a worker worked out, for a while (continuity-service.ts), kept in
// storage.session as well as in memory. An MV3 worker is stopped after 30 s idle and started
// again for the next page: with the notes in memory only, every revisit in a woken worker read
// the project's release listing again (one request per result on a search page, 20 in all) and
// a search page could be told nothing as it loaded. storage.session ends with the browser
// session, as the memory did when the worker ran on; only the extension's own pages and worker
// can read it. What is read back is checked entry by entry, and anything odd is dropped.
import type { ContinuityNote, PackageRef } from '../core/verdict';
import { packageKey } from '../core/verdict';
import { isValidPackageRef } from '../registries/verify-package';
import { isSignerIdentity } from './cache-entry';
import { isRecord, type StorageArea } from './storage-area';

export interface MemoEntry {
  note: ContinuityNote | undefined;
  at: number;
  pkg: PackageRef;
}

export interface ContinuityMemo {
  /** Settles once what storage.session held is in (at once without storage); never rejects. */
  loaded(): Promise<void>;
  get(key: string): MemoEntry | undefined;
  set(key: string, entry: MemoEntry): void;
  entries(): IterableIterator<MemoEntry>;
  /** Forgets every note, here and in storage. */
  clear(): Promise<void>;
}

export interface ContinuityMemoOptions {
  storage?: StorageArea;
  maxEntries: number;
  ttlMs: number;
  now: () => number;
  /** Writes made within this long of each other go to storage as one. */
  gatherMs?: number;
  log?: (message: string, error: unknown) => void;
}

export const NOTES_KEY = 'continuity-notes';
const CHANGED_FIELDS = new Set(['repository', 'repositoryId', 'ownerId', 'workflowPath', 'issuer', 'email', 'builder']);
const isText = (v: unknown): v is string => typeof v === 'string' && v.length <= 4096;

export function parseContinuityNote(v: unknown): ContinuityNote | null {
  if (!isRecord(v) || !isText(v.previousVersion) || !isSignerIdentity(v.previous)) return null;
  if (v.kind === 'provenance-lost') return v as ContinuityNote;
  const changed = v.kind === 'publisher-changed' && CHANGED_FIELDS.has(v.field as string) && isText(v.from) && isText(v.to);
  return changed ? (v as ContinuityNote) : null;
}

function parsePackageRef(v: unknown): PackageRef | null {
  if (!isRecord(v) || (v.registry !== 'pypi' && v.registry !== 'npm') || !isText(v.name)) return null;
  if (v.version !== undefined && !isText(v.version)) return null;
  const pkg: PackageRef = { registry: v.registry, name: v.name, ...(v.version === undefined ? {} : { version: v.version }) };
  return isValidPackageRef(pkg) ? pkg : null;
}

/** One stored entry as [key, at, pkg, note?], or null when anything in it is off or it is too old. */
function parseEntry(raw: unknown, now: number, ttlMs: number): [string, MemoEntry] | null {
  if (!Array.isArray(raw) || raw.length < 3 || raw.length > 4) return null;
  const [key, at, rawPkg, rawNote] = raw as unknown[];
  // A time ahead of now was written while the clock ran ahead: of unknown age, not reused.
  if (typeof at !== 'number' || !Number.isFinite(at) || at > now || now - at >= ttlMs) return null;
  const pkg = parsePackageRef(rawPkg);
  // The key starts with the release it is for (continuity-service.ts memoKey).
  if (pkg === null || !isText(key) || !key.startsWith(`${packageKey(pkg)}#`)) return null;
  const note = rawNote === undefined ? undefined : parseContinuityNote(rawNote);
  return note === null ? null : [key, { note, at, pkg }];
}

export function createContinuityMemo(options: ContinuityMemoOptions): ContinuityMemo {
  const { storage, maxEntries, ttlMs, now, log } = options;
  let memo = new Map<string, MemoEntry>();
  // A clear while storage was read makes what it held out of date.
  let generation = 0;
  let pending: ReturnType<typeof setTimeout> | undefined;

  const trim = () => {
    // Map order is insertion order: the first key is the oldest answer.
    while (memo.size > maxEntries) memo.delete(memo.keys().next().value as string);
  };

  const loading: Promise<void> =
    storage === undefined
      ? Promise.resolve()
      : (async () => {
          const started = generation;
          try {
            const stored = (await storage.get(NOTES_KEY))[NOTES_KEY];
            if (started !== generation || !isRecord(stored) || stored.v !== 1 || !Array.isArray(stored.entries)) return;
            const at = now();
            const kept = stored.entries
              .slice(-maxEntries)
              .map((raw) => parseEntry(raw, at, ttlMs))
              .filter((entry) => entry !== null);
            // What this worker decided since it started is newer than anything stored.
            memo = new Map([...kept.filter(([key]) => !memo.has(key)), ...memo]);
            trim();
          } catch (error) {
            log?.('continuity: stored notes not read', error);
          }
        })();

  const write = () => {
    pending = undefined;
    const entries = [...memo].map(([key, e]) => (e.note === undefined ? [key, e.at, e.pkg] : [key, e.at, e.pkg, e.note]));
    storage?.set({ [NOTES_KEY]: { v: 1, entries } }).catch((error: unknown) => log?.('continuity: notes not stored', error));
  };

  return {
    loaded: () => loading,
    get: (key) => memo.get(key),
    set(key, entry) {
      memo.delete(key);
      memo.set(key, entry);
      trim();
      if (storage !== undefined && pending === undefined) pending = setTimeout(write, options.gatherMs ?? 100);
    },
    entries: () => memo.values(),
    async clear() {
      generation++;
      memo = new Map();
      clearTimeout(pending);
      pending = undefined;
      await storage?.remove(NOTES_KEY);
    },
  };
}

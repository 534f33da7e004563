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
  /** A token taken as a note starts being worked out, for `set`. */
  mark(): number;
  /**
   * Keeps the note worked out since `mark`, unless the cache was cleared since then or a note
   * started later (a retry) was kept for the key meanwhile: a late answer is not the newest.
   */
  set(key: string, entry: MemoEntry, mark: number): void;
  entries(): IterableIterator<MemoEntry>;
  /** Forgets every note, here and in storage; never rejects (a storage failure is logged). */
  clear(): Promise<void>;
}

export interface ContinuityMemoOptions {
  storage?: StorageArea;
  maxEntries: number;
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

/**
 * One stored entry as [key, at, pkg, note?], or null when anything in it is off. One past its
 * time is kept, as memory keeps it: not reused, but the last note for the release when its
 * listing cannot be read (continuity-service.ts: an outage must not drop a "publisher changed").
 */
function parseEntry(raw: unknown, now: number): [string, MemoEntry] | null {
  if (!Array.isArray(raw) || raw.length < 3 || raw.length > 4) return null;
  const [key, rawAt, rawPkg, rawNote] = raw as unknown[];
  if (typeof rawAt !== 'number' || !Number.isFinite(rawAt)) return null;
  // A time ahead of now was written while the clock ran ahead: of unknown age, never recent.
  const at = rawAt > now ? 0 : rawAt;
  const pkg = parsePackageRef(rawPkg);
  // The key starts with the release it is for (continuity-service.ts memoKey).
  if (pkg === null || !isText(key) || !key.startsWith(`${packageKey(pkg)}#`)) return null;
  const note = rawNote === undefined ? undefined : parseContinuityNote(rawNote);
  return note === null ? null : [key, { note, at, pkg }];
}

export function createContinuityMemo(options: ContinuityMemoOptions): ContinuityMemo {
  const { storage, maxEntries, now, log } = options;
  let memo = new Map<string, MemoEntry>();
  // Marks in the order notes started being worked out; what a clear or a later start outdates.
  let marks = 0;
  let clearedAt = 0;
  const keptAt = new Map<string, number>();
  let pending: ReturnType<typeof setTimeout> | undefined;

  const trim = () => {
    // Map order is insertion order: the first key is the oldest answer.
    while (memo.size > maxEntries) {
      const oldest = memo.keys().next().value as string;
      memo.delete(oldest);
      keptAt.delete(oldest);
    }
  };

  const loading: Promise<void> =
    storage === undefined
      ? Promise.resolve()
      : (async () => {
          const started = ++marks;
          try {
            const stored = (await storage.get(NOTES_KEY))[NOTES_KEY];
            // A clear while storage was read makes what it held out of date.
            if (started < clearedAt || !isRecord(stored) || stored.v !== 1 || !Array.isArray(stored.entries)) return;
            const at = now();
            const kept = stored.entries
              .slice(-maxEntries)
              .map((raw) => parseEntry(raw, at))
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
    storage?.set({ [NOTES_KEY]: { v: 1, entries } }).catch((error: unknown) => {
      log?.('continuity: notes not stored', error);
      // What storage still holds is older than what was decided since: no worker may read it back.
      storage.remove(NOTES_KEY).catch(() => undefined);
    });
  };

  return {
    loaded: () => loading,
    get: (key) => memo.get(key),
    mark: () => ++marks,
    set(key, entry, mark) {
      if (mark < clearedAt || mark < (keptAt.get(key) ?? 0)) return;
      keptAt.set(key, mark);
      memo.delete(key);
      memo.set(key, entry);
      trim();
      if (storage !== undefined && pending === undefined) pending = setTimeout(write, options.gatherMs ?? 100);
    },
    entries: () => memo.values(),
    async clear() {
      clearedAt = ++marks;
      memo = new Map();
      keptAt.clear();
      clearTimeout(pending);
      pending = undefined;
      await storage?.remove(NOTES_KEY).catch((error: unknown) => log?.('continuity: stored notes not removed', error));
    },
  };
}

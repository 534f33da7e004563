// A JSON file of hashed keys to records, shared by the CLI's two verdict caches (the audit's
// whole-package records, `history`'s file verdicts): read once, bounded in size and entries,
// oldest entries dropped first, written once and atomically. A file that is missing, too big,
// of another format or unreadable is an empty cache: a cache costs only time, never a verdict.
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const MAX_FILE_BYTES = 64 * 1024 * 1024;
const KEY = /^[0-9a-f]{64}$/;

export interface DiskMap {
  get(key: string): unknown;
  /** Newest last: a key set again moves to the end, and the oldest go beyond `maxEntries`. */
  set(key: string, value: unknown): void;
  save(): void;
}

export function openDiskMap(dir: string, file: string, format: number, maxEntries: number): DiskMap {
  const entries = load(join(dir, file), format);
  let changed = false;
  return {
    get: (key) => entries.get(key),
    set(key, value) {
      entries.delete(key);
      entries.set(key, value);
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
      changed = true;
    },
    save() {
      if (!changed) return;
      try {
        mkdirSync(dir, { recursive: true });
        const temp = join(dir, `${file}.${process.pid}.tmp`);
        writeFileSync(temp, JSON.stringify({ format, entries: Object.fromEntries(entries) }));
        renameSync(temp, join(dir, file));
      } catch {
        // Unwritable cache folder: the next run checks again, nothing else.
      }
    },
  };
}

function load(path: string, format: number): Map<string, unknown> {
  try {
    if (statSync(path).size > MAX_FILE_BYTES) return new Map();
    const doc = JSON.parse(readFileSync(path, 'utf8')) as unknown;
    if (typeof doc !== 'object' || doc === null || !('format' in doc) || doc.format !== format || !('entries' in doc)) return new Map();
    const raw = doc.entries;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return new Map();
    return new Map(Object.entries(raw).filter(([key]) => KEY.test(key)));
  } catch {
    return new Map();
  }
}

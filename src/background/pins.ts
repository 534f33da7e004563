// The user's publisher pins and the per-package history of identities seen, in storage.local.
// Only extension pages may change them (the router decides that from the sender); the verdict
// service only reads pins and appends to history. Reads validate, so a corrupted or foreign
// entry is dropped instead of pinning a package to something nobody chose.
import type { IdentityPin } from '../core/api';
import type { SignerIdentity } from '../core/verdict';
import type { HistoryRecord, PackageName, PinRecord, PinsExport, SeenIdentity } from '../shared/messages';
import {
  addSeen,
  boundHistory,
  MAX_PINS,
  packageNameKey,
  parseHistoryRecord,
  parsePinRecord,
  samePublisher,
  seenFrom,
} from './pin-records';
import type { StorageArea } from './storage-area';

const PINS_KEY = 'pins';
const HISTORY_KEY = 'publisher-history';

export class PinLimitError extends Error {}

export interface PinStore {
  get(pkg: PackageName): Promise<IdentityPin | null>;
  set(pkg: PackageName, pin: IdentityPin): Promise<PinRecord>;
  remove(pkg: PackageName): Promise<boolean>;
  seen(pkg: PackageName): Promise<SeenIdentity[]>;
  recordSeen(pkg: PackageName, version: string, identity: SignerIdentity): Promise<void>;
  exportAll(): Promise<PinsExport>;
  /** Merges checked records over the stored ones in one write; PinLimitError writes nothing. */
  importAll(data: PinsExport): Promise<{ pins: number; history: number }>;
}

interface State {
  pins: Map<string, PinRecord>;
  history: Map<string, HistoryRecord>;
}

function parseList<T>(raw: unknown, parse: (v: unknown) => T | null, key: (t: T) => string): Map<string, T> {
  const out = new Map<string, T>();
  for (const item of Array.isArray(raw) ? raw : []) {
    const parsed = parse(item);
    if (parsed) out.set(key(parsed), parsed);
  }
  return out;
}

export function createPinStore(storage: StorageArea, now: () => number = () => Date.now()): PinStore {
  let state: State | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  // Every change is read-modify-write of one list: run them one at a time.
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  };

  async function load(): Promise<State> {
    if (state) return state;
    const raw = await storage.get([PINS_KEY, HISTORY_KEY]);
    state = {
      pins: parseList(raw[PINS_KEY], parsePinRecord, packageNameKey),
      history: parseList(raw[HISTORY_KEY], parseHistoryRecord, packageNameKey),
    };
    return state;
  }

  /** Writes both lists at once; memory changes only after storage took them. */
  async function save(next: State): Promise<void> {
    await storage.set({ [PINS_KEY]: [...next.pins.values()], [HISTORY_KEY]: [...next.history.values()] });
    state = next;
  }

  return {
    async get(pkg) {
      return (await load()).pins.get(packageNameKey(pkg))?.pin ?? null;
    },
    set(pkg, pin) {
      return serial(async () => {
        const current = await load();
        const key = packageNameKey(pkg);
        if (!current.pins.has(key) && current.pins.size >= MAX_PINS) throw new PinLimitError(`at most ${MAX_PINS} pins`);
        const record: PinRecord = { registry: pkg.registry, name: pkg.name, pin, createdAt: now() };
        await save({ ...current, pins: new Map(current.pins).set(key, record) });
        return record;
      });
    },
    remove(pkg) {
      return serial(async () => {
        const current = await load();
        const pins = new Map(current.pins);
        if (!pins.delete(packageNameKey(pkg))) return false;
        await save({ ...current, pins });
        return true;
      });
    },
    async seen(pkg) {
      return (await load()).history.get(packageNameKey(pkg))?.seen ?? [];
    },
    recordSeen(pkg, version, identity) {
      return serial(async () => {
        const current = await load();
        const key = packageNameKey(pkg);
        const entry = seenFrom(version, identity, now());
        const before = current.history.get(key)?.seen ?? [];
        const same = before.find((s) => s.version === version);
        if (same && samePublisher(same, entry)) return;
        const record: HistoryRecord = { registry: pkg.registry, name: pkg.name, seen: addSeen(before, entry) };
        const history = new Map(current.history).set(key, record);
        const bounded = boundHistory([...history.values()]);
        await save({ ...current, history: new Map(bounded.map((r) => [packageNameKey(r), r])) });
      });
    },
    async exportAll() {
      const current = await load();
      return { version: 1, pins: [...current.pins.values()], history: [...current.history.values()] };
    },
    importAll(data) {
      return serial(async () => {
        const current = await load();
        const pins = new Map(current.pins);
        for (const p of data.pins) pins.set(packageNameKey(p), p);
        if (pins.size > MAX_PINS) throw new PinLimitError(`the import would make ${pins.size} pins; at most ${MAX_PINS}`);
        const history = new Map(current.history);
        for (const h of data.history) {
          const key = packageNameKey(h);
          const merged = h.seen.reduce(addSeen, history.get(key)?.seen ?? []);
          history.set(key, { registry: h.registry, name: h.name, seen: merged });
        }
        const bounded = boundHistory([...history.values()]);
        await save({ pins, history: new Map(bounded.map((r) => [packageNameKey(r), r])) });
        return { pins: pins.size, history: bounded.length };
      });
    },
  };
}

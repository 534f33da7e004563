// Names the registry was asked about anew (the popup's retry; a page listing a file the kept
// answer never saw). What the retry found must not be undone by answers from before it: not by
// an answer still running (it keeps only its files' verdicts), not by a release index kept from
// before (it no longer answers on its own), and not by the browser's HTTP cache, which may hold
// another document of the name older than the retry (the project's "latest" JSON after a retry
// of one release): for as long as any copy can be fresh, the name's reads revalidate.
import type { PackageRef } from '../core/verdict';
import { MAX_FRESH_MS } from './http-freshness';
import { packageNameKey as nameKey } from './pin-records';

export interface AskedAnew {
  /** The registry is being asked anew about `pkg`'s name, now. */
  mark(pkg: PackageRef): void;
  /** For an answer starting now: whether no ask anew about its name has come since. */
  current(pkg: PackageRef): () => boolean;
  /** Whether an index saved at `savedAt` was saved before the name's last ask anew. */
  predates(pkg: PackageRef, savedAt: number): boolean;
  /** Whether the name's reads must go past the browser's cache. */
  revalidating(pkg: PackageRef): boolean;
}

export function createAskedAnew(now: () => number): AskedAnew {
  const rounds = new Map<string, number>();
  const at = new Map<string, number>();
  return {
    mark(pkg) {
      const key = nameKey(pkg);
      rounds.set(key, (rounds.get(key) ?? 0) + 1);
      at.set(key, now());
    },
    current(pkg) {
      const key = nameKey(pkg);
      const round = rounds.get(key);
      return () => rounds.get(key) === round;
    },
    predates(pkg, savedAt) {
      const last = at.get(nameKey(pkg));
      return last !== undefined && savedAt <= last;
    },
    revalidating(pkg) {
      const last = at.get(nameKey(pkg));
      return last !== undefined && now() - last < MAX_FRESH_MS;
    },
  };
}

// Coalesces single-key reads asked in one task into one read of all their keys. A release asks
// the verdict cache about all its files at once (one call per file, from one loop): a cold
// 60-file release made 60 storage reads of the same area before, now one.

/** `read` answers a list of keys with what it found; the batcher answers one key. */
export function batchReads<V>(read: (keys: string[]) => Promise<Map<string, V>>): (key: string) => Promise<V | undefined> {
  let open: { keys: Set<string>; found: Promise<Map<string, V>> } | undefined;
  return async (key) => {
    if (!open) {
      const keys = new Set<string>();
      // Resolved after the asking task's synchronous code: every ask of that loop is in `keys`.
      const found = Promise.resolve().then(() => {
        open = undefined;
        return read([...keys]);
      });
      open = { keys, found };
    }
    open.keys.add(key);
    return (await open.found).get(key);
  };
}

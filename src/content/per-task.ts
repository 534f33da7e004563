// A page read shared by every caller within one task. Many badges locate their place in one
// pass (121 on a 60-file release), each reading the same landmarks; reading the page once per
// task makes that pass linear. The snapshot is dropped in a microtask, which runs before any
// mutation observer callback for changes made after it was taken.
export function perTask<T>(read: () => T): () => T {
  let snapshot: { value: T } | null = null;
  return () => {
    if (snapshot === null) {
      snapshot = { value: read() };
      queueMicrotask(() => {
        snapshot = null;
      });
    }
    return snapshot.value;
  };
}

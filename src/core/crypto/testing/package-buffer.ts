// A private copy of the `buffer` package (the browser's Buffer stand-in) for tests that patch it
// or compare it with Node's own: each call loads it anew, so patching one copy touches no other
// test's copy and not the one the extension build uses.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
// The trailing slash resolves the npm package, not Node's built-in `buffer` module.
const PACKAGE_PATH = require.resolve('buffer/');

export function freshPackageBuffer<T>(): T {
  delete require.cache[PACKAGE_PATH];
  const loaded = (require(PACKAGE_PATH) as { Buffer: T }).Buffer;
  delete require.cache[PACKAGE_PATH];
  return loaded;
}

/** Runs `fn` with `B` as the global Buffer (what @sigstore/* read), then puts Node's back. */
export function withGlobalBuffer<T>(B: unknown, fn: () => T): T {
  const scope = globalThis as { Buffer: unknown };
  const saved = scope.Buffer;
  scope.Buffer = B;
  try {
    return fn();
  } finally {
    scope.Buffer = saved;
  }
}

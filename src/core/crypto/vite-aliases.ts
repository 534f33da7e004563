// Vite `resolve.alias` entries that swap node built-ins for the browser-safe adapters.
// Spread into vite.config.ts: `resolve: { alias: { ...nodeBuiltinAliases } }`.
// Runs in node at config time only; never imported by extension code.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const here = (file: string): string => fileURLToPath(new URL(file, import.meta.url));

// The trailing slash makes node resolve the npm package `buffer`, not the built-in module.
const bufferPackage = createRequire(import.meta.url).resolve('buffer/');

const cryptoAdapter = here('./node-crypto.ts');
const utilAdapter = here('./node-util.ts');

export const nodeBuiltinAliases: Record<string, string> = {
  crypto: cryptoAdapter,
  'node:crypto': cryptoAdapter,
  util: utilAdapter,
  'node:util': utilAdapter,
  buffer: bufferPackage,
  'node:buffer': bufferPackage,
};

/** Entry modules must import this first so `globalThis.Buffer` exists before @sigstore loads. */
export const installBufferModule = here('./install-buffer.ts');

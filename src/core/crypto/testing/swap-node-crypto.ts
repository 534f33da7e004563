// Runs code with node's own `crypto` module object patched to use the adapter. @sigstore/core
// reads `crypto_1.default.verify` (the CommonJS module object) at call time, so patching
// those four properties sends the whole real verification pipeline through the adapter.
// Node-only test and benchmark helper; never bundled into the extension.
import { createRequire } from 'node:module';
import * as adapter from '../node-crypto';

type NodeCrypto = typeof import('node:crypto');

const nodeCrypto = createRequire(import.meta.url)('node:crypto') as NodeCrypto;

export const SWAPPED_FUNCTIONS = ['createPublicKey', 'createHash', 'verify', 'timingSafeEqual'] as const;
export type SwappedName = (typeof SWAPPED_FUNCTIONS)[number];
type Impl = Record<SwappedName, (...args: never[]) => unknown>;

/** The genuine node functions, captured before anything could patch them. */
export const nativeImpl: Impl = {
  createPublicKey: nodeCrypto.createPublicKey,
  createHash: nodeCrypto.createHash,
  verify: nodeCrypto.verify,
  timingSafeEqual: nodeCrypto.timingSafeEqual,
};

export const adapterImpl: Impl = {
  createPublicKey: adapter.createPublicKey,
  createHash: adapter.createHash,
  verify: adapter.verify,
  timingSafeEqual: adapter.timingSafeEqual,
};

export type CryptoImpl = 'native' | 'adapter';

function install(impl: Impl): void {
  const target = nodeCrypto as unknown as Record<string, unknown>;
  for (const name of SWAPPED_FUNCTIONS) target[name] = impl[name];
}

/** Runs `fn` with node's crypto module patched to `impl`, restoring native even on throw. */
export function withCrypto<T>(impl: CryptoImpl | Impl, fn: () => T): T {
  install(impl === 'native' ? nativeImpl : impl === 'adapter' ? adapterImpl : impl);
  try {
    return fn();
  } finally {
    install(nativeImpl);
  }
}

export interface RecordedCall {
  name: SwappedName;
  args: unknown[];
}

/**
 * Runs `fn` on native crypto while recording every call the Sigstore pipeline makes to the
 * patched functions. createHash is recorded with the data later fed to update(), so a call
 * can be replayed in full against both implementations.
 */
export function recordNativeCalls<T>(fn: () => T): { result: T; calls: RecordedCall[] } {
  const calls: RecordedCall[] = [];
  const recording: Impl = {
    createPublicKey: (...args: never[]) => {
      calls.push({ name: 'createPublicKey', args });
      return (nativeImpl.createPublicKey as (...a: unknown[]) => unknown)(...args);
    },
    verify: (...args: never[]) => {
      calls.push({ name: 'verify', args });
      return (nativeImpl.verify as (...a: unknown[]) => unknown)(...args);
    },
    timingSafeEqual: (...args: never[]) => {
      calls.push({ name: 'timingSafeEqual', args });
      return (nativeImpl.timingSafeEqual as (...a: unknown[]) => unknown)(...args);
    },
    createHash: (...args: never[]) => {
      const chunks: Uint8Array[] = [];
      calls.push({ name: 'createHash', args: [args[0], chunks] });
      const hash = nativeImpl.createHash(args[0] as never) as ReturnType<NodeCrypto['createHash']>;
      const update = hash.update.bind(hash);
      hash.update = ((data: Uint8Array) => {
        chunks.push(new Uint8Array(data));
        return update(data);
      }) as typeof hash.update;
      return hash;
    },
  };
  const result = withCrypto(recording, fn);
  return { result, calls };
}

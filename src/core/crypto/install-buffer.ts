// Must be the first import of every entry that can reach @sigstore/*: their code uses the
// global `Buffer` at call time and at module load, which browsers and workers lack.
// Side-effect module on purpose; importing it twice is harmless.
import { Buffer } from 'buffer';
import { installCopyFreeCompare } from './buffer-compare';
import { installNativeStringCodecs } from './buffer-string-codecs';

const scope = globalThis as { Buffer?: unknown };
if (scope.Buffer === undefined) {
  // Only the stand-in: Node's own Buffer (the CLI) already encodes natively.
  installNativeStringCodecs(Buffer as unknown as Parameters<typeof installNativeStringCodecs>[0]);
  installCopyFreeCompare(Buffer as unknown as Parameters<typeof installCopyFreeCompare>[0]);
  scope.Buffer = Buffer;
}

export {};

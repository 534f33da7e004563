// Must be the first import of every entry that can reach @sigstore/*: their code uses the
// global `Buffer` at call time and at module load, which browsers and workers lack.
// Side-effect module on purpose; importing it twice is harmless.
import { Buffer } from 'buffer';

const scope = globalThis as { Buffer?: unknown };
if (scope.Buffer === undefined) scope.Buffer = Buffer;

export {};

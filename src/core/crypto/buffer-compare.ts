// The `buffer` package (the browser's stand-in for Node's Buffer) copies both operands of every
// Buffer.compare() and buf.equals() before comparing them: it rebuilds each from the wrong
// offset field (`a.offset`, not `a.byteOffset`), which makes a copy. @sigstore/verify compares
// certificates by their DER and keys by their bytes many times per bundle, so in the extension
// worker those copies were a tenth of a new package's JavaScript time.
//
// Here both compare in place. Only where the package's own checks would pass: the operands are
// Uint8Arrays (compare) or the argument is one of the package's Buffers (equals). Anything else
// goes to the package's code, which throws as before. The answers are the package's: bytes in
// order, a shorter prefix first (buffer-compare.test.ts compares both with Node's).
type BufferClass = {
  compare: (a: unknown, b: unknown) => number;
  isBuffer: (b: unknown) => boolean;
  prototype: { equals: (b: unknown) => boolean };
};

const PATCHED = Symbol.for('provenance-lens.buffer-compare');

// A typed array's own length, not a getter a subclass may have put over it (an independent
// review's case: with an overriding getter the lengths below were not the bytes compared).
const typedLength = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Uint8Array.prototype) as object, 'length')!.get!;

function compareBytes(a: Uint8Array, b: Uint8Array): -1 | 0 | 1 {
  if (a === b) return 0;
  const [la, lb] = [typedLength.call(a) as number, typedLength.call(b) as number];
  const n = Math.min(la, lb);
  for (let i = 0; i < n; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x !== y) return x < y ? -1 : 1;
  }
  return la < lb ? -1 : la > lb ? 1 : 0;
}

/** Gives `Buffer` (the `buffer` package's class) a compare() and equals() that copy nothing. */
export function installCopyFreeCompare(Buffer: BufferClass): void {
  const target = Buffer as BufferClass & { [PATCHED]?: true };
  if (target[PATCHED]) return;
  target[PATCHED] = true;

  const packageCompare = Buffer.compare;
  Buffer.compare = function compare(this: unknown, a: unknown, b: unknown): number {
    if (a instanceof Uint8Array && b instanceof Uint8Array) return compareBytes(a, b);
    return packageCompare.call(this, a, b);
  };

  const packageEquals = Buffer.prototype.equals;
  Buffer.prototype.equals = function equals(this: unknown, b: unknown): boolean {
    if (!(this instanceof Uint8Array) || !Buffer.isBuffer(b)) return packageEquals.call(this, b);
    const other = b as Uint8Array;
    return compareBytes(this, other) === 0;
  };
}

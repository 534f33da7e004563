// The stand-in's copy-free compare() and equals() must answer as the package's own code does,
// and as Node's Buffer does (what the CLI compares with), on views, prefixes and bad arguments.
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { installCopyFreeCompare } from './buffer-compare';
import { freshPackageBuffer } from './testing/package-buffer';

type AnyBuffer = Uint8Array & { equals: (b: unknown) => boolean };
interface BufferLike {
  from: (a: ArrayLike<number>) => AnyBuffer;
  compare: (a: unknown, b: unknown) => number;
  isBuffer: (b: unknown) => boolean;
}

const original = freshPackageBuffer<BufferLike>();
const patched = freshPackageBuffer<BufferLike>();
installCopyFreeCompare(patched as never);
const node = Buffer as unknown as BufferLike;

/** What `fn` answers, or the error it throws, as a comparable value. */
function outcome(fn: () => unknown): unknown {
  try {
    return fn();
  } catch (error) {
    return { threw: (error as Error).constructor.name, message: (error as Error).message };
  }
}

/** Two byte strings, often sharing a prefix, and views into a larger buffer at an offset. */
const pairs = fc
  .record({
    common: fc.uint8Array({ maxLength: 40 }),
    a: fc.uint8Array({ maxLength: 6 }),
    b: fc.uint8Array({ maxLength: 6 }),
    padA: fc.nat({ max: 5 }),
    padB: fc.nat({ max: 5 }),
  })
  .map(({ common, a, b, padA, padB }) => ({ a: [...common, ...a], b: [...common, ...b], padA, padB }));

/** `bytes` as a view `pad` bytes into a Buffer of class `B` (a non-zero byteOffset). */
function view(B: BufferLike, bytes: number[], pad: number): AnyBuffer {
  // The package's subarray() answers one of its Buffers (Node's does too).
  return B.from([...new Array<number>(pad).fill(0xee), ...bytes, 0xee]).subarray(pad, pad + bytes.length) as AnyBuffer;
}

describe('copy-free Buffer.compare and equals in the stand-in', () => {
  it('answer as the package and as Node for any two byte strings, views at offsets included', () => {
    fc.assert(
      fc.property(pairs, ({ a, b, padA, padB }) => {
        const expected = node.compare(view(node, a, padA), view(node, b, padB));
        expect(patched.compare(view(patched, a, padA), view(patched, b, padB))).toBe(expected);
        expect(original.compare(view(original, a, padA), view(original, b, padB))).toBe(expected);
        expect(view(patched, a, padA).equals(view(patched, b, padB))).toBe(expected === 0);
        expect(view(original, a, padA).equals(view(original, b, padB))).toBe(expected === 0);
      }),
      { numRuns: 2_000, seed: 19 },
    );
  });

  it('order as Node: a prefix first, then by the first differing byte as unsigned', () => {
    const cases: [number[], number[]][] = [
      [[], []],
      [[], [0]],
      [[1, 2], [1, 2, 0]],
      [[0x7f], [0x80]],
      [[0xff, 0], [0xfe, 0xff, 0xff]],
    ];
    for (const [a, b] of cases) {
      for (const [x, y] of [[a, b], [b, a]] as const) {
        expect(patched.compare(patched.from(x), patched.from(y))).toBe(node.compare(node.from(x), node.from(y)));
      }
    }
    const same = patched.from([1, 2, 3]);
    expect(patched.compare(same, same)).toBe(0);
    expect(same.equals(same)).toBe(true);
  });

  it('copy nothing, where the package copied both operands', () => {
    const [a, b] = [patched.from([1, 2, 3]), patched.from([1, 2, 4])];
    const copies = vi.spyOn(patched, 'from');
    patched.compare(a, b);
    a.equals(b);
    expect(copies).not.toHaveBeenCalled();
    copies.mockRestore();
    const [c, d] = [original.from([1, 2, 3]), original.from([1, 2, 4])];
    const theirs = vi.spyOn(original, 'from');
    original.compare(c, d);
    c.equals(d);
    expect(theirs).toHaveBeenCalledTimes(4);
    theirs.mockRestore();
  });

  it('compare the bytes there are, even under a subclass whose length getter says otherwise', () => {
    class Shorter extends Uint8Array {
      override get length(): number {
        return 0;
      }
    }
    const [a, b] = [new Shorter([1, 2]), new Uint8Array([1, 2, 3])];
    expect(patched.compare(a, b)).toBe(node.compare(a, b));
    expect(patched.compare(b, a)).toBe(node.compare(b, a));
    expect(patched.compare(new Shorter([5]), new Uint8Array([]))).toBe(1);
  });

  it('take plain Uint8Arrays in compare, as the package and Node do', () => {
    expect(patched.compare(new Uint8Array([1, 2]), new Uint8Array([1, 3]))).toBe(-1);
    expect(patched.compare(new Uint8Array([1, 2]), patched.from([1, 2]))).toBe(0);
  });

  it('throw as the package on what it refuses', () => {
    const refused: [string, () => unknown, () => unknown][] = [
      ['compare with a string', () => patched.compare('ab', patched.from([1])), () => original.compare('ab', original.from([1]))],
      ['compare with an array', () => patched.compare(patched.from([1]), [1]), () => original.compare(original.from([1]), [1])],
      ['equals a plain Uint8Array', () => patched.from([1]).equals(new Uint8Array([1])), () => original.from([1]).equals(new Uint8Array([1]))],
      ['equals a string', () => patched.from([1]).equals('\u0001'), () => original.from([1]).equals('\u0001')],
      ['equals nothing', () => patched.from([1]).equals(undefined), () => original.from([1]).equals(undefined)],
    ];
    for (const [name, ours, theirs] of refused) {
      const expected = outcome(theirs);
      expect(expected, name).toHaveProperty('threw');
      expect(outcome(ours), name).toEqual(expected);
    }
  });
});

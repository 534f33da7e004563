// node's util.isDeepStrictEqual is the oracle: same answer on generated values and on the
// shapes @sigstore/verify actually compares (tlog entry ids, timestamps, SCT results).
import * as fc from 'fast-check';
import { isDeepStrictEqual as nodeEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { isDeepStrictEqual } from './node-util';

const leaf = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.string({ maxLength: 4 }),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.constant(-0),
  fc.constant(NaN),
  fc.uint8Array({ maxLength: 4 }).map((b) => Buffer.from(b)),
  fc.uint8Array({ maxLength: 4 }),
  fc.integer({ min: 0, max: 3 }).map((t) => new Date(t * 1000)),
);

const value = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small' }, leaf, tie('array'), tie('object'), tie('map'), tie('set')),
  array: fc.array(tie('node'), { maxLength: 3 }),
  object: fc.dictionary(fc.constantFrom('a', 'b', 'logID', 'body'), tie('node'), { maxKeys: 3 }),
  map: fc.array(fc.tuple(fc.constantFrom('k', 1, 'z'), tie('node')), { maxLength: 2 }).map((e) => new Map(e)),
  set: fc.array(tie('node'), { maxLength: 2 }).map((e) => new Set(e)),
})).node;

describe('isDeepStrictEqual agrees with node', () => {
  it('on random pairs and on a value against a structural copy of itself', () => {
    fc.assert(
      fc.property(value, value, (a, b) => {
        expect(isDeepStrictEqual(a, b)).toBe(nodeEqual(a, b));
        const copy = structuredClone(a);
        expect(isDeepStrictEqual(a, copy)).toBe(nodeEqual(a, copy));
      }),
      { numRuns: 2000 },
    );
  });

  it('on the shapes the verifier compares', () => {
    const id = (log: number[], body: number[]) => ({ logID: Buffer.from(log), body: Buffer.from(body) });
    const ts = (t: number) => ({ type: 'transparency-log', logID: Buffer.from([1, 2]), timestamp: new Date(t) });
    const cases: [unknown, unknown][] = [
      [id([1], [2]), id([1], [2])],
      [id([1], [2]), id([1], [3])],
      [ts(1000), ts(1000)],
      [ts(1000), ts(1001)],
      [Buffer.from([1]), new Uint8Array([1])],
      [[1, , 3], [1, undefined, 3]],
      [{ a: undefined }, {}],
      [new Set([{ a: 1 }, { a: 2 }]), new Set([{ a: 2 }, { a: 1 }])],
      [new Map([[{ k: 1 }, 'x']]), new Map([[{ k: 1 }, 'x']])],
      [new Error('x'), new Error('y')],
      [/a/g, /a/i],
      [Object.create(null), {}],
    ];
    for (const [a, b] of cases) expect([a, b, isDeepStrictEqual(a, b)]).toEqual([a, b, nodeEqual(a, b)]);
  });

  it('handles cycles', () => {
    const a: Record<string, unknown> = { x: 1 };
    a.self = a;
    const b: Record<string, unknown> = { x: 1 };
    b.self = b;
    expect(isDeepStrictEqual(a, b)).toBe(nodeEqual(a, b));
    b.x = 2;
    expect(isDeepStrictEqual(a, b)).toBe(nodeEqual(a, b));
  });
});

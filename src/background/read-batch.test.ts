import { describe, expect, it } from 'vitest';
import { batchReads } from './read-batch';

function counting(values: Record<string, number>) {
  const calls: string[][] = [];
  const read = (keys: string[]) => {
    calls.push(keys);
    return Promise.resolve(new Map(keys.filter((k) => k in values).map((k) => [k, values[k]!] as const)));
  };
  return { calls, read };
}

describe('batchReads', () => {
  it('answers the asks of one loop with one read of all their keys, each with its own value', async () => {
    const { calls, read } = counting({ a: 1, b: 2 });
    const ask = batchReads(read);
    const answers = await Promise.all(['a', 'b', 'c', 'a'].map((k) => ask(k)));
    expect(answers).toEqual([1, 2, undefined, 1]);
    expect(calls).toEqual([['a', 'b', 'c']]);
  });

  it('reads again for an ask made after the first batch was sent', async () => {
    const { calls, read } = counting({ a: 1, b: 2 });
    const ask = batchReads(read);
    const first = ask('a');
    await Promise.resolve();
    await Promise.resolve();
    const second = ask('b');
    expect(await Promise.all([first, second])).toEqual([1, 2]);
    expect(calls).toEqual([['a'], ['b']]);
  });

  it('rejects every ask of a batch whose read failed, and the next batch reads anew', async () => {
    let fail = true;
    const ask = batchReads<number>((keys) => (fail ? Promise.reject(new Error('storage')) : Promise.resolve(new Map(keys.map((k) => [k, 7])))));
    const results = await Promise.allSettled([ask('a'), ask('b')]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    expect(await ask('a')).toBe(7);
  });
});

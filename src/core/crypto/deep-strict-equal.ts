// node's util.isDeepStrictEqual for the values it meets in the verifier: plain objects,
// arrays, Buffers/typed arrays, Dates, plus Maps, Sets, RegExps and Errors for completeness.
// @sigstore/verify uses it to reject duplicate tlog entries, SCTs and timestamps, so
// "equal" must never be claimed for values node would call different (nor the reverse).

type Seen = Map<object, Set<object>>;

const tagOf = (value: object): string => Object.prototype.toString.call(value);

function ownKeys(value: object): (string | symbol)[] {
  const keys: (string | symbol)[] = Object.keys(value);
  for (const symbol of Object.getOwnPropertySymbols(value)) {
    if (Object.prototype.propertyIsEnumerable.call(value, symbol)) keys.push(symbol);
  }
  return keys;
}

function bytesOf(view: ArrayBufferView | ArrayBuffer): Uint8Array {
  return ArrayBuffer.isView(view)
    ? new Uint8Array(view.buffer, view.byteOffset, view.byteLength)
    : new Uint8Array(view);
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Own enumerable keys, except array/typed-array indexes (compared separately). */
function sameKeys(a: object, b: object, seen: Seen, skipIndexes: boolean): boolean {
  const isIndex = (k: string | symbol): boolean => skipIndexes && typeof k === 'string' && /^(0|[1-9]\d*)$/.test(k);
  const ka = ownKeys(a).filter((k) => !isIndex(k));
  const kb = ownKeys(b).filter((k) => !isIndex(k));
  if (ka.length !== kb.length) return false;
  const rec = (o: object, k: string | symbol): unknown => (o as Record<string | symbol, unknown>)[k];
  return ka.every(
    (k) => Object.prototype.propertyIsEnumerable.call(b, k) && equal(rec(a, k), rec(b, k), seen),
  );
}

function setsEqual(a: Set<unknown>, b: Set<unknown>, seen: Seen): boolean {
  if (a.size !== b.size) return false;
  const unmatched = [...b].filter((v) => !a.has(v));
  for (const v of a) {
    if (b.has(v)) continue;
    const i = unmatched.findIndex((w) => equal(v, w, seen));
    if (i < 0) return false;
    unmatched.splice(i, 1);
  }
  return unmatched.length === 0;
}

function mapsEqual(a: Map<unknown, unknown>, b: Map<unknown, unknown>, seen: Seen): boolean {
  if (a.size !== b.size) return false;
  const unmatched = [...b.keys()].filter((k) => !a.has(k));
  for (const [k, v] of a) {
    if (b.has(k)) {
      if (!equal(v, b.get(k), seen)) return false;
      continue;
    }
    const i = unmatched.findIndex((w) => equal(k, w, seen) && equal(v, b.get(w), seen));
    if (i < 0) return false;
    unmatched.splice(i, 1);
  }
  return unmatched.length === 0;
}

function equal(a: unknown, b: unknown, seen: Seen): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b) || tagOf(a) !== tagOf(b)) return false;
  // Cycles: a pair already on the comparison stack is assumed equal, as node does. Popped
  // afterwards so a failed trial match (inside Sets and Maps) is not remembered as equal.
  const pairs = seen.get(a) ?? new Set<object>();
  if (pairs.has(b)) return true;
  pairs.add(b);
  seen.set(a, pairs);
  try {
    return objectsEqual(a, b, seen);
  } finally {
    pairs.delete(b);
  }
}

function objectsEqual(a: object, b: object, seen: Seen): boolean {
  if (a instanceof Date) return a.getTime() === (b as Date).getTime() && sameKeys(a, b, seen, false);
  if (a instanceof RegExp) {
    const r = b as RegExp;
    return a.source === r.source && a.flags === r.flags && a.lastIndex === r.lastIndex && sameKeys(a, b, seen, false);
  }
  if (a instanceof Error) {
    const e = b as Error;
    if (a.message !== e.message || a.name !== e.name) return false;
  }
  if (ArrayBuffer.isView(a) || a instanceof ArrayBuffer) {
    const bv = b as ArrayBufferView | ArrayBuffer;
    return sameBytes(bytesOf(a), bytesOf(bv)) && sameKeys(a, b, seen, true);
  }
  if (Array.isArray(a)) {
    const arr = b as unknown[];
    if (a.length !== arr.length) return false;
    for (let i = 0; i < a.length; i++) {
      if (Object.hasOwn(a, i) !== Object.hasOwn(arr, i) || !equal(a[i], arr[i], seen)) return false;
    }
    return sameKeys(a, b, seen, true);
  }
  if (a instanceof Set && !setsEqual(a, b as Set<unknown>, seen)) return false;
  if (a instanceof Map && !mapsEqual(a, b as Map<unknown, unknown>, seen)) return false;
  // Boxed primitives compare by their primitive value.
  if (a instanceof Number || a instanceof String || a instanceof Boolean) {
    if (!Object.is(a.valueOf(), (b as typeof a).valueOf())) return false;
  }
  return sameKeys(a, b, seen, false);
}

export function isDeepStrictEqual(a: unknown, b: unknown): boolean {
  return equal(a, b, new Map());
}

// Addressing values inside a parsed JSON document by path, so a mutation can be described
// (and replayed) as "this operation at this path" rather than as an opaque new document.

export type JsonPath = readonly (string | number)[];

export interface JsonNode {
  path: JsonPath;
  value: unknown;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every value in the document except the root, parents before children. */
export function allNodes(doc: unknown): JsonNode[] {
  const out: JsonNode[] = [];
  // An explicit stack: mutated documents may be nested far deeper than the call stack allows.
  const stack: JsonNode[] = [{ path: [], value: doc }];
  while (stack.length > 0) {
    const node = stack.pop() as JsonNode;
    if (node.path.length > 0) out.push(node);
    if (node.path.length > 64) continue;
    if (Array.isArray(node.value)) {
      node.value.forEach((v, i) => stack.push({ path: [...node.path, i], value: v }));
    } else if (isObject(node.value)) {
      for (const [k, v] of Object.entries(node.value)) stack.push({ path: [...node.path, k], value: v });
    }
  }
  return out;
}

export function getAt(doc: unknown, path: JsonPath): unknown {
  let cur = doc;
  for (const key of path) {
    if (Array.isArray(cur) && typeof key === 'number') cur = cur[key];
    else if (isObject(cur) && typeof key === 'string') cur = cur[key];
    else return undefined;
  }
  return cur;
}

function parentOf(doc: unknown, path: JsonPath): { parent: unknown; key: string | number } {
  const key = path[path.length - 1];
  if (key === undefined) throw new Error('the root has no parent');
  return { parent: getAt(doc, path.slice(0, -1)), key };
}

export function setAt(doc: unknown, path: JsonPath, value: unknown): void {
  const { parent, key } = parentOf(doc, path);
  if (Array.isArray(parent) && typeof key === 'number') parent[key] = value;
  else if (isObject(parent) && typeof key === 'string') parent[key] = value;
}

export function deleteAt(doc: unknown, path: JsonPath): void {
  const { parent, key } = parentOf(doc, path);
  if (Array.isArray(parent) && typeof key === 'number') parent.splice(key, 1);
  else if (isObject(parent) && typeof key === 'string') delete parent[key];
}

/** Replaces an object's members in a new key order, keeping the same object identity. */
export function reorderKeys(obj: Record<string, unknown>, keys: string[]): void {
  const entries = keys.map((k) => [k, obj[k]] as const);
  for (const k of Object.keys(obj)) delete obj[k];
  for (const [k, v] of entries) obj[k] = v;
}

export function pathText(path: JsonPath): string {
  return path.map((k) => (typeof k === 'number' ? `[${k}]` : `.${k}`)).join('') || '(root)';
}

/** JSON with sorted keys: equal for documents that differ only in member order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    isObject(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, v[k]])) : v,
  );
}

/** A small deterministic PRNG (mulberry32): fast-check draws the seed, this spends it. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(below: number): number {
    return Math.floor(this.next() * below);
  }

  pick<T>(items: readonly T[]): T {
    const item = items[this.int(items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }
}

// Structural mutations of a parsed document: the shapes a hostile or broken registry response
// could take. Each one changes exactly one place and says which, so a failure is replayable.
import { allNodes, deleteAt, getAt, isObject, pathText, reorderKeys, setAt, type JsonNode, type Rng } from './json-tree';

export const STRUCTURAL_OPS = [
  'delete',
  'duplicate',
  'reorder',
  'retype',
  'huge-string',
  'deep-nesting',
  'unicode',
  'transplant',
  'twin-key',
] as const;
export type StructuralOp = (typeof STRUCTURAL_OPS)[number];

const ODD_CHARS = ['\u0000', '\ud800', '\udfff', '\ufffe', '\u202e', '\u200b', 'e\u0301', '\u{1f600}', '\r\n', '"', '\\', '='];

function retyped(value: unknown, rng: Rng): unknown {
  const choices: unknown[] = [null, 0, -1, 1.5, 2 ** 53 + 2, 1e308, '', 'x', true, false, {}, [], [value], { value }];
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) choices.push(Number(value));
  if (typeof value === 'number') choices.push(String(value), -value);
  if (typeof value === 'string') choices.push(value.toUpperCase(), `${value} `, value.slice(1));
  return rng.pick(choices);
}

function deeplyNested(depth: number, rng: Rng): unknown {
  let v: unknown = rng.pick([null, 'x', 1]);
  const asArray = rng.int(2) === 0;
  for (let i = 0; i < depth; i++) v = asArray ? [v] : { a: v };
  return v;
}

// The JSON names the protobuf readers accept besides the camelCase ones (and PEP 740's own).
function twinName(key: string): string {
  if (key.includes('_')) return key.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
  const snake = key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  return snake === key ? `${key}_` : snake;
}

/** Applies `op` at a random place of `doc` (mutated in place); returns what was done. */
export function applyStructural(doc: unknown, op: StructuralOp, rng: Rng): string {
  const nodes = allNodes(doc);
  const node = rng.pick(nodes);
  const where = pathText(node.path);
  switch (op) {
    case 'delete':
      deleteAt(doc, node.path);
      return `delete ${where}`;
    case 'duplicate':
      return duplicate(doc, node, rng);
    case 'reorder':
      return reorder(doc, node, nodes, rng);
    case 'retype': {
      const value = retyped(node.value, rng);
      setAt(doc, node.path, value);
      return `retype ${where} -> ${JSON.stringify(value)?.slice(0, 40)}`;
    }
    case 'huge-string': {
      const length = rng.pick([1 << 16, 1 << 20, 3 << 20]);
      setAt(doc, node.path, rng.pick(['A', '0', '\u00e9', '/']).repeat(length));
      return `huge string (${length} chars) at ${where}`;
    }
    case 'deep-nesting': {
      const depth = rng.pick([64, 500, 2000]);
      setAt(doc, node.path, deeplyNested(depth, rng));
      return `nesting depth ${depth} at ${where}`;
    }
    case 'unicode': {
      const strings = nodes.filter((n) => typeof n.value === 'string');
      const target = strings.length > 0 ? rng.pick(strings) : node;
      const text = typeof target.value === 'string' ? target.value : '';
      const at = rng.int(text.length + 1);
      const ch = rng.pick(ODD_CHARS);
      setAt(doc, target.path, text.slice(0, at) + ch + text.slice(at));
      return `insert U+${ch.codePointAt(0)?.toString(16)} at ${at} of ${pathText(target.path)}`;
    }
    case 'transplant': {
      const source = rng.pick(nodes);
      setAt(doc, node.path, structuredClone(source.value));
      return `replace ${where} with the value of ${pathText(source.path)}`;
    }
    case 'twin-key': {
      const objects = nodes.filter((n) => isObject(n.value) && Object.keys(n.value).length > 0);
      if (objects.length === 0) return 'twin-key: no object (no-op)';
      const target = rng.pick(objects);
      const obj = target.value as Record<string, unknown>;
      const key = rng.pick(Object.keys(obj));
      const donor = rng.pick(nodes).value;
      obj[twinName(key)] = structuredClone(rng.int(2) === 0 ? obj[key] : donor);
      return `add twin key ${twinName(key)} beside ${pathText([...target.path, key])}`;
    }
  }
}

function duplicate(doc: unknown, node: JsonNode, rng: Rng): string {
  const parent = getAt(doc, node.path.slice(0, -1));
  const key = node.path[node.path.length - 1];
  if (Array.isArray(parent) && typeof key === 'number') {
    parent.splice(key + rng.int(2), 0, structuredClone(node.value));
    return `duplicate array item ${pathText(node.path)}`;
  }
  if (isObject(parent) && typeof key === 'string') {
    // A parsed object cannot hold a key twice; the nearest thing is a copy under a similar name.
    const copy = rng.pick([`${key} `, key.toUpperCase(), `_${key}`]);
    parent[copy] = structuredClone(node.value);
    return `copy ${pathText(node.path)} to key ${JSON.stringify(copy)}`;
  }
  return 'duplicate: no parent (no-op)';
}

function reorder(doc: unknown, node: JsonNode, nodes: JsonNode[], rng: Rng): string {
  const containers = nodes.filter((n) => Array.isArray(n.value) || isObject(n.value));
  const target = containers.length > 0 ? rng.pick(containers) : node;
  if (Array.isArray(target.value)) {
    const items = target.value as unknown[];
    const shift = 1 + rng.int(Math.max(1, items.length - 1));
    items.push(...items.splice(0, shift));
    return `rotate array ${pathText(target.path)} by ${shift}`;
  }
  if (isObject(target.value)) {
    const keys = Object.keys(target.value);
    reorderKeys(target.value, rng.int(2) === 0 ? keys.reverse() : [...keys.slice(1), ...keys.slice(0, 1)]);
    return `reorder keys of ${pathText(target.path)}`;
  }
  return 'reorder: no container (no-op)';
}

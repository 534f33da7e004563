// Byte-level mutations: inside base64 fields (decoded, changed, re-encoded, so the change lands
// in the signed bytes rather than in the encoding), inside checkpoint text, and in the raw JSON
// text of the whole document (kept only when the text still parses).
import { allNodes, isObject, pathText, reorderKeys, setAt, type JsonNode, type Rng } from './json-tree';

export const BYTE_OPS = ['flip-bit', 'set-byte', 'insert-byte', 'delete-byte', 'truncate', 'extend'] as const;
export type ByteOp = (typeof BYTE_OPS)[number];

export const RAW_OPS = ['raw-flip', 'raw-insert', 'raw-delete', 'raw-duplicate-key'] as const;
export type RawOp = (typeof RAW_OPS)[number];

/** Keys whose string value is base64 of signed or log-proof bytes (PEP 740 and bundle JSON). */
const BASE64_KEYS = new Set([
  'certificate',
  'statement',
  'signature',
  'canonicalizedBody',
  'signedEntryTimestamp',
  'rootHash',
  'keyId',
  'rawBytes',
  'payload',
  'sig',
  'digest',
]);

/** The fields a byte mutation may hit: base64 byte fields, proof hashes, checkpoint text. */
export function byteFields(doc: unknown): { node: JsonNode; text: boolean }[] {
  return allNodes(doc).flatMap((node): { node: JsonNode; text: boolean }[] => {
    if (typeof node.value !== 'string') return [];
    const key = node.path[node.path.length - 1];
    const parentKey = node.path[node.path.length - 2];
    if (key === 'envelope' && typeof node.value === 'string' && node.value.includes('\n')) return [{ node, text: true }];
    if (typeof key === 'string' && BASE64_KEYS.has(key)) return [{ node, text: false }];
    if (typeof key === 'number' && parentKey === 'hashes') return [{ node, text: false }];
    return [];
  });
}

export function mutateBytes(bytes: Buffer, op: ByteOp, rng: Rng): Buffer {
  const at = rng.int(Math.max(1, bytes.length));
  switch (op) {
    case 'flip-bit': {
      const out = Buffer.from(bytes.length > 0 ? bytes : Buffer.alloc(1));
      out[at] = (out[at] ?? 0) ^ (1 << rng.int(8));
      return out;
    }
    case 'set-byte': {
      const out = Buffer.from(bytes.length > 0 ? bytes : Buffer.alloc(1));
      out[at] = (out[at] ?? 0) ^ (1 + rng.int(255));
      return out;
    }
    case 'insert-byte':
      return Buffer.concat([bytes.subarray(0, at), Buffer.from([rng.int(256)]), bytes.subarray(at)]);
    case 'delete-byte':
      return bytes.length > 0 ? Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + 1)]) : Buffer.from([0]);
    case 'truncate':
      return bytes.subarray(0, rng.int(Math.max(1, bytes.length)));
    case 'extend':
      return Buffer.concat([bytes, Buffer.from(Array.from({ length: 1 + rng.int(16) }, () => rng.int(256)))]);
  }
}

/** Applies a byte mutation to one byte field of `doc` (in place); returns what was done. */
export function applyBytes(doc: unknown, op: ByteOp, rng: Rng): string {
  const fields = byteFields(doc);
  if (fields.length === 0) return `${op}: no byte field (no-op)`;
  const { node, text } = rng.pick(fields);
  const value = node.value as string;
  const before = text ? Buffer.from(value, 'utf8') : Buffer.from(value, 'base64');
  const after = mutateBytes(before, op, rng);
  setAt(doc, node.path, text ? after.toString('utf8') : after.toString('base64'));
  return `${op} in ${text ? 'text' : 'base64'} ${pathText(node.path)} (${before.length} -> ${after.length} bytes)`;
}

/**
 * Mutates the document's JSON text. Returns the re-parsed document, or undefined when the text
 * no longer parses (the core only ever sees parsed JSON, so there is nothing to verify then).
 */
export function applyRaw(doc: unknown, op: RawOp, rng: Rng): { doc: unknown; label: string } | undefined {
  if (op === 'raw-duplicate-key') return duplicateKeyText(doc, rng);
  const text = Buffer.from(JSON.stringify(doc), 'utf8');
  const at = rng.int(text.length);
  let mutated: Buffer;
  if (op === 'raw-flip') {
    mutated = Buffer.from(text);
    mutated[at] = (mutated[at] ?? 0) ^ (1 << rng.int(8));
  } else if (op === 'raw-insert') mutated = Buffer.concat([text.subarray(0, at), Buffer.from([32 + rng.int(95)]), text.subarray(at)]);
  else mutated = Buffer.concat([text.subarray(0, at), text.subarray(at + 1)]);
  try {
    return { doc: JSON.parse(mutated.toString('utf8')) as unknown, label: `${op} at text byte ${at}` };
  } catch {
    return undefined;
  }
}

/** JSON text naming one member twice; JSON.parse keeps the last, as most parsers do. */
function duplicateKeyText(doc: unknown, rng: Rng): { doc: unknown; label: string } | undefined {
  const objects = allNodes(doc).filter((n) => isObject(n.value) && Object.keys(n.value).length > 0);
  if (objects.length === 0) return undefined;
  const target = rng.pick(objects);
  const obj = target.value as Record<string, unknown>;
  const key = rng.pick(Object.keys(obj));
  const decoy = rng.pick(allNodes(doc)).value;
  const decoyFirst = rng.int(2) === 0;
  const marker = `__fuzz_dup_${rng.int(1e9)}__`;
  const keys = Object.keys(obj);
  obj[marker] = null;
  reorderKeys(obj, decoyFirst ? [marker, ...keys] : [...keys, marker]);
  const text = JSON.stringify(doc).replace(`"${marker}":null`, () => `${JSON.stringify(key)}:${JSON.stringify(decoy ?? null)}`);
  delete obj[marker];
  reorderKeys(obj, keys);
  const parsed = JSON.parse(text) as unknown;
  return { doc: parsed, label: `duplicate key ${pathText([...target.path, key])} in the text (decoy ${decoyFirst ? 'first' : 'last'})` };
}

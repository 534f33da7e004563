// Just enough DER to read public keys (SPKI, PKCS#1, the SPKI inside a certificate).
// Strict on purpose: every length must fit its parent and use the minimal form, so that
// a key we accept is a key OpenSSL would also accept, and garbage throws as it does in node.

export const TAG = {
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  NULL: 0x05,
  OID: 0x06,
  SEQUENCE: 0x30,
} as const;

export interface DerNode {
  tag: number;
  /** The value bytes (a view into the input, not a copy). */
  content: Uint8Array;
  /** The whole element, header included (a view as well). */
  raw: Uint8Array;
  /** Offset just past this element in the input it was read from. */
  end: number;
}

export class DerError extends Error {
  readonly code = 'ERR_OSSL_ASN1_DECODE';
}

export function readNode(bytes: Uint8Array, offset = 0): DerNode {
  const tag = bytes[offset];
  if (tag === undefined) throw new DerError('DER: unexpected end of input');
  // High tag numbers never occur in the structures we read.
  if ((tag & 0x1f) === 0x1f) throw new DerError('DER: high tag number form');
  const first = bytes[offset + 1];
  if (first === undefined) throw new DerError('DER: missing length');
  let length = first;
  let headerLength = 2;
  if (first & 0x80) {
    const count = first & 0x7f;
    // 0x80 is BER's indefinite form; DER forbids it, and 4 bytes already allow 4 GiB.
    if (count === 0 || count > 4) throw new DerError('DER: unsupported length form');
    length = 0;
    for (let i = 0; i < count; i++) {
      const b = bytes[offset + 2 + i];
      if (b === undefined) throw new DerError('DER: truncated length');
      if (i === 0 && b === 0) throw new DerError('DER: non-minimal length');
      length = length * 256 + b;
    }
    if (length < 0x80) throw new DerError('DER: non-minimal length');
    headerLength += count;
  }
  const start = offset + headerLength;
  const end = start + length;
  if (end > bytes.length) throw new DerError('DER: length exceeds input');
  return { tag, content: bytes.subarray(start, end), raw: bytes.subarray(offset, end), end };
}

/**
 * Reads the first element of the input, with the expected tag. Bytes after it are ignored,
 * as OpenSSL's d2i functions (and so node's createPublicKey) ignore them; callers keep
 * `raw`, so the trailing bytes never become part of a key's identity.
 */
export function readTop(bytes: Uint8Array, tag: number): DerNode {
  return expectTag(readNode(bytes, 0), tag);
}

export function expectTag(node: DerNode, tag: number): DerNode {
  if (node.tag !== tag) throw new DerError(`DER: expected tag 0x${tag.toString(16)}, got 0x${node.tag.toString(16)}`);
  return node;
}

/** The elements of a constructed value, in order. */
export function children(node: DerNode): DerNode[] {
  const out: DerNode[] = [];
  let offset = 0;
  while (offset < node.content.length) {
    const child = readNode(node.content, offset);
    out.push(child);
    offset = child.end;
  }
  return out;
}

export function decodeOid(node: DerNode): string {
  const bytes = expectTag(node, TAG.OID).content;
  if (bytes.length === 0) throw new DerError('DER: empty OID');
  const arcs: number[] = [];
  let value = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    if (value === 0 && b === 0x80) throw new DerError('DER: non-minimal OID arc');
    value = value * 128 + (b & 0x7f);
    if (value > Number.MAX_SAFE_INTEGER / 128) throw new DerError('DER: OID arc too large');
    if ((b & 0x80) === 0) {
      arcs.push(value);
      value = 0;
    } else if (i === bytes.length - 1) {
      throw new DerError('DER: truncated OID');
    }
  }
  const first = arcs[0] as number;
  const head = first < 40 ? [0, first] : first < 80 ? [1, first - 40] : [2, first - 80];
  return [...head, ...arcs.slice(1)].join('.');
}

/** A BIT STRING's bits as bytes; keys are always whole bytes, so unused bits must be 0. */
export function bitStringBytes(node: DerNode): Uint8Array {
  const content = expectTag(node, TAG.BIT_STRING).content;
  if (content[0] !== 0) throw new DerError('DER: bit string with unused bits');
  return content.subarray(1);
}

/** A non-negative INTEGER as a bigint (RSA modulus and exponent). */
export function positiveInteger(node: DerNode): bigint {
  const content = expectTag(node, TAG.INTEGER).content;
  const first = content[0];
  if (first === undefined) throw new DerError('DER: empty integer');
  if (first & 0x80) throw new DerError('DER: negative integer');
  if (first === 0 && content.length > 1 && ((content[1] as number) & 0x80) === 0) {
    throw new DerError('DER: non-minimal integer');
  }
  let value = 0n;
  for (const b of content) value = (value << 8n) | BigInt(b);
  return value;
}

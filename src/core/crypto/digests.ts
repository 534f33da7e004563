// Hash algorithms by the names node accepts, and a node-shaped `Hash` (createHash).
// Only the SHA family Sigstore can name is here; anything else throws like an unknown
// digest in node, so a check that depends on it fails instead of passing unchecked.
import { Buffer } from 'buffer';
import { sha1 } from '@noble/hashes/legacy.js';
import { sha224, sha256, sha384, sha512 } from '@noble/hashes/sha2.js';

export type DigestName = 'sha1' | 'sha224' | 'sha256' | 'sha384' | 'sha512';

interface NobleHasher {
  update(buf: Uint8Array): unknown;
  digest(): Uint8Array;
}

const HASHES: Record<DigestName, { create(): NobleHasher; (msg: Uint8Array): Uint8Array }> = {
  sha1,
  sha224,
  sha256,
  sha384,
  sha512,
};

/** Names OpenSSL knows that we deliberately do not implement (verify answers false). */
const KNOWN_UNSUPPORTED = new Set(['md5', 'md4', 'ripemd160', 'sha3-256', 'sha3-384', 'sha3-512', 'sha512-256']);

export class DigestError extends Error {
  readonly code = 'ERR_CRYPTO_INVALID_DIGEST';
}

/**
 * Canonical name for `algorithm` ('SHA256', 'sha-256', 'RSA-SHA256' -> 'sha256'),
 * 'unsupported' for names OpenSSL knows but we do not, or throws for unknown names.
 */
export function normalizeDigest(algorithm: string): DigestName | 'unsupported' {
  const lower = algorithm.toLowerCase().replace(/^rsa-/, '');
  const name = lower.replace(/^sha-(\d)/, 'sha$1');
  if (name in HASHES) return name as DigestName;
  if (KNOWN_UNSUPPORTED.has(name)) return 'unsupported';
  throw new DigestError(`Invalid digest: ${algorithm}`);
}

export function digestBytes(name: DigestName, data: Uint8Array): Uint8Array {
  return HASHES[name](data);
}

export function toBytes(data: string | ArrayBufferView, encoding?: BufferEncoding): Uint8Array {
  if (typeof data === 'string') return new Uint8Array(Buffer.from(data, encoding ?? 'utf8'));
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  throw new TypeError('The "data" argument must be of type string or an instance of Buffer, TypedArray, or DataView.');
}

export function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** The subset of node's `crypto.Hash` that Sigstore and ordinary callers use. */
export class Hash {
  private finished = false;

  constructor(
    readonly algorithm: DigestName,
    private readonly state: NobleHasher = HASHES[algorithm].create(),
  ) {}

  update(data: string | ArrayBufferView, inputEncoding?: BufferEncoding): this {
    if (this.finished) throw new Error('Digest already called');
    this.state.update(toBytes(data, inputEncoding));
    return this;
  }

  digest(): Buffer;
  digest(encoding: BufferEncoding): string;
  digest(encoding?: BufferEncoding): Buffer | string {
    if (this.finished) throw new Error('Digest already called');
    this.finished = true;
    const out = toBuffer(this.state.digest());
    return encoding ? out.toString(encoding) : out;
  }
}

export function createHash(algorithm: string): Hash {
  if (typeof algorithm !== 'string') {
    throw new TypeError(`The "algorithm" argument must be of type string. Received ${typeof algorithm}`);
  }
  const name = normalizeDigest(algorithm);
  if (name === 'unsupported') throw new DigestError(`Digest method not supported: ${algorithm}`);
  return new Hash(name);
}

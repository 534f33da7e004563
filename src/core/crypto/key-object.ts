// A public-key object shaped like node's KeyObject, and createPublicKey over it.
// Decoded keys are memoised: the same trusted-root and CT/Rekor keys are decoded for
// every bundle, and EC decoding validates the point, which is not free.
import { Buffer } from 'buffer';
import { bytesToHex } from '@noble/hashes/utils.js';
import { BoundedMemo } from './bounded-memo';
import { toBytes } from './digests';
import { decodePem, decodePkcs1, decodeSpki, type DecodedKey, type KeyMaterial } from './public-key-parse';
import { modulusLength } from './rsa-pkcs1';

const NAMED_CURVE = { 'P-256': 'prime256v1', 'P-384': 'secp384r1', 'P-521': 'secp521r1' } as const;

export class KeyObject {
  readonly type = 'public';
  readonly asymmetricKeyType: string;
  /** Stable identity of the key bytes, used to key the signature memo. */
  readonly fingerprint: string;
  readonly material: KeyMaterial;
  private readonly decoded: DecodedKey;

  constructor(decoded: DecodedKey) {
    this.decoded = decoded;
    this.material = decoded.material;
    this.asymmetricKeyType = decoded.material.kind === 'unsupported' ? decoded.material.asymmetricKeyType : decoded.material.kind;
    this.fingerprint = `${decoded.derType}:${bytesToHex(decoded.der)}`;
  }

  get asymmetricKeyDetails(): Record<string, unknown> {
    const m = this.material;
    if (m.kind === 'ec') return { namedCurve: NAMED_CURVE[m.curve] };
    if (m.kind === 'rsa') return { modulusLength: modulusLength(m.n), publicExponent: m.e };
    return {};
  }

  /** DER or PEM in the encoding the key came in (spki, or pkcs1 for PKCS#1 RSA input). */
  export(options: { format?: 'der' | 'pem'; type?: 'spki' | 'pkcs1' } = {}): Buffer | string {
    const type = options.type ?? this.decoded.derType;
    if (type !== this.decoded.derType) throw new Error(`export as ${type} is not supported by this adapter`);
    const der = Buffer.from(this.decoded.der);
    if (options.format !== 'pem') return der;
    const label = type === 'pkcs1' ? 'RSA PUBLIC KEY' : 'PUBLIC KEY';
    const body = der.toString('base64').replace(/(.{64})/g, '$1\n').replace(/\n$/, '');
    return `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----\n`;
  }

  equals(other: unknown): boolean {
    return other instanceof KeyObject && other.fingerprint === this.fingerprint;
  }
}

type KeyInput =
  | string
  | ArrayBufferView
  | KeyObject
  | { key: string | ArrayBufferView; format?: string; type?: string; encoding?: BufferEncoding };

const keyMemo = new BoundedMemo<KeyObject>(256);

function memoised(kind: string, bytes: Uint8Array, decode: () => DecodedKey): KeyObject {
  return keyMemo.getOrCompute(`${kind}:${bytesToHex(bytes)}`, () => new KeyObject(decode()));
}

function fromPem(pem: string | ArrayBufferView, encoding?: BufferEncoding): KeyObject {
  const text = typeof pem === 'string' ? pem : Buffer.from(toBytes(pem)).toString(encoding ?? 'utf8');
  return memoised('pem', toBytes(text), () => decodePem(text));
}

export function createPublicKey(input: KeyInput): KeyObject {
  if (input instanceof KeyObject) return input;
  if (typeof input === 'string' || ArrayBuffer.isView(input)) return fromPem(input);
  if (typeof input !== 'object' || input === null || !('key' in input)) {
    throw new TypeError('The "key" argument must be a string, Buffer, KeyObject or key options object');
  }
  const format = input.format ?? 'pem';
  if (format === 'pem') return fromPem(input.key, input.encoding);
  if (format !== 'der') throw new Error(`key format ${format} is not supported by this adapter`);
  const der = toBytes(input.key, input.encoding);
  // Copy: the caller may reuse its buffer, and the decoded key keeps views into these bytes.
  const owned = new Uint8Array(der);
  if (input.type === 'spki') return memoised('spki', owned, () => decodeSpki(owned));
  if (input.type === 'pkcs1') return memoised('pkcs1', owned, () => decodePkcs1(owned));
  throw new Error(`DER key type ${String(input.type)} is not supported by this adapter`);
}

export function clearKeyMemo(): void {
  keyMemo.clear();
}

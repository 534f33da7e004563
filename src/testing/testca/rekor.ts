// The test Rekor log: turns a signed DSSE envelope into a TransparencyLogEntry (protobuf JSON,
// int64 as strings) with a signed entry timestamp, an inclusion proof and a signed checkpoint.
import { createHash } from 'node:crypto';
import { sha256, sha256Hex, type TestKey } from './keys';

export type TlogKind = 'dsse' | 'intoto';

export interface SignedEnvelope {
  payload: Buffer;
  payloadType: string;
  signature: Buffer;
  /** Signature keyid as it appears in the envelope ('' for certificate-signed). */
  keyid: string;
}

export interface TlogEntryJson {
  logIndex: string;
  logId: { keyId: string };
  kindVersion: { kind: TlogKind; version: string };
  integratedTime: string;
  inclusionPromise: { signedEntryTimestamp: string };
  inclusionProof: {
    logIndex: string;
    rootHash: string;
    treeSize: string;
    hashes: string[];
    checkpoint: { envelope: string };
  };
  canonicalizedBody: string;
}

export interface EntryOptions {
  kind: TlogKind;
  integratedTime: number;
  /** Global log index; by default alternates between values below and above 2^31. */
  logIndex?: bigint | number | string;
}

const TREE_ID = '4242424242424242424';

/** Sorted-key JSON without whitespace: Rekor's canonical form for the values used here. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export class TestRekor {
  private entries = 0;

  constructor(
    readonly key: TestKey,
    readonly host = 'rekor.provenance-lens.test',
  ) {}

  get baseUrl(): string {
    return `https://${this.host}`;
  }

  /** `verifierPem`: the signing certificate or public key, as Rekor records it. */
  entry(envelope: SignedEnvelope, verifierPem: string, options: EntryOptions): TlogEntryJson {
    const n = this.entries++;
    const logIndex = BigInt(options.logIndex ?? (n % 2 === 0 ? 2_272_775_063n : 149_945_774n) + BigInt(n));
    const body = Buffer.from(canonicalJson(entryBody(envelope, verifierPem, options.kind)), 'utf8');
    const treeSize = 3 + (n % 5);
    const index = n % treeSize;
    const leaves = Array.from({ length: treeSize }, (_, i) => (i === index ? leafHash(body) : leafHash(Buffer.from(`filler ${n}.${i}`))));
    const root = rootHash(leaves);
    const logId = this.key.keyId;
    const promise = canonicalJson({
      body: body.toString('base64'),
      integratedTime: options.integratedTime,
      logIndex: Number(logIndex),
      logID: logId.toString('hex'),
    });
    return {
      logIndex: logIndex.toString(),
      logId: { keyId: logId.toString('base64') },
      kindVersion: { kind: options.kind, version: options.kind === 'dsse' ? '0.0.1' : '0.0.2' },
      integratedTime: String(options.integratedTime),
      inclusionPromise: { signedEntryTimestamp: this.key.sign(Buffer.from(promise, 'utf8')).toString('base64') },
      inclusionProof: {
        logIndex: String(index),
        rootHash: root.toString('base64'),
        treeSize: String(treeSize),
        hashes: inclusionPath(index, leaves).map((h) => h.toString('base64')),
        checkpoint: { envelope: this.checkpoint(treeSize, root) },
      },
      canonicalizedBody: body.toString('base64'),
    };
  }

  /** A signed note: `<origin>\n<size>\n<root>\n`, a blank line, then `— <name> <b64(keyhint+sig)>`. */
  private checkpoint(treeSize: number, root: Buffer): string {
    const note = `${this.host} - ${TREE_ID}\n${treeSize}\n${root.toString('base64')}\n`;
    const signature = Buffer.concat([this.key.keyId.subarray(0, 4), this.key.sign(Buffer.from(note, 'utf8'))]);
    return `${note}\n\u2014 ${this.host} ${signature.toString('base64')}\n`;
  }
}

function entryBody(envelope: SignedEnvelope, verifierPem: string, kind: TlogKind): unknown {
  const sig = envelope.signature.toString('base64');
  const verifier = Buffer.from(verifierPem, 'utf8').toString('base64');
  const payloadHash = { algorithm: 'sha256', value: sha256Hex(envelope.payload) };
  const envelopeJson = canonicalJson({
    payload: envelope.payload.toString('base64'),
    payloadType: envelope.payloadType,
    signatures: [{ keyid: envelope.keyid, sig }],
  });
  const envelopeHash = { algorithm: 'sha256', value: sha256(envelopeJson).toString('hex') };
  if (kind === 'dsse') {
    return { apiVersion: '0.0.1', kind, spec: { envelopeHash, payloadHash, signatures: [{ signature: sig, verifier }] } };
  }
  // intoto 0.0.2 stores the signature base64-encoded once more, as real entries do.
  const signature = {
    ...(envelope.keyid ? { keyid: envelope.keyid } : {}),
    publicKey: verifier,
    sig: Buffer.from(sig, 'utf8').toString('base64'),
  };
  return {
    apiVersion: '0.0.2',
    kind,
    spec: { content: { envelope: { payloadType: envelope.payloadType, signatures: [signature] }, hash: envelopeHash, payloadHash } },
  };
}

// An RFC 6962 Merkle tree small enough to build in full: each entry sits among a few filler
// leaves and its inclusion is proven the way the real log proves it.
function hash(...parts: Uint8Array[]): Buffer {
  const h = createHash('sha256');
  for (const part of parts) h.update(part);
  return h.digest();
}

function leafHash(leaf: Uint8Array): Buffer {
  return hash(Buffer.from([0x00]), leaf);
}

function nodeHash(left: Buffer, right: Buffer): Buffer {
  return hash(Buffer.from([0x01]), left, right);
}

/** Largest power of two strictly below n (n >= 2). */
function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** MTH(D[n]) over already-hashed leaves. */
function rootHash(leaves: Buffer[]): Buffer {
  if (leaves.length === 0) return hash();
  if (leaves.length === 1) return leaves[0] as Buffer;
  const k = split(leaves.length);
  return nodeHash(rootHash(leaves.slice(0, k)), rootHash(leaves.slice(k)));
}

/** PATH(m, D[n]): the audit path from leaf m up to the root, lowest level first. */
function inclusionPath(index: number, leaves: Buffer[]): Buffer[] {
  if (leaves.length <= 1) return [];
  const k = split(leaves.length);
  return index < k
    ? [...inclusionPath(index, leaves.slice(0, k)), rootHash(leaves.slice(k))]
    : [...inclusionPath(index - k, leaves.slice(k)), rootHash(leaves.slice(0, k))];
}

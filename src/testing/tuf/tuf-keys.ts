// Signing keys for a TUF repository the tests generate: ECDSA P-256 keys made with node crypto,
// in the form Sigstore's root.json lists them, and metadata signed through @tufjs/models (which
// canonicalises the `signed` part exactly as the client verifies it).
import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { Metadata, MetadataKind, Signature } from '@tufjs/models';

export interface TufTestKey {
  id: string;
  /** The key as root.json or a delegation lists it. */
  json: { keytype: 'ecdsa'; scheme: 'ecdsa-sha2-nistp256'; keyval: { public: string } };
  privateKey: KeyObject;
}

export function generateTufKey(): TufTestKey {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const json = { keytype: 'ecdsa', scheme: 'ecdsa-sha2-nistp256', keyval: { public: pem } } as const;
  return { id: createHash('sha256').update(JSON.stringify(json)).digest('hex'), json, privateKey };
}

export function keyMap(keys: readonly TufTestKey[]): Record<string, TufTestKey['json']> {
  return Object.fromEntries(keys.map((k) => [k.id, k.json]));
}

const KINDS: Record<string, MetadataKind> = {
  root: MetadataKind.Root,
  timestamp: MetadataKind.Timestamp,
  snapshot: MetadataKind.Snapshot,
  targets: MetadataKind.Targets,
};

/** `signed` wrapped as TUF metadata, signed by each of `signers`; the JSON text a repository serves. */
export function signMetadata(signed: Record<string, unknown> & { _type: string }, signers: readonly TufTestKey[]): string {
  const kind = KINDS[signed._type];
  if (kind === undefined) throw new Error(`unknown metadata type ${signed._type}`);
  // Overloads per kind; the union of them is what fromJSON accepts here.
  const metadata = (Metadata.fromJSON as (k: MetadataKind, d: Record<string, unknown>) => Metadata<never>)(kind, { signed, signatures: [] });
  for (const key of signers) {
    metadata.sign((data) => new Signature({ keyID: key.id, sig: sign('sha256', data, key.privateKey).toString('hex') }), true);
  }
  return JSON.stringify(metadata.toJSON());
}

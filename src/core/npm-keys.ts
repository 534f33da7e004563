// npm registry keys (keys.json from Sigstore's TUF repo): each key is trusted for one usage and
// only inside its validFor window, so old attestations are judged at the time they were logged.
import { crypto } from '@sigstore/core';
import type { KeyFinderFunc } from '@sigstore/verify';
import { fail, isRecord } from './outcome';

export type NpmKeyUsage = 'npm:signatures' | 'npm:attestations';

export interface NpmKey {
  keyId: string;
  usage: NpmKeyUsage;
  publicKey: crypto.KeyObject;
  start: Date;
  end?: Date;
}

const USAGES: readonly string[] = ['npm:signatures', 'npm:attestations'];

export function parseNpmKeys(input: unknown): NpmKey[] {
  if (input === undefined || input === null) return [];
  if (!isRecord(input) || !Array.isArray(input.keys)) fail('TRUST_MATERIAL', 'npm keys: expected {keys: [...]}');
  return input.keys.map((entry, i): NpmKey => {
    const where = `npm keys[${i}]`;
    if (!isRecord(entry) || typeof entry.keyId !== 'string' || !USAGES.includes(String(entry.keyUsage))) {
      fail('TRUST_MATERIAL', `${where}: keyId or keyUsage missing`);
    }
    const pk = entry.publicKey;
    if (!isRecord(pk) || typeof pk.rawBytes !== 'string' || !isRecord(pk.validFor)) {
      fail('TRUST_MATERIAL', `${where}: publicKey.rawBytes or validFor missing`);
    }
    const start = parseDate(pk.validFor.start);
    // A window without a start is malformed, not "valid since forever".
    if (!start) fail('TRUST_MATERIAL', `${where}: validFor.start missing`);
    const end = pk.validFor.end === undefined || pk.validFor.end === null ? undefined : parseDate(pk.validFor.end);
    if (pk.validFor.end != null && !end) fail('TRUST_MATERIAL', `${where}: validFor.end unreadable`);
    let publicKey: crypto.KeyObject;
    try {
      publicKey = crypto.createPublicKey(Buffer.from(pk.rawBytes, 'base64'));
    } catch (error) {
      fail('TRUST_MATERIAL', `${where}: unreadable public key (${String(error)})`);
    }
    return { keyId: entry.keyId, usage: entry.keyUsage as NpmKeyUsage, publicKey, start, end };
  });
}

export function keyValidAt(key: NpmKey, date: Date): boolean {
  return key.start <= date && (key.end === undefined || date <= key.end);
}

export function findNpmKey(keys: readonly NpmKey[], keyId: string, usage: NpmKeyUsage): NpmKey | undefined {
  return keys.find((k) => k.keyId === keyId && k.usage === usage);
}

/** The key finder @sigstore/verify calls for key-signed (npm publish) bundles. */
export function npmAttestationKeyFinder(keys: readonly NpmKey[]): KeyFinderFunc {
  return (hint) => {
    const key = findNpmKey(keys, hint, 'npm:attestations');
    if (!key) fail('TRUST_UNKNOWN_KEY', `no npm:attestations key ${hint} in the trust material`);
    return { publicKey: key.publicKey, validFor: (date) => keyValidAt(key, date) };
  };
}

export function parseDate(value: unknown): Date | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

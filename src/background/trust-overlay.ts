// The e2e trust overlay: a test Sigstore instance appended to the production trust material.
// Appending (never replacing) keeps every production verdict the same in e2e builds, so the
// extension under test is the one users get plus one extra CA, log and npm key.
import { isRecord } from './storage-area';

export interface TrustMaterial {
  trustedRoot: unknown;
  npmKeys: unknown;
}

/** The trusted-root lists an overlay may extend: authorities and logs, nothing else. */
const ROOT_LISTS = ['tlogs', 'certificateAuthorities', 'ctlogs', 'timestampAuthorities'] as const;

function listOf(doc: Record<string, unknown>, field: string): unknown[] {
  const value = doc[field];
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new TypeError(`trust overlay: ${field} is not a list`);
  return value;
}

function record(value: unknown, what: string): Record<string, unknown> {
  if (!isRecord(value)) throw new TypeError(`trust overlay: ${what} is not an object`);
  return value;
}

/** Production material with the overlay's authorities, logs and npm keys appended. */
export function mergeTrustOverlay(production: TrustMaterial, overlay: TrustMaterial): TrustMaterial {
  const root = record(production.trustedRoot, 'production trusted root');
  const extra = record(overlay.trustedRoot, 'overlay trusted root');
  const trustedRoot: Record<string, unknown> = { ...root };
  for (const field of ROOT_LISTS) {
    trustedRoot[field] = [...listOf(root, field), ...listOf(extra, field)];
  }
  const keys = record(production.npmKeys, 'production npm keys');
  const extraKeys = record(overlay.npmKeys, 'overlay npm keys');
  const npmKeys = { ...keys, keys: [...listOf(keys, 'keys'), ...listOf(extraKeys, 'keys')] };
  return { trustedRoot, npmKeys };
}

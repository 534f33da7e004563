// npm registry signatures: ECDSA P-256/SHA-256 over `<name>@<version>:<integrity>` with an
// npm:signatures key from keys.json.
import { crypto } from '@sigstore/core';
import type { NpmVersionInfo } from './api';
import { fail, isRecord } from './outcome';
import { findNpmKey, keyValidAt, type NpmKey } from './npm-keys';

/**
 * `at` is when the key must have been valid. Registry signatures carry no timestamp of their
 * own, so the caller passes the publish attestation's log time when there is one (the signature
 * was made at publication), else now.
 */
export function checkRegistrySignatures(version: NpmVersionInfo, keys: readonly NpmKey[], at: Date): void {
  const signatures = version.signatures;
  if (signatures === undefined || signatures.length === 0) return;
  const message = Buffer.from(`${version.name}@${version.version}:${version.integrity}`, 'utf8');
  let knownKey = false;
  for (const entry of signatures) {
    if (!isRecord(entry) || typeof entry.keyid !== 'string' || typeof entry.sig !== 'string') continue;
    const key = findNpmKey(keys, entry.keyid, 'npm:signatures');
    if (!key) continue;
    knownKey = true;
    if (!keyValidAt(key, at)) continue;
    try {
      if (crypto.verify(message, key.publicKey, Buffer.from(entry.sig, 'base64'), 'sha256')) return;
    } catch {
      // A signature that cannot even be decoded is simply not a valid one.
    }
  }
  if (!knownKey) fail('TRUST_UNKNOWN_KEY', 'no registry signature was made with a key in the trust material');
  fail('SIGNATURE_REGISTRY', `no registry signature verifies for ${version.name}@${version.version} at ${at.toISOString()}`);
}

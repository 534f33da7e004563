// Verifies a BundleCase straight through @sigstore/verify (not src/core, which is written
// elsewhere), so tests and the benchmark exercise exactly the library path the adapter serves.
// Build the Verifier inside withCrypto(): trust material holds keys of the active crypto.
import { bundleFromJSON } from '@sigstore/bundle';
import { crypto as sigstoreCrypto } from '@sigstore/core';
import { TrustedRoot } from '@sigstore/protobuf-specs';
import { PolicyError, toSignedEntity, toTrustMaterial, VerificationError, Verifier, type KeyFinderFunc } from '@sigstore/verify';
import type { BundleCase } from './real-bundle-cases';

/** `code` is the Sigstore error code, or OTHER for errors outside the verifier's vocabulary. */
export type Outcome = { ok: true } | { ok: false; code: string; message: string };

interface NpmKeys {
  keys: { keyId: string; keyUsage: string; publicKey: { rawBytes: string; validFor: { start: string; end?: string } } }[];
}

/** npm registry attestation keys, judged at the log's integrated time (validFor), not now. */
export function npmKeyFinder(keysJson: unknown): KeyFinderFunc {
  const keys = (keysJson as NpmKeys).keys.filter((k) => k.keyUsage === 'npm:attestations');
  return (hint) => {
    const key = keys.find((k) => k.keyId === hint);
    if (!key) throw new VerificationError({ code: 'PUBLIC_KEY_ERROR', message: `no npm key for ${hint}` });
    const start = new Date(key.publicKey.validFor.start);
    const end = key.publicKey.validFor.end ? new Date(key.publicKey.validFor.end) : undefined;
    return {
      publicKey: sigstoreCrypto.createPublicKey(key.publicKey.rawBytes),
      validFor: (date) => date >= start && (end === undefined || date <= end),
    };
  };
}

function pemKeyFinder(pem: string): KeyFinderFunc {
  return () => ({ publicKey: sigstoreCrypto.createPublicKey(pem), validFor: () => true });
}

export function makeVerifier(c: BundleCase): Verifier {
  const keys = c.keyPem !== undefined ? pemKeyFinder(c.keyPem) : c.npmKeys ? npmKeyFinder(c.npmKeys) : undefined;
  const trust = toTrustMaterial(TrustedRoot.fromJSON(c.trustedRoot), keys);
  return new Verifier(trust, { tlogThreshold: 1, ctlogThreshold: 1 });
}

function toOutcome(error: unknown): Outcome {
  const message = error instanceof Error ? error.message : String(error);
  const code = error instanceof VerificationError || error instanceof PolicyError ? error.code : 'OTHER';
  return { ok: false, code, message };
}

/** Parses and verifies the case's bundle; every failure becomes an Outcome, never a throw. */
export function verifyCase(c: BundleCase, verifier: Verifier): Outcome {
  try {
    if (typeof c.bundle === 'string') throw new SyntaxError('bundle is not valid JSON');
    const bundle = bundleFromJSON(c.bundle);
    const entity = toSignedEntity(bundle, c.artifact ? Buffer.from(c.artifact) : undefined);
    verifier.verify(entity, c.policy);
    return { ok: true };
  } catch (error) {
    return toOutcome(error);
  }
}

/** Builds the verifier and verifies in one go (a failure to load trust is an Outcome too). */
export function verifyCaseFresh(c: BundleCase): Outcome {
  try {
    return verifyCase(c, makeVerifier(c));
  } catch (error) {
    return toOutcome(error);
  }
}

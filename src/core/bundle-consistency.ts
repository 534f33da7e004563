// Checks on a bundle that @sigstore/bundle and @sigstore/verify leave out, which the Sigstore
// client spec (and sigstore-python, sigstore-go) require.
import {
  BUNDLE_V01_MEDIA_TYPE,
  BUNDLE_V02_MEDIA_TYPE,
  BUNDLE_V03_LEGACY_MEDIA_TYPE,
  BUNDLE_V03_MEDIA_TYPE,
  type Bundle,
} from '@sigstore/bundle';
import type { X509Certificate } from '@sigstore/core';
import { fail } from './outcome';

const MAX_TLOG_ENTRIES = 8;

// @sigstore/bundle accepts any `version=\d.\d`; a version we do not know may mean fields we
// would silently ignore.
const KNOWN_MEDIA_TYPES: ReadonlySet<string> = new Set([
  BUNDLE_V01_MEDIA_TYPE,
  BUNDLE_V02_MEDIA_TYPE,
  BUNDLE_V03_LEGACY_MEDIA_TYPE,
  BUNDLE_V03_MEDIA_TYPE,
]);

/**
 * RFC 5280 4.1.1.2: the outer signatureAlgorithm must equal the one inside the signed TBS.
 * @sigstore/core reads only the outer, unsigned one and falls back to SHA-256 for an OID it does
 * not know, so without this check those bytes could be changed at will.
 */
export function checkCertificateAlgorithm(leaf: X509Certificate | undefined): void {
  if (!leaf) return;
  const outer = leaf.root.subs[1];
  const inner = leaf.tbsCertificate.subs[2];
  const known = (() => {
    try {
      return leaf.signatureAlgorithm !== undefined;
    } catch {
      return false;
    }
  })();
  if (!outer || !inner || !known || !outer.toDER().equals(inner.toDER())) {
    fail('CERT_CHAIN', 'certificate signature algorithm is unknown or differs from the signed one');
  }
}

/**
 * RFC 5280 4.2: a certificate includes at most one instance of an extension. Readers take the
 * first (ours and @sigstore/core's subject alternative name alike), so a leaf carrying a second,
 * different repository or workflow would show whichever came first; sigstore-python refuses
 * such a certificate outright, and so do we.
 */
export function checkUniqueExtensions(leaf: X509Certificate | undefined): void {
  if (!leaf) return;
  const seen = new Set<string>();
  for (const extension of leaf.extensions) {
    const oid = extension.subs[0]?.toOID();
    if (oid === undefined || seen.has(oid)) fail('PARSE_CERTIFICATE', `certificate repeats extension ${oid ?? '(unnamed)'} (RFC 5280 4.2)`);
    seen.add(oid);
  }
}

/**
 * Log indexes and times must be plain decimal strings: the signed entry timestamp is checked
 * on their numeric value, so any other spelling would verify yet show a different index.
 */
export function checkLogEntryNumbers(bundle: Bundle): void {
  // One log entry is what Sigstore writes; a handful covers any threshold policy.
  if (bundle.verificationMaterial.tlogEntries.length > MAX_TLOG_ENTRIES) {
    fail('TLOG_ENTRY', `more than ${MAX_TLOG_ENTRIES} transparency log entries`);
  }
  for (const entry of bundle.verificationMaterial.tlogEntries) {
    if (!/^\d+$/.test(entry.logIndex) || !/^\d+$/.test(entry.integratedTime)) {
      fail('TLOG_ENTRY', 'log index and integrated time must be decimal integers');
    }
  }
}

export function checkMediaType(bundle: Bundle): void {
  if (!KNOWN_MEDIA_TYPES.has(bundle.mediaType)) {
    fail('POLICY_UNSUPPORTED_BUNDLE', `unsupported bundle media type ${bundle.mediaType}`);
  }
}

/**
 * @sigstore/verify proves inclusion against the signed checkpoint's size and root and never
 * looks at the proof's own `treeSize` and `rootHash`. Those must name the same tree: a proof
 * that disagrees with its checkpoint is malformed, whatever the checkpoint proves.
 */
export function checkInclusionProofsMatchCheckpoints(bundle: Bundle): void {
  for (const entry of bundle.verificationMaterial.tlogEntries) {
    const proof = entry.inclusionProof;
    // Without a signed entry timestamp (Rekor v2) only the proof binds the entry's index: the
    // entry's own `logIndex` is what we show, so it must be the proven one.
    if (proof && !entry.inclusionPromise && BigInt(entry.logIndex) !== BigInt(proof.logIndex)) {
      fail('TLOG_INCLUSION_PROOF', `log index ${entry.logIndex} differs from the inclusion proof's ${proof.logIndex}`);
    }
    const note = proof?.checkpoint?.envelope;
    if (!proof || !note) continue;
    const [, size, root] = note.split('\n');
    if (size === undefined || root === undefined || !/^\d+$/.test(size)) {
      fail('TLOG_INCLUSION_PROOF', 'checkpoint note has no tree size and root hash');
    }
    if (BigInt(size) !== BigInt(proof.treeSize)) {
      fail('TLOG_INCLUSION_PROOF', `inclusion proof tree size ${proof.treeSize} differs from its checkpoint's ${size}`);
    }
    if (Buffer.from(root, 'base64').compare(Buffer.from(proof.rootHash)) !== 0) {
      fail('TLOG_INCLUSION_PROOF', "inclusion proof root hash differs from its checkpoint's");
    }
  }
}

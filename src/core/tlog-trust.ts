// Trust gaps found before cryptography: a log, CA or npm key our snapshot does not know.
//
// The embedded trust material is a snapshot. Sigstore adds logs, CAs and npm keys over time, so
// an unknown one is "couldn't check (trust root out of date)" - but only if the entry claims to
// be newer than the snapshot. An entry claiming an earlier time would have been signed by an
// authority the snapshot already knew, so an unknown one then is a forgery or another instance
// (e.g. Sigstore staging): that is `invalid`, never a grey "retry later".
import type { Bundle } from '@sigstore/bundle';
import { crypto, RFC3161Timestamp, X509Certificate } from '@sigstore/core';
import { fail } from './outcome';
import type { TrustState } from './trust';

const CLOCK_SKEW_MS = 24 * 60 * 60 * 1000;

export interface TrustGapOptions {
  /** Whether a public-key hint is known to the key finder in use; absent = any hint is known. */
  knownKeyHint?: (hint: string) => boolean;
}

export function checkTrustGaps(bundle: Bundle, state: TrustState, options: TrustGapOptions = {}): void {
  const claimed = claimedTime(bundle);
  const leaf = leafCertificate(bundle);
  // A claim from the future is no sign of a newer snapshot, only of a made-up time. Nor is a
  // time outside the signing certificate's own validity: Fulcio certificates live minutes, and a
  // real entry is integrated while its certificate is valid. Without this bound, changing the
  // unsigned integrated time of an old or foreign bundle would turn its red into grey.
  const plausible = claimed === undefined || (claimed.getTime() <= Date.now() + CLOCK_SKEW_MS && withinValidity(claimed, leaf));
  const newer = plausible && (claimed === undefined || claimed > state.rootDate);
  const vm = bundle.verificationMaterial;
  if (leaf) {
    const aki = leaf.extAuthorityKeyID?.keyIdentifier?.toString('hex');
    const known = aki ? state.caKeyIds.has(aki) : state.caSubjects.has(leaf.issuer.toString('hex'));
    if (!known) {
      if (newer) fail('TRUST_UNKNOWN_CA', 'certificate issued by a CA not in the trusted root (trust root may be out of date)');
      fail('CERT_CHAIN', 'certificate issued by a CA not in the trusted root, at a time the trusted root covers');
    }
  }
  if (vm.content.$case === 'publicKey' && options.knownKeyHint && !options.knownKeyHint(vm.content.publicKey.hint)) {
    if (newer) fail('TRUST_UNKNOWN_KEY', `signing key ${vm.content.publicKey.hint} is not in the trust material`);
    fail('SIGNATURE_PUBLIC_KEY', `signing key ${vm.content.publicKey.hint} is unknown at a time the trust material covers`);
  }
  checkTimestampAuthorities(bundle, state, leaf);
  for (const entry of vm.tlogEntries) {
    const logId = Buffer.from(entry.logId.keyId).toString('base64');
    if (state.rejectedLogIds.has(logId)) fail('TLOG_ENTRY', 'the trusted root entry for this log is malformed (no validFor.start)');
    if (!state.logIds.has(logId)) {
      if (newer) fail('TRUST_UNKNOWN_LOG', `transparency log ${logId} is not in the trusted root (trust root may be out of date)`);
      fail('TLOG_ENTRY', `transparency log ${logId} is not in the trusted root, at a time the trusted root covers`);
    }
  }
}

/**
 * RFC 3161 timestamps, by the same rule: one signed by a timestamp authority the trusted root
 * does not name (the signer's serial and issuer), or names but not as valid at the time the
 * timestamp states, is "couldn't check" when that time is after the trust material's date and
 * plausible (not in the future, inside the signing certificate's validity), invalid otherwise.
 * Unreadable timestamps are left to the verifier, which refuses them.
 */
function checkTimestampAuthorities(bundle: Bundle, state: TrustState, leaf: X509Certificate | undefined): void {
  for (const { signedTimestamp } of bundle.verificationMaterial.timestampVerificationData?.rfc3161Timestamps ?? []) {
    let stamp: RFC3161Timestamp;
    try {
      stamp = RFC3161Timestamp.parse(Buffer.from(signedTimestamp));
    } catch {
      continue;
    }
    const at = stamp.signingTime;
    const known = state.material.timestampAuthorities.some(
      (ca) =>
        ca.certChain[0] !== undefined &&
        crypto.bufferEqual(ca.certChain[0].serialNumber, stamp.signerSerialNumber) &&
        crypto.bufferEqual(ca.certChain[0].issuer, stamp.signerIssuer) &&
        ca.validFor.start <= at &&
        at <= ca.validFor.end,
    );
    if (known) continue;
    const plausible = at.getTime() <= Date.now() + CLOCK_SKEW_MS && withinValidity(at, leaf);
    if (plausible && at > state.rootDate) fail('TRUST_UNKNOWN_TSA', 'timestamp authority not in the trusted root at the time it states (trust root may be out of date)');
    fail('TLOG_TIMESTAMP', 'timestamp from an authority the trusted root does not name as valid, at a time the trusted root covers');
  }
}

// The trust-gap checks, the algorithm check and the identity read the same leaf; X.509 parsing is
// one of the costliest steps in the worker, so each bundle's leaf is parsed once.
const parsedLeaves = new WeakMap<Bundle, X509Certificate | undefined>();

export function leafCertificate(bundle: Bundle): X509Certificate | undefined {
  if (parsedLeaves.has(bundle)) return parsedLeaves.get(bundle);
  const leaf = parseLeaf(bundle);
  parsedLeaves.set(bundle, leaf);
  return leaf;
}

function parseLeaf(bundle: Bundle): X509Certificate | undefined {
  const content = bundle.verificationMaterial.content;
  try {
    if (content.$case === 'certificate') return X509Certificate.parse(Buffer.from(content.certificate.rawBytes));
    if (content.$case === 'x509CertificateChain') {
      const first = content.x509CertificateChain.certificates[0];
      if (!first) fail('CERT_MISSING', 'empty certificate chain');
      return X509Certificate.parse(Buffer.from(first.rawBytes));
    }
  } catch (error) {
    if (error instanceof Error && error.name === 'ProvenanceError') throw error;
    fail('PARSE_CERTIFICATE', `unreadable signing certificate: ${String(error)}`);
  }
  return undefined;
}

/**
 * The time the bundle claims for itself: the log's integrated time, else the certificate's
 * notBefore. Unsigned until verified - good enough only to choose between the two failure kinds.
 */
function claimedTime(bundle: Bundle): Date | undefined {
  for (const entry of bundle.verificationMaterial.tlogEntries) {
    // Only a signed entry timestamp vouches for an integrated time (Rekor v2 entries carry none).
    if (!entry.inclusionPromise) continue;
    const seconds = Number(entry.integratedTime);
    if (Number.isFinite(seconds) && seconds > 0) return new Date(seconds * 1000);
  }
  try {
    return leafCertificate(bundle)?.notBefore;
  } catch {
    return undefined;
  }
}

function withinValidity(time: Date, leaf: X509Certificate | undefined): boolean {
  if (!leaf) return true;
  try {
    return time >= leaf.notBefore && time <= leaf.notAfter;
  } catch {
    return false;
  }
}

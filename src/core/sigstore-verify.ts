// The one place that calls @sigstore/verify: bundle JSON -> verified signer, with its errors
// mapped to our stage-prefixed codes.
import './asn1-der-memo';
import './x509-parse-memo';
import './signing-key-memo';
import { bundleFromJSON, type Bundle, type TransparencyLogEntry } from '@sigstore/bundle';
import { RFC3161Timestamp, type X509Certificate } from '@sigstore/core';
import { toSignedEntity, Verifier, type KeyFinderFunc, type Signer } from '@sigstore/verify';
import type { TrustContext } from './api';
import { ProvenanceError, type ErrorCode } from './errors';
import { fail } from './outcome';
import {
  checkCertificateAlgorithm,
  checkInclusionProofsMatchCheckpoints,
  checkUniqueExtensions,
  checkLogEntryNumbers,
  checkMediaType,
} from './bundle-consistency';
import { checkTrustGaps, leafCertificate, type TrustGapOptions } from './tlog-trust';
import { trustState } from './trust';
import type { LogEntryInfo } from './verdict';

export interface VerifyOptions extends TrustGapOptions {
  /** Artifact bytes, for message-signature bundles. */
  artifact?: Buffer;
  /** Replaces the trust context's key finder (a caller-supplied public key). */
  keyFinder?: KeyFinderFunc;
}

export interface VerifiedBundle {
  bundle: Bundle;
  signer: Signer;
  /** The leaf certificate, for certificate-signed bundles. */
  certificate?: X509Certificate;
  keyHint?: string;
  log: LogEntryInfo;
  integratedTime?: Date;
}

export function parseBundle(json: unknown): Bundle {
  try {
    return bundleFromJSON(json);
  } catch (error) {
    fail('PARSE_BUNDLE', `not a valid Sigstore bundle: ${messageOf(error)}`);
  }
}

export function verifySigstoreBundle(json: unknown, trust: TrustContext, options: VerifyOptions = {}): VerifiedBundle {
  const state = trustState(trust);
  const bundle = parseBundle(json);
  checkMediaType(bundle);
  checkLogEntryNumbers(bundle);
  checkTrustGaps(bundle, state, options);
  const certificate = leafCertificate(bundle);
  checkCertificateAlgorithm(certificate);
  checkUniqueExtensions(certificate);
  const verifier = options.keyFinder
    ? new Verifier({ ...state.material, publicKey: options.keyFinder }, { tlogThreshold: 1, ctlogThreshold: 1 })
    : state.verifier;
  let signer: Signer;
  try {
    const entity = toSignedEntity(bundle, options.artifact);
    // No identity policy here: @sigstore/verify matches a SAN policy as an unanchored regular
    // expression. Callers compare the verified identity themselves, exactly (bundle.ts, pypi-identity.ts).
    signer = verifier.verify(entity);
  } catch (error) {
    throw toProvenanceError(error);
  }
  checkInclusionProofsMatchCheckpoints(bundle);
  const vm = bundle.verificationMaterial;
  return {
    bundle,
    signer,
    certificate,
    keyHint: vm.content.$case === 'publicKey' ? vm.content.publicKey.hint : undefined,
    log: logEntryInfo(vm.tlogEntries, timestampedAt(bundle)),
    integratedTime: integratedTime(vm.tlogEntries),
  };
}

const VERIFY_CODES: Record<string, ErrorCode> = {
  TLOG_BODY_ERROR: 'TLOG_BODY',
  TLOG_INCLUSION_PROOF_ERROR: 'TLOG_INCLUSION_PROOF',
  TLOG_INCLUSION_PROMISE_ERROR: 'TLOG_INCLUSION_PROMISE',
  TLOG_MISSING_INCLUSION_ERROR: 'TLOG_MISSING_INCLUSION',
  TLOG_ERROR: 'TLOG_ENTRY',
  CERTIFICATE_ERROR: 'CERT_CHAIN',
  SIGNATURE_ERROR: 'SIGNATURE_INVALID',
  PUBLIC_KEY_ERROR: 'SIGNATURE_PUBLIC_KEY',
  TIMESTAMP_ERROR: 'TLOG_TIMESTAMP',
  NOT_IMPLEMENTED_ERROR: 'POLICY_UNSUPPORTED_BUNDLE',
};

export function toProvenanceError(error: unknown): ProvenanceError {
  if (error instanceof ProvenanceError) return error;
  const message = messageOf(error);
  const code = error instanceof Error && 'code' in error ? String(error.code) : '';
  if (code === 'UNTRUSTED_SIGNER_ERROR') {
    return new ProvenanceError(/extension/.test(message) ? 'IDENTITY_ISSUER' : 'IDENTITY_SAN', message, { cause: error });
  }
  let ours = VERIFY_CODES[code];
  if (ours === 'CERT_CHAIN' && /\bSCTs?\b/.test(message)) ours = 'CERT_SCT';
  if (ours === 'TLOG_ENTRY' && /duplicate/.test(message)) ours = 'TLOG_DUPLICATE';
  if (ours) return new ProvenanceError(ours, `${code}: ${message}`, { cause: error });
  // Not a verifier verdict: the bundle held something the libraries could not even read
  // (a malformed certificate, key or timestamp). Treat it as unreadable input, never as a pass.
  const parse: ErrorCode = /ASN|certificate|x509/i.test(message) ? 'PARSE_CERTIFICATE' : 'PARSE_BUNDLE';
  return new ProvenanceError(parse, `could not process bundle: ${message}`, { cause: error });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

// What we show about the log entry: index as a string (it exceeds 2^31), time, search link.
const SEARCH = 'https://search.sigstore.dev/';

/**
 * The times of the bundle's RFC 3161 timestamps. Called only once the verifier has accepted
 * the bundle, which checks every one of them against the trusted timestamp authorities.
 */
function timestampedAt(bundle: Bundle): Date[] {
  const stamps = bundle.verificationMaterial.timestampVerificationData?.rfc3161Timestamps ?? [];
  return stamps.map((t) => RFC3161Timestamp.parse(Buffer.from(t.signedTimestamp)).signingTime);
}

/** A checkpoint's first line names its log; only a plain host-like name is kept for display. */
function checkpointOrigin(entry: TransparencyLogEntry | undefined): string | undefined {
  const origin = entry?.inclusionProof?.checkpoint?.envelope.split('\n', 1)[0];
  return origin !== undefined && /^[A-Za-z0-9][A-Za-z0-9._/-]{0,127}$/.test(origin) ? origin : undefined;
}

export function logEntryInfo(entries: readonly TransparencyLogEntry[], timestamps: readonly Date[] = []): LogEntryInfo {
  const entry = entries.find((e) => signedTime(e) > 0) ?? entries[0];
  const logIndex = entry && /^\d+$/.test(entry.logIndex) ? BigInt(entry.logIndex).toString() : '';
  const seconds = entry ? signedTime(entry) : 0;
  if (seconds > 0) {
    const url = new URL(SEARCH);
    url.searchParams.set('logIndex', logIndex);
    return { logIndex, integratedTime: new Date(seconds * 1000).toISOString(), searchUrl: url.toString() };
  }
  // Rekor v2: no signed entry timestamp, and no public page that shows a shard's entry by index.
  const earliest = Math.min(...timestamps.map((d) => d.getTime()).filter(Number.isFinite));
  const origin = checkpointOrigin(entry);
  return {
    logIndex,
    integratedTime: Number.isFinite(earliest) ? new Date(earliest).toISOString() : '',
    searchUrl: '',
    ...(origin === undefined ? {} : { origin }),
  };
}

/** The log's integrated time, the moment every validity window is judged at. */
export function integratedTime(entries: readonly TransparencyLogEntry[]): Date | undefined {
  const seconds = Math.max(0, ...entries.map(signedTime).filter(Number.isFinite));
  return seconds > 0 ? new Date(seconds * 1000) : undefined;
}

/**
 * An entry's integrated time in seconds, only where its signed entry timestamp covers it. A
 * Rekor v2 entry has no SET: its `integratedTime` is nobody's word, so it is neither shown nor
 * used (its time comes from an RFC 3161 timestamp).
 */
function signedTime(entry: TransparencyLogEntry): number {
  return entry.inclusionPromise ? Number(entry.integratedTime) : 0;
}

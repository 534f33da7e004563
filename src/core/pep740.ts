// PEP 740 documents: a provenance object (Integrity API), a bare attestation object, or a
// Sigstore bundle holding one attestation. Each attestation becomes a Sigstore bundle v0.3.
import { fail, isRecord, requireRecord, requireString } from './outcome';
import { IN_TOTO_PAYLOAD_TYPE } from './statement';

/** The registry's unsigned claim of who publishes, or undefined for a bare attestation. */
export type PublisherClaim = Record<string, unknown> | undefined;

export interface AttestationGroup {
  publisher: PublisherClaim;
  /** Sigstore bundle JSON, ready for bundleFromJSON. */
  bundles: unknown[];
}

const BUNDLE_V03 = 'application/vnd.dev.sigstore.bundle.v0.3+json';
export const MAX_ATTESTATIONS = 32;

export function readPypiDocument(doc: unknown): AttestationGroup[] {
  const root = requireRecord(doc, 'PEP 740 document');
  checkOneShape(root);
  if (typeof root.mediaType === 'string') return [{ publisher: undefined, bundles: [root] }];
  if (root.version !== 1) fail('PARSE_SHAPE', `unsupported PEP 740 version ${String(root.version)}`);
  if ('verification_material' in root || 'envelope' in root) {
    return [{ publisher: undefined, bundles: [attestationToBundle(root)] }];
  }
  if (!Array.isArray(root.attestation_bundles)) fail('PARSE_SHAPE', 'provenance object has no attestation_bundles');
  if (root.attestation_bundles.length === 0) fail('PARSE_SHAPE', 'provenance object has no attestation bundles');
  const total = root.attestation_bundles.reduce<number>(
    (n, g: unknown) => n + (isRecord(g) && Array.isArray(g.attestations) ? g.attestations.length : 0),
    0,
  );
  // Real provenance holds one or two attestations per file; a flood is work, not evidence.
  if (total > MAX_ATTESTATIONS) fail('PARSE_SHAPE', `more than ${MAX_ATTESTATIONS} attestations in one provenance object`);
  return root.attestation_bundles.map((entry, i) => {
    const group = requireRecord(entry, `attestation_bundles[${i}]`);
    const publisher = requireRecord(group.publisher, `attestation_bundles[${i}].publisher`);
    if (!Array.isArray(group.attestations) || group.attestations.length === 0) {
      fail('PARSE_SHAPE', `attestation_bundles[${i}] has no attestations`);
    }
    return { publisher, bundles: group.attestations.map(attestationToBundle) };
  });
}

/**
 * One document, one shape. A document that is two at once (a provenance object with an
 * attestation's fields at the top, a bundle with a provenance list) would be read as whichever
 * shape we test first, skipping the other's checks (the publisher of the provenance object).
 * `verification_material` is not a bundle marker: protobuf JSON readers take it as the
 * bundle's own verificationMaterial.
 */
function checkOneShape(root: Record<string, unknown>): void {
  const shapes = [
    'mediaType' in root ? 'Sigstore bundle (mediaType)' : '',
    'envelope' in root || ('verification_material' in root && !('mediaType' in root)) ? 'attestation (envelope, verification_material)' : '',
    'attestation_bundles' in root ? 'provenance object (attestation_bundles)' : '',
  ].filter((s) => s !== '');
  if (shapes.length > 1) fail('PARSE_SHAPE', `the document is at once a ${shapes.join(' and a ')}`);
}

/**
 * RFC 3161 timestamps (base64 DER, pypi-attestations' `verification_material.timestamps`) as
 * the bundle's timestamp verification data. A Rekor v2 entry has no signed time of its own, so
 * dropping them would leave its attestation without the time its certificate is judged at.
 */
function timestampData(timestamps: unknown): { timestampVerificationData?: { rfc3161Timestamps: { signedTimestamp: string }[] } } {
  if (timestamps === undefined || timestamps === null) return {};
  if (!Array.isArray(timestamps) || !timestamps.every((t) => typeof t === 'string' && t !== '')) {
    fail('PARSE_SHAPE', 'verification_material.timestamps is not a list of base64 strings');
  }
  if (timestamps.length > MAX_ATTESTATIONS) fail('PARSE_SHAPE', `${timestamps.length} timestamps in one attestation`);
  return timestamps.length === 0 ? {} : { timestampVerificationData: { rfc3161Timestamps: timestamps.map((signedTimestamp: string) => ({ signedTimestamp })) } };
}

/** The same mapping pypi-attestations uses (DESIGN 2.PyPI.3), with its `timestamps`. */
export function attestationToBundle(attestation: unknown): unknown {
  const att = requireRecord(attestation, 'attestation');
  if (att.version !== 1) fail('PARSE_SHAPE', `unsupported attestation version ${String(att.version)}`);
  const material = requireRecord(att.verification_material, 'verification_material');
  const certificate = requireString(material.certificate, 'verification_material.certificate');
  const entries = material.transparency_entries;
  if (!Array.isArray(entries) || !entries.every(isRecord)) fail('PARSE_SHAPE', 'transparency_entries is not a list of objects');
  const envelope = requireRecord(att.envelope, 'envelope');
  return {
    mediaType: BUNDLE_V03,
    verificationMaterial: { certificate: { rawBytes: certificate }, tlogEntries: entries, ...timestampData(material.timestamps) },
    dsseEnvelope: {
      payload: requireString(envelope.statement, 'envelope.statement'),
      payloadType: IN_TOTO_PAYLOAD_TYPE,
      signatures: [{ sig: requireString(envelope.signature, 'envelope.signature'), keyid: '' }],
    },
  };
}

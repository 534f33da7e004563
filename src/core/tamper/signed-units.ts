// Uniform views of the signed pieces inside registry documents: a PEP 740 attestation and an
// npm Sigstore bundle name the same things differently; mutations are written once against this.

export interface Field<T> {
  get(): T;
  set(value: T): void;
}

export type Json = Record<string, unknown>;

export interface SignedUnit {
  /** e.g. `attestation 0` or `bundle 1 (publish)`. */
  label: string;
  /** DSSE signature, base64. */
  signature: Field<string>;
  /** DSSE payload (the in-toto statement), base64. */
  payload: Field<string>;
  /** Leaf certificate DER, base64; absent for key-signed (npm publish) bundles. */
  certificate?: Field<string>;
  /** The npm registry key id a key-signed bundle names. */
  keyHint?: Field<string>;
  /** Transparency log entries (protobuf JSON). */
  entries: Field<Json[]>;
  /** The Sigstore bundle object itself (npm only; PEP 740 has none until converted). */
  bundle?: Json;
}

function record(value: unknown, what: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${what} is not an object`);
  return value as Json;
}

function field<T>(holder: Json, key: string): Field<T> {
  return { get: () => holder[key] as T, set: (value) => void (holder[key] = value) };
}

/** The attestations of a PEP 740 provenance object, or the one bare attestation. */
export function pep740Units(doc: unknown): SignedUnit[] {
  const root = record(doc, 'PEP 740 document');
  const attestations = Array.isArray(root.attestation_bundles)
    ? root.attestation_bundles.flatMap((b) => record(b, 'attestation bundle').attestations as unknown[])
    : [root];
  return attestations.map((a, i) => {
    const attestation = record(a, `attestation ${i}`);
    const material = record(attestation.verification_material, 'verification_material');
    const envelope = record(attestation.envelope, 'envelope');
    return {
      label: `attestation ${i}`,
      signature: field<string>(envelope, 'signature'),
      payload: field<string>(envelope, 'statement'),
      certificate: field<string>(material, 'certificate'),
      entries: field<Json[]>(material, 'transparency_entries'),
    };
  });
}

/** The bundles of an npm attestations response. */
export function npmUnits(doc: unknown): SignedUnit[] {
  const items = record(doc, 'npm response').attestations;
  if (!Array.isArray(items)) throw new Error('npm response has no attestations');
  return items.map((item, i) => {
    const entry = record(item, `attestations[${i}]`);
    const bundle = record(entry.bundle, 'bundle');
    const material = record(bundle.verificationMaterial, 'verificationMaterial');
    const envelope = record(bundle.dsseEnvelope, 'dsseEnvelope');
    const signature = record((envelope.signatures as unknown[])[0], 'signatures[0]');
    const kind = String(entry.predicateType).includes('/publish/') ? 'publish' : 'provenance';
    const unit: SignedUnit = {
      label: `bundle ${i} (${kind})`,
      signature: field<string>(signature, 'sig'),
      payload: field<string>(envelope, 'payload'),
      entries: field<Json[]>(material, 'tlogEntries'),
      bundle,
    };
    if (material.publicKey) unit.keyHint = field<string>(record(material.publicKey, 'publicKey'), 'hint');
    if (material.certificate) unit.certificate = field<string>(record(material.certificate, 'certificate'), 'rawBytes');
    const chain = material.x509CertificateChain;
    if (chain) {
      const first = (record(chain, 'x509CertificateChain').certificates as unknown[])[0];
      unit.certificate = field<string>(record(first, 'certificates[0]'), 'rawBytes');
    }
    return unit;
  });
}

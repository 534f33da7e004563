// The test Fulcio: a root and an intermediate CA, and short-lived code-signing leaves shaped
// like real Fulcio leaves (empty subject, critical SAN, identity extensions, embedded SCT).
import { octetString, uint16, uint24, uint64, withUint16Length } from './der';
import { leafIdentity } from './fulcio-extensions';
import type { IdentitySpec } from './identity';
import { generateTestKey, sha256, type TestKey } from './keys';
import {
  OID_CODE_SIGNING,
  distinguishedName,
  encodeTbs,
  ext,
  randomSerial,
  signTbs,
  type RawExtension,
} from './x509-der';

const CA_NOT_BEFORE = new Date('2020-01-01T00:00:00Z');
const CA_NOT_AFTER = new Date('2049-12-31T23:59:59Z');
const LEAF_LIFETIME_MS = 10 * 60 * 1000;
/** Fulcio issues the leaf a few seconds before the entry is integrated into Rekor. */
const ISSUED_BEFORE_INTEGRATION_MS = 20 * 1000;
const ORGANIZATION = 'provenance-lens.test';
export const SCT_EXTENSION_OID = '1.3.6.1.4.1.11129.2.4.2';

const SCT_VERSION_V1 = 0;
const SIGNATURE_TYPE_CERTIFICATE_TIMESTAMP = 0;
const LOG_ENTRY_TYPE_PRECERT = 1;
const HASH_SHA256 = 4;
const SIGNATURE_ECDSA = 3;

export interface TestFulcio {
  rootDer: Buffer;
  intermediateDer: Buffer;
  intermediateKey: TestKey;
  intermediateName: Buffer;
}

export function createTestFulcio(): TestFulcio {
  const rootKey = generateTestKey();
  const intermediateKey = generateTestKey();
  const rootName = distinguishedName({ organization: ORGANIZATION, commonName: 'test-sigstore' });
  const intermediateName = distinguishedName({ organization: ORGANIZATION, commonName: 'test-sigstore-intermediate' });
  const rootTbs = encodeTbs({
    serial: randomSerial(),
    issuer: rootName,
    subject: rootName,
    notBefore: CA_NOT_BEFORE,
    notAfter: CA_NOT_AFTER,
    subjectSpki: rootKey.spki,
    extensions: [ext.keyUsage('ca'), ext.basicConstraints(1), ext.subjectKeyId(rootKey.spki)],
  });
  const intermediateTbs = encodeTbs({
    serial: randomSerial(),
    issuer: rootName,
    subject: intermediateName,
    notBefore: CA_NOT_BEFORE,
    notAfter: CA_NOT_AFTER,
    subjectSpki: intermediateKey.spki,
    extensions: [
      ext.keyUsage('ca'),
      ext.extendedKeyUsage(OID_CODE_SIGNING),
      ext.basicConstraints(0),
      ext.subjectKeyId(intermediateKey.spki),
      ext.authorityKeyId(rootKey.spki),
    ],
  });
  return {
    rootDer: signTbs(rootTbs, rootKey),
    intermediateDer: signTbs(intermediateTbs, rootKey),
    intermediateKey,
    intermediateName,
  };
}

/** Issues a leaf for `identity` valid around `integratedTime` (epoch seconds); returns DER. */
export function issueLeaf(
  fulcio: TestFulcio,
  ctKey: TestKey,
  leafKey: TestKey,
  identity: IdentitySpec,
  integratedTime: number,
): Buffer {
  const notBeforeMs = integratedTime * 1000 - ISSUED_BEFORE_INTEGRATION_MS;
  const { san, extensions } = leafIdentity(identity);
  const identityExtensions: RawExtension[] = [
    ext.keyUsage('digitalSignature'),
    ext.extendedKeyUsage(OID_CODE_SIGNING),
    ext.subjectKeyId(leafKey.spki),
    ext.authorityKeyId(fulcio.intermediateKey.spki),
    ext.subjectAltName(san),
    ...extensions,
  ];
  const fields = {
    serial: randomSerial(),
    issuer: fulcio.intermediateName,
    subject: distinguishedName(null),
    notBefore: new Date(notBeforeMs),
    notAfter: new Date(notBeforeMs + LEAF_LIFETIME_MS),
    subjectSpki: leafKey.spki,
  };
  // The SCT signs the precertificate: this same TBS without the SCT extension, which comes last.
  const precertTbs = encodeTbs({ ...fields, extensions: identityExtensions });
  const sct = signSct(ctKey, fulcio.intermediateKey.spki, precertTbs, BigInt(notBeforeMs + 345));
  const sctExtension: RawExtension = { oid: SCT_EXTENSION_OID, value: sctListExtensionValue([sct]) };
  return signTbs(encodeTbs({ ...fields, extensions: [...identityExtensions, sctExtension] }), fulcio.intermediateKey);
}

// The test certificate transparency log's part: RFC 6962 precertificate SCTs, embedded in
// the leaf as extension 1.3.6.1.4.1.11129.2.4.2.
/**
 * Signs the precertificate `tbsDer` (the leaf's TBSCertificate without the SCT extension)
 * issued by the CA whose SPKI is `issuerSpki`, and returns the serialized SCT.
 */
export function signSct(ctKey: TestKey, issuerSpki: Buffer, tbsDer: Buffer, timestampMs: bigint): Buffer {
  const timestamp = uint64(timestampMs);
  const noExtensions = uint16(0);
  // RFC 6962 3.2: digitally-signed struct over the PreCert (issuer key hash + TBS).
  const signed = Buffer.concat([
    Buffer.from([SCT_VERSION_V1, SIGNATURE_TYPE_CERTIFICATE_TIMESTAMP]),
    timestamp,
    uint16(LOG_ENTRY_TYPE_PRECERT),
    sha256(issuerSpki),
    uint24(tbsDer.length),
    tbsDer,
    noExtensions,
  ]);
  return Buffer.concat([
    Buffer.from([SCT_VERSION_V1]),
    ctKey.keyId,
    timestamp,
    noExtensions,
    Buffer.from([HASH_SHA256, SIGNATURE_ECDSA]),
    withUint16Length(ctKey.sign(signed)),
  ]);
}

/** extnValue of the SCT list extension: an OCTET STRING around the TLS-encoded list. */
export function sctListExtensionValue(scts: Buffer[]): Buffer {
  const list = Buffer.concat(scts.map(withUint16Length));
  return octetString(withUint16Length(list));
}

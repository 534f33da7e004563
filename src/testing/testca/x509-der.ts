// A small X.509 v3 encoder. Writing the DER ourselves keeps the precertificate exact: the SCT
// signs the TBSCertificate minus the SCT extension, which we can encode byte for byte.
import { createHash, randomBytes } from 'node:crypto';
import {
  bitString,
  contextTag,
  derBoolean,
  derInteger,
  derTime,
  octetString,
  oid,
  sequence,
  set,
  tlv,
  utf8String,
} from './der';
import type { TestKey } from './keys';

const ECDSA_WITH_SHA256 = sequence(oid('1.2.840.10045.4.3.2'));
const OID_KEY_USAGE = '2.5.29.15';
const OID_SUBJECT_KEY_ID = '2.5.29.14';
const OID_AUTHORITY_KEY_ID = '2.5.29.35';
const OID_BASIC_CONSTRAINTS = '2.5.29.19';
const OID_EXTENDED_KEY_USAGE = '2.5.29.37';
const OID_SUBJECT_ALT_NAME = '2.5.29.17';
export const OID_CODE_SIGNING = '1.3.6.1.5.5.7.3.3';

export interface RawExtension {
  oid: string;
  critical?: boolean;
  /** extnValue contents. */
  value: Buffer;
}

export interface TbsFields {
  serial: Buffer;
  issuer: Buffer;
  subject: Buffer;
  notBefore: Date;
  notAfter: Date;
  subjectSpki: Buffer;
  extensions: RawExtension[];
}

/** Distinguished name `O=<org>, CN=<cn>` (or empty, as Fulcio leaves have). */
export function distinguishedName(parts: { organization: string; commonName: string } | null): Buffer {
  if (!parts) return sequence();
  const rdn = (type: string, value: string) => set(sequence(oid(type), utf8String(value)));
  return sequence(rdn('2.5.4.10', parts.organization), rdn('2.5.4.3', parts.commonName));
}

export function encodeTbs(f: TbsFields): Buffer {
  const extensions = f.extensions.map((e) =>
    sequence(oid(e.oid), ...(e.critical ? [derBoolean(true)] : []), octetString(e.value)),
  );
  return sequence(
    contextTag(0, derInteger(2)),
    derInteger(f.serial),
    ECDSA_WITH_SHA256,
    f.issuer,
    sequence(derTime(f.notBefore), derTime(f.notAfter)),
    f.subject,
    f.subjectSpki,
    contextTag(3, sequence(...extensions)),
  );
}

export function signTbs(tbs: Buffer, issuerKey: TestKey): Buffer {
  return sequence(tbs, ECDSA_WITH_SHA256, bitString(issuerKey.sign(tbs)));
}

export function randomSerial(): Buffer {
  const bytes = randomBytes(20);
  // Positive and exactly 20 bytes, like Fulcio's serials.
  bytes[0] = ((bytes[0] ?? 0) & 0x7f) | 0x01;
  return bytes;
}

/** RFC 5280 method 1: SHA-1 of the subjectPublicKey bits (the EC point ends the SPKI). */
export function keyIdentifier(spki: Buffer): Buffer {
  return createHash('sha1').update(spki.subarray(spki.length - 65)).digest();
}

export const ext = {
  keyUsage(flags: 'digitalSignature' | 'ca'): RawExtension {
    // Bit 0 digitalSignature (0x80); bits 5 and 6 keyCertSign + cRLSign (0x06, one unused bit).
    const value = flags === 'digitalSignature' ? bitString(Buffer.from([0x80]), 7) : bitString(Buffer.from([0x06]), 1);
    return { oid: OID_KEY_USAGE, critical: true, value };
  },
  basicConstraints(pathLength: number): RawExtension {
    return { oid: OID_BASIC_CONSTRAINTS, critical: true, value: sequence(derBoolean(true), derInteger(pathLength)) };
  },
  extendedKeyUsage(usage: string): RawExtension {
    return { oid: OID_EXTENDED_KEY_USAGE, value: sequence(oid(usage)) };
  },
  subjectKeyId(spki: Buffer): RawExtension {
    return { oid: OID_SUBJECT_KEY_ID, value: octetString(keyIdentifier(spki)) };
  },
  authorityKeyId(issuerSpki: Buffer): RawExtension {
    return { oid: OID_AUTHORITY_KEY_ID, value: sequence(contextTag(0, keyIdentifier(issuerSpki), false)) };
  },
  subjectAltName(san: { type: 'url' | 'email'; value: string }): RawExtension {
    // GeneralName [6] uniformResourceIdentifier or [1] rfc822Name, both IA5String (IMPLICIT).
    const name = tlv(san.type === 'url' ? 0x86 : 0x81, Buffer.from(san.value, 'ascii'));
    return { oid: OID_SUBJECT_ALT_NAME, critical: true, value: sequence(name) };
  },
};

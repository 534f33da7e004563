// A minimal DER walker for the tamper corpus: it finds where each field of an X.509 certificate
// sits, so a bit flip can be aimed at one field and the expected failure reasoned per field.

interface Tlv {
  tag: number;
  /** Offset of the tag byte. */
  start: number;
  /** Offset of the first content byte. */
  contentStart: number;
  end: number;
}

function readTlv(der: Uint8Array, at: number): Tlv {
  const tag = der[at];
  let lengthByte = der[at + 1];
  if (tag === undefined || lengthByte === undefined) throw new Error(`DER ends at ${at}`);
  let offset = at + 2;
  let length = lengthByte;
  if (lengthByte & 0x80) {
    const count = lengthByte & 0x7f;
    length = 0;
    for (let i = 0; i < count; i++) {
      lengthByte = der[offset++];
      if (lengthByte === undefined) throw new Error('DER length runs past the end');
      length = length * 256 + lengthByte;
    }
  }
  return { tag, start: at, contentStart: offset, end: offset + length };
}

function children(der: Uint8Array, parent: Tlv): Tlv[] {
  const out: Tlv[] = [];
  for (let at = parent.contentStart; at < parent.end; ) {
    const child = readTlv(der, at);
    out.push(child);
    at = child.end;
  }
  return out;
}

function oidText(der: Uint8Array, oid: Tlv): string {
  const bytes = der.subarray(oid.contentStart, oid.end);
  const first = bytes[0] ?? 0;
  const parts = [Math.floor(first / 40), first % 40];
  let value = 0;
  for (const byte of bytes.subarray(1)) {
    value = value * 128 + (byte & 0x7f);
    if ((byte & 0x80) === 0) {
      parts.push(value);
      value = 0;
    }
  }
  return parts.join('.');
}

/** Content byte ranges [start, end) of the certificate fields a tamper case aims at. */
export interface CertificateRegions {
  outerLength: number;
  serial: [number, number];
  issuer: [number, number];
  validity: [number, number];
  publicKey: [number, number];
  signatureValue: [number, number];
  /** Extension OID (dotted) -> range of its extnValue content. */
  extensions: Map<string, [number, number]>;
}

export function certificateRegions(der: Uint8Array): CertificateRegions {
  const cert = readTlv(der, 0);
  const [tbs, , signatureValue] = children(der, cert);
  if (!tbs || !signatureValue) throw new Error('not a certificate');
  const fields = children(der, tbs);
  // Fulcio certificates are v3: field 0 is the explicit [0] version.
  const [, serial, , issuer, validity, , spki, extWrapper] = fields;
  if (!serial || !issuer || !validity || !spki || !extWrapper) throw new Error('unexpected TBSCertificate layout');
  const extensions = new Map<string, [number, number]>();
  const extList = children(der, extWrapper)[0];
  for (const ext of extList ? children(der, extList) : []) {
    const parts = children(der, ext);
    const oid = parts[0];
    const value = parts.at(-1);
    if (oid && value) extensions.set(oidText(der, oid), [value.contentStart, value.end]);
  }
  const spkiParts = children(der, spki);
  const bitString = spkiParts[1];
  if (!bitString) throw new Error('no subjectPublicKey');
  return {
    outerLength: 1,
    serial: [serial.contentStart, serial.end],
    issuer: [issuer.contentStart, issuer.end],
    validity: [validity.contentStart, validity.end],
    // skip the unused-bits byte and the 0x04 point prefix
    publicKey: [bitString.contentStart + 2, bitString.end],
    signatureValue: [signatureValue.contentStart + 1, signatureValue.end],
    extensions,
  };
}

// Tampering with the leaf certificate, aimed field by field. Any change to the signed part
// breaks the CA's signature over it; a change that leaves the DER unreadable fails parsing.
import { flipBase64Bit, fromBase64 } from './bits';
import { certificateRegions, type CertificateRegions } from './der-regions';
import { claimsNewerThanSnapshot, invalid, unavailable, type Expectation, type UnitMutation } from './expectation';
import type { SignedUnit } from './signed-units';

const CHAIN = (field: string) => invalid(`${field} is signed by the Fulcio CA`, 'CERT_');

type Region = (r: CertificateRegions) => [number, number] | undefined;

const der = (unit: SignedUnit): Uint8Array => fromBase64(unit.certificate?.get() ?? '');

function aimed(name: string, region: Region, offset: 'first' | 'middle' | 'last', bit: number, expect: Expectation): UnitMutation {
  const pick = (unit: SignedUnit): number | undefined => {
    if (!unit.certificate) return undefined;
    const range = region(certificateRegions(der(unit)));
    if (!range || range[1] <= range[0]) return undefined;
    if (offset === 'first') return range[0];
    if (offset === 'last') return range[1] - 1;
    return Math.floor((range[0] + range[1]) / 2);
  };
  return {
    name: `certificate ${name} bit flip (${offset})`,
    applies: (unit) => pick(unit) !== undefined,
    apply: (unit) => {
      const index = pick(unit);
      if (index !== undefined && unit.certificate) unit.certificate.set(flipBase64Bit(unit.certificate.get(), index, bit));
    },
    expect: () => expect,
  };
}

const ext = (oid: string): Region => (r) => r.extensions.get(oid);

export const certificateMutations: UnitMutation[] = [
  aimed('outer length', (r) => [r.outerLength, r.outerLength + 1], 'first', 0,
    invalid('the DER no longer parses as a certificate', 'PARSE_', 'CERT_')),
  aimed('serial', (r) => r.serial, 'last', 0, CHAIN('the serial')),
  aimed('validity', (r) => r.validity, 'middle', 0, CHAIN('the validity window')),
  { ...aimed('public key', (r) => r.publicKey, 'middle', 2, CHAIN('the public key')), smoke: true },
  aimed('public key', (r) => r.publicKey, 'last', 0, CHAIN('the public key')),
  aimed('signature value', (r) => r.signatureValue, 'last', 0, CHAIN('nothing: the CA signature itself')),
  aimed('signature value', (r) => r.signatureValue, 'middle', 5, CHAIN('nothing: the CA signature itself')),
  aimed('SAN', ext('2.5.29.17'), 'last', 1, CHAIN('the SAN')),
  aimed('OIDC issuer extension', ext('1.3.6.1.4.1.57264.1.8'), 'last', 1, CHAIN('the issuer extension')),
  aimed('source repository extension', ext('1.3.6.1.4.1.57264.1.12'), 'last', 1, CHAIN('the repository extension')),
  aimed('SCT list', ext('1.3.6.1.4.1.11129.2.4.2'), 'last', 0, CHAIN('the embedded SCT list')),
  aimed('subject key id', ext('2.5.29.14'), 'last', 0, CHAIN('the subject key id')),
  // The CA is looked up by authority key id (the issuer name only when there is none), so a
  // changed issuer name still finds the CA, whose signature then fails.
  aimed('issuer name', (r) => r.issuer, 'last', 0, CHAIN('the issuer name')),
  {
    ...aimed('authority key id', ext('2.5.29.35'), 'last', 0, CHAIN('the authority key id')),
    expect: (unit, env) =>
      claimsNewerThanSnapshot(unit, env)
        ? unavailable('names an unknown CA, for an entry newer than the trust snapshot', 'TRUST_UNKNOWN_CA')
        : invalid('names an unknown CA, for an entry the trust snapshot covers', 'CERT_CHAIN'),
  },
];

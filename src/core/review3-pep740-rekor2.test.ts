// Review 3 (issue 15): Rekor v2 entries and RFC 3161 timestamps in PEP 740 form, attacked with
// the real sigstore-conformance material (staging instance, its own trusted root): a timestamp
// taken from another signature, unsigned time fields, a made-up SET, foreign timestamps, and
// the trust-gap date against the TSA rule.
import { readFileSync } from 'node:fs';
import { beforeAll, expect, it } from 'vitest';
import { conformanceCase, type ConformanceCase } from '../cli/testing/conformance-cases';
import { describeRealData } from '../testing/fixtures';
import type { TrustContext } from './api';
import { createTrustContext, verifyBundle } from './index';
import { attestationToBundle } from './pep740';

interface Entry { logIndex: string; integratedTime?: string; inclusionPromise?: unknown; inclusionProof: unknown }
interface Bundle {
  verificationMaterial: { certificate: { rawBytes: string }; tlogEntries: Entry[]; timestampVerificationData: { rfc3161Timestamps: { signedTimestamp: string }[] } };
  dsseEnvelope: { payload: string; signatures: { sig: string }[] };
}

let happy: ConformanceCase;
let other: ConformanceCase;
let rootJson: { timestampAuthorities: unknown[] };
let trust: TrustContext;
beforeAll(() => {
  happy = conformanceCase('rekor2-dsse-happy-path');
  other = conformanceCase('rekor2-happy-path');
  rootJson = JSON.parse(readFileSync(happy.trustedRootPath ?? '', 'utf8')) as typeof rootJson;
  trust = createTrustContext({ trustedRoot: rootJson });
});
const bundleOf = (c: ConformanceCase) => JSON.parse(readFileSync(c.bundlePath, 'utf8')) as Bundle;
const asAttestation = (b: Bundle, timestamps: unknown = b.verificationMaterial.timestampVerificationData.rfc3161Timestamps.map((t) => t.signedTimestamp)) => ({
  version: 1,
  verification_material: { certificate: b.verificationMaterial.certificate.rawBytes, transparency_entries: b.verificationMaterial.tlogEntries, timestamps },
  envelope: { statement: b.dsseEnvelope.payload, signature: b.dsseEnvelope.signatures[0]?.sig ?? '' },
});
const verify = (attestation: unknown, t = trust) =>
  verifyBundle(attestationToBundle(attestation), { bytes: readFileSync(happy.artifactPath) }, happy.policy as { identity: string; issuer: string }, t);

describeRealData('review3: PEP 740 with Rekor v2 and timestamps', () => {
  it('REGRESSION: a genuine timestamp by the same TSA over another signature does not date this one', () => {
    const stolen = bundleOf(other).verificationMaterial.timestampVerificationData.rfc3161Timestamps.map((t) => t.signedTimestamp);
    expect(verify(asAttestation(bundleOf(happy), stolen)).status).toBe('invalid');
    // Added beside the genuine one: still refused (every timestamp must verify).
    const own = bundleOf(happy).verificationMaterial.timestampVerificationData.rfc3161Timestamps.map((t) => t.signedTimestamp);
    expect(verify(asAttestation(bundleOf(happy), [...own, ...stolen])).status).toBe('invalid');
  });

  it('REGRESSION: the unsigned integratedTime of a v2 entry changes neither the verdict nor the date shown', () => {
    const base = verify(asAttestation(bundleOf(happy)));
    if (base.status !== 'verified') throw new Error(JSON.stringify(base));
    for (const t of ['0', '1', '4102444800', '99999999999999']) {
      const b = bundleOf(happy);
      for (const e of b.verificationMaterial.tlogEntries) e.integratedTime = t;
      const v = verify(asAttestation(b));
      expect(`${t}: ${v.status}`).toBe(`${t}: verified`);
      if (v.status === 'verified') expect(v.attestations[0]?.log.integratedTime, t).toBe(base.attestations[0]?.log.integratedTime);
    }
  });

  it('REGRESSION: a made-up SET on a v2 entry (to get a chosen date and a search link) is refused', () => {
    const b = bundleOf(happy);
    for (const e of b.verificationMaterial.tlogEntries) {
      e.integratedTime = '1700000000';
      e.inclusionPromise = { signedEntryTimestamp: Buffer.from('MEUCIQDfake').toString('base64') };
    }
    expect(verify(asAttestation(b)).status).toBe('invalid');
  });

  it('REGRESSION: a duplicated genuine timestamp, or 33 of them, is not verified and does not crash', () => {
    const own = bundleOf(happy).verificationMaterial.timestampVerificationData.rfc3161Timestamps.map((t) => t.signedTimestamp);
    expect(verify(asAttestation(bundleOf(happy), [...own, ...own])).status).not.toBe('verified');
    expect(() => attestationToBundle(asAttestation(bundleOf(happy), Array.from({ length: 33 }, () => own[0])))).toThrow(/timestamps/);
    expect(verify(asAttestation(bundleOf(happy), [Buffer.from('garbage').toString('base64')])).status).not.toBe('verified');
  });

  it('REGRESSION: an honest v2 attestation whose TSA the material does not know yet is grey, not red, when the material predates the stamp', () => {
    const base = verify(asAttestation(bundleOf(happy)));
    if (base.status !== 'verified') throw new Error(JSON.stringify(base));
    const stampedAt = Date.parse(base.attestations[0]?.log.integratedTime ?? '');
    const noTsa = { ...structuredClone(rootJson), timestampAuthorities: [] };
    const before = createTrustContext({ trustedRoot: noTsa, materialDate: new Date(stampedAt - 60_000).toISOString() });
    expect(verify(asAttestation(bundleOf(happy)), before)).toMatchObject({ status: 'unavailable', code: 'TRUST_UNKNOWN_TSA' });
    const after = createTrustContext({ trustedRoot: noTsa, materialDate: new Date(stampedAt + 60_000).toISOString() });
    expect(verify(asAttestation(bundleOf(happy)), after)).toMatchObject({ status: 'invalid' });
  });
});

// PEP 740 attestations with a Rekor v2 entry and RFC 3161 timestamps (issue 15, item 1): what
// PyPI serves once its publishing path signs with Rekor v2 (pypi-attestations' VerificationMaterial
// gained `timestamps`). A Rekor v2 entry has no signed entry timestamp, so the TSA's timestamp is
// the only time the certificate can be judged at; a mapping that drops it turns every such
// upload red. The real sigstore-conformance DSSE case is rewritten here into PEP 740 form.
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { beforeAll, expect, it } from 'vitest';
import { conformanceCase, type ConformanceCase } from '../cli/testing/conformance-cases';
import { describeRealData } from '../testing/fixtures';
import type { TrustContext } from './api';
import { createTrustContext, verifyBundle } from './index';
import { attestationToBundle, readPypiDocument } from './pep740';

interface Bundle {
  verificationMaterial: {
    certificate: { rawBytes: string };
    tlogEntries: unknown[];
    timestampVerificationData: { rfc3161Timestamps: { signedTimestamp: string }[] };
  };
  dsseEnvelope: { payload: string; payloadType: string; signatures: { sig: string }[] };
}

interface Attestation {
  version: 1;
  verification_material: { certificate: string; transparency_entries: unknown[]; timestamps?: unknown };
  envelope: { statement: string; signature: string };
}

let happy: ConformanceCase;
let trust: TrustContext;
beforeAll(() => {
  happy = conformanceCase('rekor2-dsse-happy-path');
  trust = createTrustContext({ trustedRoot: JSON.parse(readFileSync(happy.trustedRootPath ?? '', 'utf8')) });
});

const bundleOf = (c: ConformanceCase) => JSON.parse(readFileSync(c.bundlePath, 'utf8')) as Bundle;

/** The conformance bundle as pypi-attestations' `Attestation.from_bundle` writes it. */
function asAttestation(bundle: Bundle): Attestation {
  const { verificationMaterial: m, dsseEnvelope: e } = bundle;
  return {
    version: 1,
    verification_material: {
      certificate: m.certificate.rawBytes,
      transparency_entries: m.tlogEntries,
      timestamps: m.timestampVerificationData.rfc3161Timestamps.map((t) => t.signedTimestamp),
    },
    envelope: { statement: e.payload, signature: e.signatures[0]?.sig ?? '' },
  };
}

const verify = (attestation: Attestation) => verifyBundle(attestationToBundle(attestation), { bytes: readFileSync(happy.artifactPath) }, happy.policy as { identity: string; issuer: string }, trust);

describeRealData('PEP 740 with a Rekor v2 entry and RFC 3161 timestamps', () => {
  it('the conformance bundle verifies as it is', () => {
    expect(verifyBundle(bundleOf(happy), { bytes: readFileSync(happy.artifactPath) }, happy.policy as { identity: string; issuer: string }, trust)).toMatchObject({ status: 'verified' });
  });

  it('verifies in PEP 740 form: the timestamps become the bundle timestamp verification data', () => {
    const attestation = asAttestation(bundleOf(happy));
    const mapped = attestationToBundle(attestation) as Bundle;
    expect(mapped.verificationMaterial.timestampVerificationData).toEqual(bundleOf(happy).verificationMaterial.timestampVerificationData);
    expect(verify(attestation)).toMatchObject({ status: 'verified' });
    // The same through the document reader the PyPI path uses.
    expect(readPypiDocument(attestation)).toEqual([{ publisher: undefined, bundles: [mapped] }]);
  });

  it('fails without its timestamps: a Rekor v2 entry alone gives no time to judge the certificate at', () => {
    const attestation = asAttestation(bundleOf(happy));
    delete attestation.verification_material.timestamps;
    expect(verify(attestation)).toMatchObject({ status: 'invalid', code: 'TLOG_TIMESTAMP' });
    attestation.verification_material.timestamps = [];
    expect(verify(attestation)).toMatchObject({ status: 'invalid', code: 'TLOG_TIMESTAMP' });
  });

  it('fails with a timestamp altered by one byte, or one that is not a list of strings', () => {
    const attestation = asAttestation(bundleOf(happy));
    const [ts] = attestation.verification_material.timestamps as string[];
    const der = Buffer.from(ts ?? '', 'base64');
    der.writeUInt8((der.readUInt8(der.length - 8) ^ 0x01), der.length - 8);
    attestation.verification_material.timestamps = [der.toString('base64')];
    expect(verify(attestation).status).not.toBe('verified');
    for (const bad of ['not-a-list', [42], [''], { 0: ts }]) {
      attestation.verification_material.timestamps = bad;
      expect(() => attestationToBundle(attestation)).toThrow(/timestamps/);
    }
  });

  it('keeps the DSSE failure cases failing in PEP 740 form', () => {
    for (const name of ['rekor2-dsse-invalid-sig_fail', 'rekor2-dsse-mismatch-sig_fail']) {
      const c = conformanceCase(name);
      const caseTrust = createTrustContext({ trustedRoot: JSON.parse(readFileSync(c.trustedRootPath ?? '', 'utf8')) });
      const bundle = attestationToBundle(asAttestation(bundleOf(c)));
      expect(verifyBundle(bundle, { bytes: readFileSync(c.artifactPath) }, c.policy as { identity: string; issuer: string }, caseTrust).status, name).not.toBe('verified');
    }
  });

  // Issue 15 item 4: a v2 shard's index on search.sigstore.dev (the v1 log's search) is another
  // entry, and its integratedTime is unsigned; what is shown comes from verified data only.
  it('shows the Rekor v2 log by its checkpoint origin, links nowhere, and dates it by the TSA', () => {
    const bundle = bundleOf(happy);
    const verdict = verify(asAttestation(bundle));
    if (verdict.status !== 'verified') throw new Error(JSON.stringify(verdict));
    const [log] = verdict.attestations.map((a) => a.log);
    const entry = bundle.verificationMaterial.tlogEntries[0] as { logIndex: string; inclusionProof: { checkpoint: { envelope: string } } };
    expect(log).toMatchObject({ logIndex: entry.logIndex, searchUrl: '', origin: entry.inclusionProof.checkpoint.envelope.split('\n')[0] });
    // The TSA's time, inside the certificate's validity (the window the verifier judged it in).
    const cert = new X509Certificate(Buffer.from(bundle.verificationMaterial.certificate.rawBytes, 'base64'));
    const at = Date.parse(log?.integratedTime ?? '');
    expect(at).toBeGreaterThanOrEqual(Date.parse(cert.validFrom));
    expect(at).toBeLessThanOrEqual(Date.parse(cert.validTo));
  });
});

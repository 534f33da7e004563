// Minimal reproducers for what the fuzzing found: certificate bytes outside the CA signature
// that verification accepts changed. Each test states the expectation the fuzz oracle holds;
// while the core misbehaves it fails with this exact input.
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestSigstore, fakeSha256, googleIdentity, type TestSigstore } from '../../testing/testca/index';
import { createTrustContext, verifyPypiProvenance, type TrustContext } from '../index';

let ts: TestSigstore;
let trust: TrustContext;
beforeAll(async () => {
  ts = await createTestSigstore();
  trust = createTrustContext({ trustedRoot: ts.trustedRoot, npmKeys: ts.npmKeys });
});

const ECDSA_WITH_SHA256 = Buffer.from('06082a8648ce3d040302', 'hex');

describe('leaf certificate bytes outside the CA signature', () => {
  it("is not verified when the certificate's outer signatureAlgorithm OID is changed to an unknown one", () => {
    const file = { filename: 'gadget-0.1.0.tar.gz', sha256: fakeSha256('gadget-0.1.0') };
    const identity = googleIdentity('publisher@acme.iam.gserviceaccount.com');
    const doc = ts.pypiProvenance({ publisher: identity, attestations: [ts.pypiAttestation({ ...file, identity })] });
    expect(verifyPypiProvenance(doc, file, trust).status).toBe('verified');
    const vm = doc.attestation_bundles[0]!.attestations[0]!.verification_material;
    const der = Buffer.from(vm.certificate, 'base64');
    // The TBS carries the same AlgorithmIdentifier first; the outer one follows the TBS.
    const outer = der.lastIndexOf(ECDSA_WITH_SHA256);
    expect(outer).toBeGreaterThan(der.indexOf(ECDSA_WITH_SHA256));
    der[outer + ECDSA_WITH_SHA256.length - 1] = 0xe3; // 1.2.840.10045.4.3.99: no such algorithm
    vm.certificate = der.toString('base64');
    expect(verifyPypiProvenance(doc, file, trust).status).not.toBe('verified');
  });
});

describe('log index spellings the signed entry timestamp accepts', () => {
  it('a verified verdict shows the log index the SET covers, also when spelled "<n> " (Number() reads both)', () => {
    const file = { filename: 'widget-2.0.0.tar.gz', sha256: fakeSha256('widget-2.0.0') };
    const identity = googleIdentity('publisher@acme.iam.gserviceaccount.com');
    const doc = ts.pypiProvenance({ publisher: identity, attestations: [ts.pypiAttestation({ ...file, identity, logIndex: '153454663' })] });
    doc.attestation_bundles[0]!.attestations[0]!.verification_material.transparency_entries[0]!.logIndex = '153454663 ';
    const verdict = verifyPypiProvenance(doc, file, trust);
    // Rejecting the odd spelling would be as acceptable as showing the index; showing '' is not.
    const shown = verdict.status === 'verified' ? verdict.attestations[0]?.log.logIndex : 'not verified';
    expect(shown).toMatch(/^(153454663|not verified)$/);
  });
});

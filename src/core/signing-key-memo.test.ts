// The signing-key memo (signing-key-memo.ts) against the files of real and test-CA releases
// that share one certificate: each file is still judged at its own entry's time, under its
// own trust material, and nothing an unconfirmed optimistic pass saw is remembered.
import { describe, expect, it } from 'vitest';
import { describeRealData, readFixtureJson } from '../testing/fixtures';
import { createTestSigstore, fakeSha256, githubIdentity, type KeylessSession, type TrustedRootJson } from '../testing/testca/index';
import { withCrypto } from './crypto/testing/swap-node-crypto';
import { verifyAhead } from './crypto/verify-ahead';
import { createTrustContext, verifyPypiProvenance } from './index';

type Entry = { logIndex: string; integratedTime: string };
type Attestation = { verification_material: { certificate: string; transparency_entries: Entry[] } };
type Provenance = { version: 1; attestation_bundles: { publisher: unknown; attestations: Attestation[] }[] };

const SDIST = { filename: 'sampleproject-4.0.0.tar.gz', sha256: '0ace7980f82c5815ede4cd7bf9f6693684cec2ae47b9b7ade9add533b8627c6b' };
const WHEEL = { filename: 'sampleproject-4.0.0-py3-none-any.whl', sha256: 'c23e447ea90d796d1e645c35c4b2de125040add12a845825546f91c93f391b6b' };
const sdistProvenance = () => structuredClone(readFixtureJson<Provenance>('pypi/sampleproject/sampleproject-4.0.0.tar.gz.provenance'));
/** The wheel's attestation as the Integrity API serves it: under the sdist's publisher. */
function wheelProvenance(): Provenance {
  const attestation = structuredClone(readFixtureJson<Attestation>('pypi/sampleproject/sampleproject-4.0.0-py3-none-any.whl.attestation.json'));
  return { version: 1, attestation_bundles: [{ publisher: sdistProvenance().attestation_bundles[0]!.publisher, attestations: [attestation] }] };
}
const realRoot = () => structuredClone(readFixtureJson<TrustedRootJson>('sigstore/trusted_root.json'));
const firstAttestation = (p: Provenance) => p.attestation_bundles[0]!.attestations[0]!;

describeRealData('files of one real release signed with one certificate', () => {
  it('share the certificate and both verify, each with its own log entry', () => {
    const cert = (p: Provenance) => firstAttestation(p).verification_material.certificate;
    expect(cert(wheelProvenance())).toBe(cert(sdistProvenance()));
    const trust = createTrustContext({ trustedRoot: realRoot() });
    const sdist = verifyPypiProvenance(sdistProvenance(), SDIST, trust);
    const wheel = verifyPypiProvenance(wheelProvenance(), WHEEL, trust);
    expect(sdist.status).toBe('verified');
    expect(wheel.status).toBe('verified');
    if (sdist.status !== 'verified' || wheel.status !== 'verified') return;
    expect(wheel.identity).toEqual(sdist.identity);
    expect(wheel.attestations[0]?.log.logIndex).not.toBe(sdist.attestations[0]?.log.logIndex);
  });

  it("checks the remembered certificate's validity at each entry's own time", () => {
    const trust = createTrustContext({ trustedRoot: realRoot() });
    expect(verifyPypiProvenance(sdistProvenance(), SDIST, trust).status).toBe('verified');
    const late = wheelProvenance();
    const entry = firstAttestation(late).verification_material.transparency_entries[0]!;
    entry.integratedTime = String(Number(entry.integratedTime) + 86_400);
    // Skipping the chain's time check would reach the log entry's signed timestamp instead.
    expect(verifyPypiProvenance(late, WHEEL, trust)).toMatchObject({ status: 'invalid', code: 'CERT_CHAIN' });
  });

  it('judges the certificate afresh under other trust material', () => {
    expect(verifyPypiProvenance(sdistProvenance(), SDIST, createTrustContext({ trustedRoot: realRoot() })).status).toBe('verified');
    const noCtLog = realRoot();
    noCtLog.ctlogs = [];
    expect(verifyPypiProvenance(wheelProvenance(), WHEEL, createTrustContext({ trustedRoot: noCtLog }))).toMatchObject({ status: 'invalid', code: 'CERT_SCT' });
    const noCa = realRoot();
    noCa.certificateAuthorities = [];
    expect(verifyPypiProvenance(wheelProvenance(), WHEEL, createTrustContext({ trustedRoot: noCa }))).toMatchObject({ status: 'invalid', code: 'CERT_CHAIN' });
  });
});

describe('an optimistic pass (verify-ahead) and the memo', () => {
  // The optimistic pass answers the forged signature true, WebCrypto says false: had the
  // memo kept what that pass saw, the second and third file would skip the check.
  it.each([
    ['SCT', 'forgedSct', 'CERT_SCT'],
    ["issuer's signature on the leaf", 'forgedIssuerSignature', 'CERT_CHAIN'],
  ] as const)('remembers no certificate whose %s WebCrypto refused: every file of the release fails', async (_, forgery, code) => {
    const ca = await createTestSigstore();
    const identity = githubIdentity(`lens/one-session-${forgery}`);
    // As in the worker: the pure-JS adapter, whose signature checks verify-ahead records.
    const trust = withCrypto('adapter', () => createTrustContext({ trustedRoot: ca.trustedRoot }));
    const check = (doc: unknown, file: { filename: string; sha256: string }) =>
      verifyAhead(() => withCrypto('adapter', () => verifyPypiProvenance(doc, file, trust)));
    const files = ['a', 'b', 'c'].map((n) => ({ filename: `one_session-1.0-${n}.tar.gz`, sha256: fakeSha256(`${forgery}/${n}`) }));
    const signedIn = (session: KeylessSession) =>
      files.map((f) => ca.pypiProvenance({ publisher: identity, attestations: [ca.pypiAttestation({ ...f, identity, session })] }));
    const forged = signedIn(ca.keylessSession(identity, undefined, { [forgery]: true }));
    for (const [i, file] of files.entries()) {
      expect(await check(forged[i], file), file.filename).toMatchObject({ status: 'invalid', code });
    }
    // The same files signed in an honest session verify: the failure above is the forgery's.
    const honest = signedIn(ca.keylessSession(identity));
    for (const [i, file] of files.entries()) {
      expect((await check(honest[i], file)).status, file.filename).toBe('verified');
    }
  });
});

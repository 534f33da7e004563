// Semantic attacks on log evidence, time and pins with real material: the unsigned fields next to
// a signature (log id, log index, integrated time) edited, and real identities of other
// publishers, releases and forges held against pins made from real verdicts.
import { beforeAll, expect, it } from 'vitest';
import { describeRealData, readFixture, readFixtureJson } from '../testing/fixtures';
import type { DistributionFile, IdentityPin, TrustContext } from './api';
import { matchesPin, pinFromIdentity } from './continuity';
import { createTrustContext, verifyBundle, verifyNpmAttestations, verifyPypiProvenance } from './index';
import type { ArtifactVerdict, SignerIdentity } from './verdict';

type Entry = Record<string, unknown>;
type Attestation = { verification_material: { transparency_entries: Entry[] } };
const PUBLISH_19 = 'pypi/pypi-attestations/pypi_attestations-0.0.19.tar.gz.publish.attestation';
const F19: DistributionFile = { filename: 'pypi_attestations-0.0.19.tar.gz', sha256: '9bb1add04b1b4e182be6b0b80931593f7a291eb49d69b4fd728a5d4cbcdc4bd3' };
const STAGING = 'pypi/rfc8785/rfc8785-0.1.2-py3-none-any.whl.publish.attestation';
const F_STAGING: DistributionFile = { filename: 'rfc8785-0.1.2-py3-none-any.whl', sha256: 'c4e92e9ecc828bef2aa7dba1de8ac983511f7532a0df11c770d39099a25cf201' };
const REKOR2 = 'sigstore/conformance/rekor2-dsse-happy-path';
const BEACON = 'https://github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon/.github/workflows/extremely-dangerous-oidc-beacon.yml@refs/heads/main';
const GITHUB = 'https://token.actions.githubusercontent.com';
/** An hour ago: after the trusted root's date, before now, so "the trust root may be out of date" is plausible. */
const recent = () => String(Math.floor(Date.now() / 1000) - 3600);

const edited = (path: string, edit: (entry: Entry) => void): Attestation => {
  const att = structuredClone(readFixtureJson<Attestation>(path));
  att.verification_material.transparency_entries.forEach(edit);
  return att;
};
const outcome = (v: ArtifactVerdict) => ({ status: v.status, code: 'code' in v ? v.code : undefined });

let prod: TrustContext;
beforeAll(() => {
  prod = createTrustContext({ trustedRoot: readFixtureJson('sigstore/trusted_root.json'), npmKeys: readFixtureJson('sigstore/npm-registry-keys.json') });
});

describeRealData('semantic attacks: unsigned log fields choosing the verdict', () => {
  const pypi = (att: Attestation, file: DistributionFile) => outcome(verifyPypiProvenance(att, file, prod));
  const otherLog = (e: Entry) => void (e.logId = { keyId: Buffer.alloc(32, 7).toString('base64') });

  it('held: a staging-signed attestation is invalid against the production root', () => {
    expect(pypi(edited(STAGING, () => undefined), F_STAGING)).toEqual({ status: 'invalid', code: 'CERT_CHAIN' });
  });
  // FINDING: the integrated time is unsigned (its SET is checked later, by an unknown log), yet it
  // alone turns red into "couldn't check (trust root out of date)"; the leaf's own validity
  // (2024, ten minutes) cannot contain the claimed time, so no genuine log integrated it then.
  it('a staging-signed attestation with its integrated time moved to an hour ago is still invalid', () => {
    expect(pypi(edited(STAGING, (e) => void (e.integratedTime = recent())), F_STAGING)).toEqual({ status: 'invalid', code: 'CERT_CHAIN' });
  });
  it('held: a production attestation naming a log the root does not know is invalid', () => {
    expect(pypi(edited(PUBLISH_19, otherLog), F19)).toEqual({ status: 'invalid', code: 'TLOG_ENTRY' });
  });
  // FINDING: same, for a leaf issued by a CA the root knows (its validity is authenticated).
  it('a production attestation naming an unknown log and a recent time is still invalid', () => {
    const att = edited(PUBLISH_19, (e) => (otherLog(e), (e.integratedTime = recent())));
    expect(pypi(att, F19)).toEqual({ status: 'invalid', code: 'TLOG_ENTRY' });
  });
  it.each<[string, (e: Entry) => void, string]>([
    ['another log index under the same SET', (e) => void (e.logIndex = String(BigInt(String(e.logIndex)) + 1n)), 'TLOG_INCLUSION_PROMISE'],
    ['another integrated time under the same SET', (e) => void (e.integratedTime = String(Number(e.integratedTime) + 60)), 'TLOG_INCLUSION_PROMISE'],
    ['the SET removed (proof only, no signed time)', (e) => void delete e.inclusionPromise, 'TLOG_TIMESTAMP'],
    ['the SET removed and the log index changed', (e) => (delete e.inclusionPromise, (e.logIndex = '1')), 'TLOG_TIMESTAMP'],
  ])('held: %s', (_name, edit, code) => {
    expect(pypi(edited(PUBLISH_19, edit), F19)).toEqual({ status: 'invalid', code });
  });
});

describeRealData('semantic attacks: the Rekor entry shown for a Rekor v2 bundle', () => {
  type Bundle = { verificationMaterial: { tlogEntries: (Entry & { inclusionProof: Entry })[] } };
  const run = (edit: (e: Bundle['verificationMaterial']['tlogEntries'][number]) => void) => {
    const bundle = structuredClone(readFixtureJson<Bundle>(`${REKOR2}/bundle.sigstore.json`));
    bundle.verificationMaterial.tlogEntries.forEach(edit);
    const trust = createTrustContext({ trustedRoot: readFixtureJson(`${REKOR2}/trusted_root.json`) });
    return verifyBundle(bundle, { bytes: readFixture('sigstore/conformance/a.txt') }, { identity: BEACON, issuer: GITHUB }, trust);
  };

  it('held: the real bundle verifies and shows its proof-backed log index', () => {
    const verdict = run(() => undefined);
    expect(verdict.status === 'verified' ? verdict.attestations[0]?.log.logIndex : verdict).toBe('4026478');
  });
  it('held: a changed inclusion-proof index is refused', () => {
    expect(outcome(run((e) => void (e.inclusionProof.logIndex = '0')))).toEqual({ status: 'invalid', code: 'TLOG_INCLUSION_PROOF' });
  });
  // FINDING: without a SET nothing signs the top-level index; it must agree with the proof's.
  it('a top-level log index that disagrees with the inclusion proof is refused, never shown', () => {
    expect(outcome(run((e) => void (e.logIndex = '999999999')))).toEqual({ status: 'invalid', code: 'TLOG_INCLUSION_PROOF' });
  });
  // FINDING: Rekor v2 entries carry no integrated time; one written in is unsigned and must not be shown.
  it('an integrated time written into a Rekor v2 entry is not shown as the log time', () => {
    const verdict = run((e) => void (e.integratedTime = '1600000000'));
    expect(verdict.status).toBe('verified');
    expect(verdict.status === 'verified' ? verdict.attestations[0]?.log.integratedTime : '').not.toBe('2020-09-13T12:26:40.000Z');
  });
});

describeRealData('semantic attacks: pins made from one real publisher, met by another', () => {
  const identityOf = (verdict: ArtifactVerdict): SignerIdentity => {
    if (verdict.status !== 'verified' || !verdict.identity) throw new Error(`not verified: ${JSON.stringify(verdict)}`);
    return verdict.identity;
  };
  const npm = (base: string, doc: string) => {
    const d = readFixtureJson<{ name: string; version: string; dist: { integrity: string } }>(`${doc}.version.json`);
    return identityOf(verifyNpmAttestations(readFixtureJson(base), { name: d.name, version: d.version, integrity: d.dist.integrity }, prod));
  };
  const pypi = (path: string, file: DistributionFile) => identityOf(verifyPypiProvenance(readFixtureJson(path), file, prod));
  const ids = () => ({
    p19: pypi(PUBLISH_19, F19),
    p30: pypi('pypi/pypi-attestations/pypi_attestations-0.0.30-py3-none-any.whl.provenance.json', {
      filename: 'pypi_attestations-0.0.30-py3-none-any.whl', sha256: 'b3a9c53f6cb89e5e7b5b70e6cfca97cfc66008c1ed54087355e06e40071cef21',
    }),
    s100: npm('npm/sigstore/sigstore@1.0.0.attestations.json', 'npm/sigstore/sigstore@1.0.0'),
    s130: npm('npm/sigstore/sigstore@1.3.0.provenance.sigstore.json', 'npm/sigstore/sigstore@1.3.0'),
    s231: npm('npm/sigstore/sigstore@2.3.1.attestations.json', 'npm/sigstore/sigstore@2.3.1'),
    google: pypi('pypi/sampleproject/sampleproject-3.0.0.tar.gz.publish.attestation', {
      filename: 'sampleproject-3.0.0.tar.gz', sha256: '117ed88e5db073bb92969a7545745fd977ee85b7019706dd256a64058f70963d',
    }),
  });
  type Ids = ReturnType<typeof ids>;
  const pin = (id: SignerIdentity): IdentityPin => pinFromIdentity(id) as IdentityPin;

  it.each<[string, (i: Ids) => IdentityPin, (i: Ids) => SignerIdentity, boolean]>([
    ['pypi-attestations pinned at trailofbits/, release from the transferred pypi/ repository', (i) => pin(i.p19), (i) => i.p30, false],
    ['sigstore-js pinned on release.yml, a release from publish.yml (legacy certificate)', (i) => pin(i.s231), (i) => i.s100, false],
    ['sigstore-js pinned from a legacy certificate, a release from release.yml', (i) => pin(i.s100), (i) => i.s231, false],
    ['sigstore-js pinned at 1.3.0, 2.3.1 from the same repository, workflow and ids', (i) => pin(i.s130), (i) => i.s231, true],
    ['a pin in other GitHub case still names the same repository', (i) => ({ ...pin(i.s130), repository: 'Sigstore/Sigstore-JS' }), (i) => i.s231, true],
    ['a Google service-account pin, met by a GitHub workflow', (i) => pin(i.google), (i) => i.s231, false],
    ['a GitHub pin, met by the Google service account', (i) => pin(i.s231), (i) => i.google, false],
    ['a pin with the right repository and another repository id', (i) => ({ ...pin(i.s231), repositoryId: '1' }), (i) => i.s231, false],
  ])('%s', (_name, pinned, signer, expected) => {
    const all = ids();
    expect(matchesPin(signer(all), pinned(all))).toBe(expected);
  });
});

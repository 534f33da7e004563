// Real, validly signed npm attestations put in a misleading context (issue 13, items 2, 3, 6):
// an integrity string that lets npm accept another tarball, a publish attestation without
// provenance, and attestations riding along that nobody interprets. Every case starts from
// the real fixtures and is mutated here.
import { beforeAll, describe, expect, it } from 'vitest';
import { npmVersionOf } from '../testing/fixture-cases';
import { describeRealData, readFixtureJson } from '../testing/fixtures';
import { createTestSigstore, fakeIntegrity, githubIdentity } from '../testing/testca/index';
import type { NpmVersionInfo, TrustContext } from './api';
import { createTrustContext, verifyNpmAttestations } from './index';

type Entry = { predicateType: unknown; bundle: Record<string, unknown> };
type Response = { attestations: Entry[] };

const PLAYWRIGHT = 'npm/@playwright/cli/cli@0.1.1.attestations.json';
const PLAYWRIGHT_SLSA = 'npm/@playwright/cli/cli@0.1.1.provenance.sigstore.json';
const SIGSTORE_100 = 'npm/sigstore/sigstore@1.0.0.attestations.json';
const SIGSTORE_231 = 'npm/sigstore/sigstore@2.3.1.attestations.json';
const PUBLISH = 'https://github.com/npm/attestation/tree/main/specs/publish/v0.1';
const SLSA = /^https:\/\/slsa\.dev\//;
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

let trust: TrustContext;
beforeAll(() => {
  trust = createTrustContext({
    trustedRoot: readFixtureJson('sigstore/trusted_root.json'),
    npmKeys: readFixtureJson('sigstore/npm-registry-keys.json'),
  });
});

const response = (path: string) => structuredClone(readFixtureJson<Response>(path));
const verify = (doc: unknown, version: NpmVersionInfo = npmVersionOf(PLAYWRIGHT)) => verifyNpmAttestations(doc, version, trust);
const withIntegrity = (integrity: string): NpmVersionInfo => ({ ...npmVersionOf(PLAYWRIGHT), integrity });

describeRealData('npm integrity strings: every hash of the strongest algorithm must be the attested one', () => {
  // cli@0.1.1's real dist.integrity and dist.shasum (the version document has no registry signatures).
  const real = npmVersionOf(PLAYWRIGHT).integrity;
  const realB64 = real.slice('sha512-'.length);
  const shasum = Buffer.from(readFixtureJson<{ dist: { shasum: string } }>('npm/@playwright/cli/cli@0.1.1.version.json').dist.shasum, 'hex');
  const other = `sha512-${Buffer.alloc(64, 0xab).toString('base64')}`;

  it.each([
    ['the real sha512 then another (npm would accept either tarball)', `${real} ${other}`, 'SUBJECT_DIGEST'],
    ['another sha512 then the real one', `${other} ${real}`, 'SUBJECT_DIGEST'],
    ['only a sha256', `sha256-${Buffer.alloc(32, 1).toString('base64')}`, 'PARSE_INPUT'],
    ['only a sha1 (the real shasum)', `sha1-${shasum.toString('base64')}`, 'PARSE_INPUT'],
    ['the real sha512 beside an algorithm we cannot check', `${real} sha3-${Buffer.alloc(64, 2).toString('base64')}`, 'PARSE_INPUT'],
    ['the real sha512 beside an unreadable entry', `${real} sha256-not*base64`, 'PARSE_INPUT'],
    ['the real sha512 spelled in upper case', real.replace('sha512-', 'SHA512-'), 'PARSE_INPUT'],
    ['the real sha512 without its padding (ssri compares the text)', real.replace(/=+$/, ''), 'PARSE_INPUT'],
    ['the real sha512 with non-zero trailing bits (same bytes, other text)', `sha512-${realB64.slice(0, 85)}${B64[B64.indexOf(realB64[85]!) | 1]}==`, 'PARSE_INPUT'],
    ['an empty string', '   ', 'PARSE_INPUT'],
  ])('refuses %s', (_what, integrity, code) => {
    expect(verify(readFixtureJson(PLAYWRIGHT), withIntegrity(integrity))).toMatchObject({ status: 'invalid', code });
  });

  it.each([
    ['a weaker sha1 beside the real sha512', `sha1-${shasum.toString('base64')} ${real}`],
    ['the real sha512 listed twice', `${real}\t${real}`],
    ['the real sha512 with an option', `${real}?foo`],
  ])('verifies %s', (_what, integrity) => {
    expect(verify(readFixtureJson(PLAYWRIGHT), withIntegrity(integrity))).toMatchObject({ status: 'verified', identity: { repository: 'microsoft/playwright-cli' } });
  });

  it('checks registry signatures over the whole string: an added weaker hash is not what npm signed', () => {
    const version = npmVersionOf(SIGSTORE_100);
    const widened = { ...version, integrity: `sha1-${Buffer.alloc(20, 3).toString('base64')} ${version.integrity}` };
    expect(verify(readFixtureJson(SIGSTORE_100), widened)).toMatchObject({ status: 'invalid', code: 'SIGNATURE_REGISTRY' });
  });
});

describeRealData('npm: a publish attestation without SLSA provenance is none, and still fully checked', () => {
  it('a failing publish attestation alone stays invalid', () => {
    const doc = response('npm/sigstore/sigstore@2.3.1.attestations.tampered-publish.json');
    doc.attestations = doc.attestations.filter((a) => a.predicateType === PUBLISH);
    expect(verify(doc, npmVersionOf(SIGSTORE_231))).toMatchObject({ status: 'invalid', code: 'TLOG_BODY' });
  });

  it('a forged registry signature beside a lone publish attestation stays invalid', () => {
    const doc = response(SIGSTORE_100);
    doc.attestations = doc.attestations.filter((a) => a.predicateType === PUBLISH);
    const version = npmVersionOf(SIGSTORE_100);
    const sig = version.signatures![0]!;
    const forged = { ...version, signatures: [{ keyid: sig.keyid, sig: sig.sig.replace(/^MEQCIB/, 'MEQCIC') }] };
    expect(verify(doc, forged)).toMatchObject({ status: 'invalid', code: 'SIGNATURE_REGISTRY' });
  });

  it('a lone publish bundle for another version stays invalid', () => {
    const path = 'npm/sigstore/sigstore@1.3.0.publish.sigstore.json';
    expect(verify(readFixtureJson(path), { ...npmVersionOf(path), version: '1.3.1' })).toMatchObject({ status: 'invalid', code: 'SUBJECT_NAME' });
  });
});

describeRealData('npm: nothing unchecked rides along', () => {
  it('refuses a real response plus another package’s real bundle relabelled with an unknown predicate type', () => {
    const doc = response(PLAYWRIGHT);
    const foreign = response(SIGSTORE_231).attestations.find((a) => SLSA.test(String(a.predicateType)))!;
    doc.attestations.push({ predicateType: 'https://example.com/attestation/v1', bundle: foreign.bundle });
    expect(verify(doc)).toMatchObject({ status: 'invalid', code: 'POLICY_PREDICATE_TYPE' });
  });

  it('refuses an unknown predicate type before verifying it: whoever signed it, it is not interpreted', () => {
    const doc = response(PLAYWRIGHT);
    doc.attestations.push({ predicateType: 'https://example.com/attestation/v1', bundle: {} });
    expect(verify(doc)).toMatchObject({ status: 'invalid', code: 'POLICY_PREDICATE_TYPE' });
  });

  it('refuses a listed predicate type that is not a string', () => {
    const doc = response(PLAYWRIGHT);
    doc.attestations[0]!.predicateType = 7;
    expect(verify(doc)).toMatchObject({ status: 'invalid', code: 'PARSE_SHAPE' });
  });

  it('counts a repeated attestation once, also when it comes with other log evidence', () => {
    const doc = response(PLAYWRIGHT);
    doc.attestations.push(...structuredClone(doc.attestations));
    // The same signed SLSA statement as a separately published bundle (other verification material).
    doc.attestations.push({ predicateType: 'https://slsa.dev/provenance/v1', bundle: readFixtureJson(PLAYWRIGHT_SLSA) });
    const verdict = verify(doc);
    expect(verdict).toMatchObject({ status: 'verified' });
    if (verdict.status !== 'verified') return;
    expect(verdict.attestations.map((a) => a.kind)).toEqual(['npm-publish', 'slsa-provenance']);
  });

  it('a repeated publish attestation without provenance is still none, not more evidence', () => {
    const doc = response(SIGSTORE_100);
    const publish = doc.attestations.find((a) => a.predicateType === PUBLISH)!;
    doc.attestations = [publish, structuredClone(publish)];
    expect(verify(doc, npmVersionOf(SIGSTORE_100))).toMatchObject({ status: 'none', registrySigned: { keyId: expect.stringMatching(/^SHA256:/) } });
  });

  it.each([
    ['a bundle that also holds an attestations list', () => ({ ...readFixtureJson<object>(PLAYWRIGHT_SLSA), attestations: response(PLAYWRIGHT).attestations })],
    ['a response with a mediaType', () => ({ ...response(PLAYWRIGHT), mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json' })],
    ['a response with a null mediaType', () => ({ ...response(PLAYWRIGHT), mediaType: null })],
  ])('refuses %s (one document, one shape)', (_what, doc) => {
    expect(verify(doc())).toMatchObject({ status: 'invalid', code: 'PARSE_SHAPE' });
  });
});

describe('npm: a second, different publish attestation for one version', () => {
  // No real response holds two (npm publishes a version once), so the test instance signs them.
  it('is refused, not listed as more evidence', async () => {
    const ts = await createTestSigstore();
    const own = createTrustContext({ trustedRoot: ts.trustedRoot, npmKeys: ts.npmKeys });
    const version = { name: 'widget', version: '1.0.0', integrity: fakeIntegrity('widget-1.0.0') };
    const identity = githubIdentity('acme/widget');
    const doc = ts.npmAttestations({ ...version, identity, integratedTime: 1_767_225_600 });
    const again = ts.npmAttestations({ ...version, identity, integratedTime: 1_767_225_700 });
    expect(verifyNpmAttestations(doc, version, own)).toMatchObject({ status: 'verified' });
    doc.attestations.push(again.attestations.find((a) => a.predicateType === PUBLISH)!);
    expect(verifyNpmAttestations(doc, version, own)).toMatchObject({ status: 'invalid', code: 'PARSE_SHAPE' });
  });
});

describeRealData('npm registry signatures are judged at publish time', () => {
  it('an SLSA-only response keeps the registry key judged at the provenance log time, not today', () => {
    // sigstore@1.0.0's registry key has since been retired; its signature was valid when published.
    const doc = response(SIGSTORE_100);
    doc.attestations = doc.attestations.filter((a) => a.predicateType !== PUBLISH);
    const version = npmVersionOf(SIGSTORE_100);
    expect(version.signatures?.length).toBeGreaterThan(0);
    expect(verify(doc, version)).toMatchObject({ status: 'verified', identity: { repository: 'sigstore/sigstore-js' } });
    // The same signature made invalid still fails: the time rule does not weaken the check.
    const forged = { ...version, signatures: version.signatures!.map((s) => ({ ...s, sig: s.sig.replace(/^ME/, 'MF') })) };
    expect(verify(doc, forged)).toMatchObject({ status: 'invalid', code: 'SIGNATURE_REGISTRY' });
  });
});

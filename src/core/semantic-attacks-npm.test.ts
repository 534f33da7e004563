// Semantic attacks on the npm path with real attestation responses only: another package's or
// version's attestations, name spellings, SRI strings that hide a second tarball, and response
// shapes that mix, relabel or drop attestations.
import { beforeAll, expect, it } from 'vitest';
import { describeRealData, readFixtureJson } from '../testing/fixtures';
import type { NpmVersionInfo, TrustContext } from './api';
import { createTrustContext, verifyNpmAttestations } from './index';

type Entry = { predicateType?: string; bundle: Record<string, unknown> };
type Response = { attestations: Entry[] };
type VersionDoc = { name: string; version: string; dist: { integrity: string; signatures?: { keyid: string; sig: string }[] } };
const json = <T>(path: string): T => structuredClone(readFixtureJson<T>(path));
const S100 = 'npm/sigstore/sigstore@1.0.0';
const TUF = 'npm/tuf-js/tuf-js@1.0.0';
const SG = 'npm/@trishankatdatadog/supreme-goggles/supreme-goggles@1.0.5';
const s100 = () => json<Response>(`${S100}.attestations.json`);
const [slsa100, publish100] = [() => s100().attestations[0] as Entry, () => s100().attestations[1] as Entry];
const tuf = () => json<Response>(`${TUF}.attestations.json`);
const doc = (path: string) => json<VersionDoc>(`${path}.version.json`);
const REGISTRY = 'https://registry.npmjs.org';
const PUBLISH = 'https://github.com/npm/attestation/tree/main/specs/publish/v0.1';

const info = (path: string, extra: Partial<NpmVersionInfo> = {}): NpmVersionInfo => {
  const d = doc(path);
  return { name: d.name, version: d.version, integrity: d.dist.integrity, registry: REGISTRY, ...extra };
};
const b64 = (byte: number, length: number) => Buffer.alloc(length, byte).toString('base64');

let trust: TrustContext;
beforeAll(() => {
  trust = createTrustContext({ trustedRoot: readFixtureJson('sigstore/trusted_root.json'), npmKeys: readFixtureJson('sigstore/npm-registry-keys.json') });
});

type Case = [name: string, response: () => unknown, version: () => NpmVersionInfo, status: string, code: string | undefined];
const cases = (list: Case[]) =>
  it.each(list)('%s', (_name, response, version, status, code) => {
    const verdict = verifyNpmAttestations(response(), version(), trust);
    expect({ status: verdict.status, code: 'code' in verdict ? verdict.code : undefined }).toEqual({ status, code });
  });

describeRealData('semantic attacks, npm: another package or version', () => {
  cases([
    ["tuf-js@1.0.0's attestations served for sigstore@1.0.0", tuf, () => info(S100), 'invalid', 'SUBJECT_NAME'],
    ["sigstore@1.0.0's attestations served for tuf-js@1.0.0", s100, () => info(TUF), 'invalid', 'SUBJECT_NAME'],
    ['a version with build metadata (1.0.0+x)', s100, () => info(S100, { version: '1.0.0+x' }), 'invalid', 'SUBJECT_NAME'],
    ['a v-prefixed version', s100, () => info(S100, { version: 'v1.0.0' }), 'invalid', 'SUBJECT_NAME'],
    ['a name in another case', s100, () => info(S100, { name: 'Sigstore' }), 'invalid', 'SUBJECT_NAME'],
    ['a scoped name spelled %40scope/name', () => json(`${SG}.attestations.json`), () => info(SG, { name: '%40trishankatdatadog/supreme-goggles' }), 'invalid', 'SUBJECT_NAME'],
    ['a scoped name without its @', () => json(`${SG}.attestations.json`), () => info(SG, { name: 'trishankatdatadog/supreme-goggles' }), 'invalid', 'SUBJECT_NAME'],
    ['a scoped name spelled @scope%2fname', () => json(`${SG}.attestations.json`), () => info(SG, { name: '@trishankatdatadog%2fsupreme-goggles' }), 'invalid', 'SUBJECT_NAME'],
    ['the bare name of a scoped package', () => json(`${SG}.attestations.json`), () => info(SG, { name: 'supreme-goggles' }), 'invalid', 'SUBJECT_NAME'],
    ["@playwright/cli's attestations for another scoped package", () => json('npm/@playwright/cli/cli@0.1.1.attestations.json'), () => info(SG), 'invalid', 'SUBJECT_NAME'],
    ['another registry than the one the publish predicate names', s100, () => info(S100, { registry: 'https://npm.pkg.github.com' }), 'invalid', 'IDENTITY_PREDICATE_MISMATCH'],
    ["registry signatures of tuf-js@1.0.0 beside sigstore@1.0.0's", s100, () => info(S100, { signatures: doc(TUF).dist.signatures }), 'invalid', 'SIGNATURE_REGISTRY'],
  ]);

  it('the real response with its own registry signatures verifies, identity from the legacy certificate', () => {
    const verdict = verifyNpmAttestations(s100(), info(S100, { signatures: doc(S100).dist.signatures }), trust);
    expect(verdict).toMatchObject({
      status: 'verified',
      identity: { repository: 'sigstore/sigstore-js', workflowPath: '.github/workflows/publish.yml', ref: 'refs/tags/v1.0.0', commit: '06528997c3c8ab9f864fad9a3658446aca7fd86d' },
    });
  });
});

describeRealData('semantic attacks, npm: dist.integrity strings', () => {
  const own = () => doc(S100).dist.integrity;
  const withIntegrity = (integrity: () => string) => () => info(S100, { integrity: integrity() });
  cases([
    ['a second sha512 (another tarball) after the attested one', s100, withIntegrity(() => `${own()} ${doc(TUF).dist.integrity}`), 'invalid', 'SUBJECT_DIGEST'],
    ['a second sha512 (another tarball) before the attested one', s100, withIntegrity(() => `${doc(TUF).dist.integrity} ${own()}`), 'invalid', 'SUBJECT_DIGEST'],
    ['only a weaker algorithm', s100, withIntegrity(() => `sha256-${b64(0, 32)}`), 'invalid', 'PARSE_INPUT'],
    ['an algorithm we cannot check beside the attested sha512', s100, withIntegrity(() => `sha3-${b64(0, 64)} ${own()}`), 'invalid', 'PARSE_INPUT'],
    ['the algorithm name in upper case', s100, withIntegrity(() => own().replace('sha512-', 'SHA512-')), 'invalid', 'PARSE_INPUT'],
    ['the digest without its base64 padding', s100, withIntegrity(() => own().replace(/=+$/, '')), 'invalid', 'PARSE_INPUT'],
    ['the digest in base64url', s100, withIntegrity(() => `sha512-${Buffer.from(own().slice(7), 'base64').toString('base64url')}`), 'invalid', 'PARSE_INPUT'],
    ['a weaker hash beside the attested sha512 (npm checks sha512)', s100, withIntegrity(() => `sha1-${b64(0, 20)} ${own()}`), 'verified', undefined],
    ['SRI options after the attested sha512', s100, withIntegrity(() => `${own()}?foo?bar`), 'verified', undefined],
  ]);
});

describeRealData('semantic attacks, npm: response shapes', () => {
  cases([
    ['a lone publish attestation is no build provenance', () => ({ attestations: [publish100()] }), () => info(S100), 'none', undefined],
    ['a bare publish bundle is no build provenance', () => publish100().bundle, () => info(S100), 'none', undefined],
    ['the SLSA bundle listed as the publish attestation', () => ({ attestations: [{ ...slsa100(), predicateType: PUBLISH }, publish100()] }), () => info(S100), 'invalid', 'POLICY_PREDICATE_TYPE'],
    ['v0.2 provenance listed as v1', () => ({ attestations: [{ ...slsa100(), predicateType: 'https://slsa.dev/provenance/v1' }, publish100()] }), () => info(S100), 'invalid', 'POLICY_PREDICATE_TYPE'],
    ['an extra entry with an unknown predicate type', () => ({ attestations: [slsa100(), publish100(), { ...slsa100(), predicateType: 'https://in-toto.io/attestation/vulns' }] }), () => info(S100), 'invalid', 'POLICY_PREDICATE_TYPE'],
    ["tuf-js's SLSA provenance beside sigstore's publish attestation", () => ({ attestations: [tuf().attestations[0], publish100()] }), () => info(S100), 'invalid', 'SUBJECT_NAME'],
    ["sigstore's SLSA provenance beside tuf-js's publish attestation", () => ({ attestations: [slsa100(), tuf().attestations[1]] }), () => info(S100), 'invalid', 'SUBJECT_NAME'],
    ["sigstore@1.3.0's SLSA bundle beside sigstore@2.0.0's", () => ({ attestations: [{ bundle: json('npm/sigstore/sigstore@2.0.0.provenance.sigstore.json') }, { bundle: json('npm/sigstore/sigstore@1.3.0.provenance.sigstore.json') }] }), () => info('npm/sigstore/sigstore@2.0.0'), 'invalid', 'SUBJECT_NAME'],
    ['a bundle that also carries an attestations list', () => ({ ...slsa100().bundle, attestations: s100().attestations }), () => info(S100), 'invalid', 'PARSE_SHAPE'],
    ['an empty attestations list', () => ({ attestations: [] }), () => info(S100), 'invalid', 'PARSE_SHAPE'],
  ]);

  it('the two bare sigstore@1.3.0 bundles put together verify, each attestation once', () => {
    const prov = json<Record<string, unknown>>('npm/sigstore/sigstore@1.3.0.provenance.sigstore.json');
    const pub = json<Record<string, unknown>>('npm/sigstore/sigstore@1.3.0.publish.sigstore.json');
    const verdict = verifyNpmAttestations({ attestations: [{ bundle: prov }, { bundle: pub }, { bundle: prov }] }, info('npm/sigstore/sigstore@1.3.0'), trust);
    expect(verdict).toMatchObject({ status: 'verified', identity: { repository: 'sigstore/sigstore-js', ref: 'refs/heads/main', commit: 'dae8bd8eb433a4147b4655c00fe73e0f22bc0fb1' } });
    expect(verdict.status === 'verified' ? verdict.attestations.map((a) => a.kind) : verdict).toEqual(['slsa-provenance', 'npm-publish']);
  });
});

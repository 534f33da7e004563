// The npm adapter with the real core over REAL fixtures put in a misleading context (issue 13,
// items 2, 3 and 6). Only the network is faked: it serves the real bodies, mutated here.
import { expect, it } from 'vitest';
import { createTrustContext, verifyNpmAttestations, verifyPypiProvenance } from '../../core/index';
import { describeRealData, readFixtureJson } from '../../testing/fixtures';
import type { AdapterDeps } from '../adapter';
import { fakeFetcher, type FakeFetcher } from '../testing/fake-fetcher';
import { attestationsUrl, versionUrl } from './api';
import { verifyNpmVersion } from './version';

const PUBLISH = 'https://github.com/npm/attestation/tree/main/specs/publish/v0.1';
type Entry = { predicateType: string; bundle: unknown };
type VersionDoc = { name: string; version: string; dist: Record<string, unknown> & { integrity: string; shasum?: string } };

function deps(doc: VersionDoc, attestations: unknown): AdapterDeps & { fetcher: FakeFetcher } {
  const trust = createTrustContext({
    trustedRoot: readFixtureJson('sigstore/trusted_root.json'),
    npmKeys: readFixtureJson('sigstore/npm-registry-keys.json'),
  });
  const routes = { [versionUrl(doc.name, doc.version).href]: doc, [attestationsUrl(doc.name, doc.version).href]: attestations };
  return { fetcher: fakeFetcher(routes), verifiers: { verifyPypiProvenance, verifyNpmAttestations }, trust, now: () => 0 };
}

/** The real version document; dist.attestations added where the harvested copy lacks it (MANIFEST). */
function versionDoc(version: string): VersionDoc {
  const doc = structuredClone(readFixtureJson<VersionDoc>(`npm/sigstore/sigstore@${version}.version.json`));
  doc.dist.attestations ??= { url: attestationsUrl('sigstore', version).href, provenance: { predicateType: 'https://slsa.dev/provenance/v1' } };
  return doc;
}

const response = (version: string) => structuredClone(readFixtureJson<{ attestations: Entry[] }>(`npm/sigstore/sigstore@${version}.attestations.json`));
const check = (doc: VersionDoc, attestations: unknown) => verifyNpmVersion({ registry: 'npm', name: doc.name, version: doc.version }, deps(doc, attestations));
const JL3B = 'SHA256:jl3bwswu80PjjokCgh0o2w5c2U4LhQAE57gj9cz1kzA';

describeRealData('npm adapter: a publish attestation without provenance is none, registry-signed', () => {
  it("sigstore@1.3.0 served only its real publish bundle: none, with the registry's key and log entry", async () => {
    const publish = readFixtureJson('npm/sigstore/sigstore@1.3.0.publish.sigstore.json');
    const v = await check(versionDoc('1.3.0'), { attestations: [{ predicateType: PUBLISH, bundle: publish }] });
    expect(v).toMatchObject({ status: 'none', registrySigned: { keyId: JL3B, log: { logIndex: '18300940' } }, files: [{ filename: 'sigstore-1.3.0.tgz' }] });
    expect(v.files[0]?.verdict).toMatchObject({ status: 'none', registrySigned: { keyId: JL3B } });
  });

  it('sigstore@1.0.0 with its SLSA entry removed: none, registry-signed (its dist.signatures verified)', async () => {
    const doc = response('1.0.0');
    doc.attestations = doc.attestations.filter((a) => a.predicateType === PUBLISH);
    expect(await check(versionDoc('1.0.0'), doc)).toMatchObject({ status: 'none', registrySigned: { keyId: JL3B } });
  });
});

describeRealData('npm adapter: dist.integrity read by the one SRI reader', () => {
  const other = `sha512-${Buffer.alloc(64, 0xab).toString('base64')}`;

  it.each([
    ['the real sha512 then another', (real: string) => `${real} ${other}`],
    ['another sha512 then the real one', (real: string) => `${other} ${real}`],
  ])('is invalid when dist.integrity lists %s (npm would accept either tarball)', async (_what, integrity) => {
    const doc = versionDoc('2.3.1');
    doc.dist.integrity = integrity(doc.dist.integrity);
    expect(await check(doc, response('2.3.1'))).toMatchObject({ status: 'invalid', code: 'SUBJECT_DIGEST' });
  });

  it('verifies the real sha512 beside the real sha1 shasum (the strongest algorithm counts)', async () => {
    const doc = versionDoc('2.3.1');
    doc.dist.integrity = `sha1-${Buffer.from(doc.dist.shasum!, 'hex').toString('base64')} ${doc.dist.integrity}`;
    expect(await check(doc, response('2.3.1'))).toMatchObject({ status: 'verified', identity: { repository: 'sigstore/sigstore-js' } });
  });

  it('refuses a dist.integrity without sha512 before fetching the attestations', async () => {
    const doc = versionDoc('2.3.1');
    doc.dist.integrity = `sha1-${Buffer.from(doc.dist.shasum!, 'hex').toString('base64')}`;
    const d = deps(doc, response('2.3.1'));
    expect(await verifyNpmVersion({ registry: 'npm', name: 'sigstore', version: '2.3.1' }, d)).toMatchObject({ status: 'unavailable', code: 'PARSE_SHAPE' });
    expect(d.fetcher.requests.map((r) => r.url)).toEqual([versionUrl('sigstore', '2.3.1').href]);
  });
});

describeRealData('npm adapter: nothing unchecked rides along', () => {
  it('is invalid when the response adds a real bundle of another package under an unknown predicate type', async () => {
    const doc = response('2.3.1');
    const foreign = response('1.0.0').attestations.find((a) => a.predicateType !== PUBLISH)!;
    doc.attestations.push({ predicateType: 'https://example.com/attestation/v1', bundle: foreign.bundle });
    expect(await check(versionDoc('2.3.1'), doc)).toMatchObject({ status: 'invalid', code: 'POLICY_PREDICATE_TYPE' });
  });

  it('lists a repeated attestation once in the package verdict', async () => {
    const doc = response('2.3.1');
    doc.attestations.push(...structuredClone(doc.attestations));
    const v = await check(versionDoc('2.3.1'), doc);
    expect(v.status === 'verified' ? v.attestations.map((a) => a.kind).sort() : v.status).toEqual(['npm-publish', 'slsa-provenance']);
  });
});

describeRealData('npm adapter: requests', () => {
  it('sigstore@2.3.1: the version document through the browser cache, the attestations kept by digest only', async () => {
    const doc = versionDoc('2.3.1');
    const d = deps(doc, response('2.3.1'));
    expect(await verifyNpmVersion({ registry: 'npm', name: doc.name, version: doc.version }, d)).toMatchObject({ status: 'verified' });
    expect(d.fetcher.requests.map((r) => [r.url, r.keptByDigest === true])).toEqual([
      [versionUrl('sigstore', '2.3.1').href, false],
      [attestationsUrl('sigstore', '2.3.1').href, true],
    ]);
  });
});

// Review 4 (signing-key memo, commit 12e5837): the real sampleproject 4.0.0 release, whose wheel
// and sdist share one Fulcio leaf. The sdist is verified first under the real root (the memo is
// warm for that leaf), then the wheel is judged under mutated trust material / a mutated bundle.
// Every verdict must equal the one a cold process gives (no memo: new trust context, parse memo
// cleared). Run on native crypto (CLI) and on the worker's pure-JS adapter (no recording).
import { describe, expect, it } from 'vitest';
import { describeRealData, readFixtureJson } from '../testing/fixtures';
import type { TrustedRootJson } from '../testing/testca/index';
import { withCrypto, type CryptoImpl } from './crypto/testing/swap-node-crypto';
import { createTrustContext, verifyPypiProvenance } from './index';
import type { ArtifactVerdict } from './verdict';
import { clearParsedCertificates } from './x509-parse-memo';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const SDIST = { filename: 'sampleproject-4.0.0.tar.gz', sha256: '0ace7980f82c5815ede4cd7bf9f6693684cec2ae47b9b7ade9add533b8627c6b' };
const WHEEL = { filename: 'sampleproject-4.0.0-py3-none-any.whl', sha256: 'c23e447ea90d796d1e645c35c4b2de125040add12a845825546f91c93f391b6b' };
const sdistDoc = (): Json => structuredClone(readFixtureJson<Json>('pypi/sampleproject/sampleproject-4.0.0.tar.gz.provenance'));
function wheelDoc(): Json {
  const attestation = structuredClone(readFixtureJson<Json>('pypi/sampleproject/sampleproject-4.0.0-py3-none-any.whl.attestation.json'));
  return { version: 1, attestation_bundles: [{ publisher: sdistDoc().attestation_bundles[0].publisher, attestations: [attestation] }] };
}
const att = (doc: Json): Json => doc.attestation_bundles[0].attestations[0];
const entryOf = (doc: Json): Json => att(doc).verification_material.transparency_entries[0];
const realRoot = (): Json => structuredClone(readFixtureJson<Json>('sigstore/trusted_root.json'));
const CURRENT_CA = 1; // the 2022+ Fulcio CA (intermediate + root) that issued the sampleproject leaf
const CT_2022 = 1;

type Case = { name: string; root?: (r: Json) => void; doc?: (d: Json) => void; file?: typeof WHEEL; code: string };
const cases: Case[] = [
  { name: 'issuing CA ends before the entry', root: (r) => (r.certificateAuthorities[CURRENT_CA].validFor.end = '2024-01-01T00:00:00Z'), code: 'CERT_CHAIN' },
  { name: 'issuing CA starts after the entry', root: (r) => (r.certificateAuthorities[CURRENT_CA].validFor.start = '2025-01-01T00:00:00Z'), code: 'CERT_CHAIN' },
  { name: 'issuing CA without its intermediate', root: (r) => r.certificateAuthorities[CURRENT_CA].certChain.certificates.shift(), code: 'CERT_CHAIN' },
  {
    name: 'issuing CA chain = intermediate only, other CA keeps the root',
    root: (r) => {
      const [intermediate, root] = r.certificateAuthorities[CURRENT_CA].certChain.certificates;
      r.certificateAuthorities[CURRENT_CA].certChain.certificates = [intermediate];
      r.certificateAuthorities[0].certChain.certificates = [root];
    },
    code: 'CERT_CHAIN',
  },
  { name: 'CT log 2022 under the 2021 log key', root: (r) => (r.ctlogs[CT_2022].publicKey.rawBytes = r.ctlogs[0].publicKey.rawBytes), code: 'CERT_SCT' },
  { name: 'CT log 2022 ended before the SCT', root: (r) => (r.ctlogs[CT_2022].publicKey.validFor.end = '2023-01-01T00:00:00Z'), code: 'CERT_SCT' },
  { name: 'CT log 2022 under another log id', root: (r) => (r.ctlogs[CT_2022].logId.keyId = r.ctlogs[0].logId.keyId), code: 'CERT_SCT' },
  { name: 'no CT logs', root: (r) => (r.ctlogs = []), code: 'CERT_SCT' },
  { name: 'wheel entry a year after the leaf expired', doc: (d) => (entryOf(d).integratedTime = String(Number(entryOf(d).integratedTime) + 365 * 86400)), code: 'CERT_CHAIN' },
  { name: 'wheel entry before the leaf was issued', doc: (d) => (entryOf(d).integratedTime = String(Number(entryOf(d).integratedTime) - 3600)), code: 'CERT_CHAIN' },
  { name: "wheel carrying the sdist's log entry", doc: (d) => (att(d).verification_material.transparency_entries = [entryOf(sdistDoc())]), code: 'TLOG_BODY' },
  { name: "wheel carrying the sdist's signature", doc: (d) => (att(d).envelope.signature = att(sdistDoc()).envelope.signature), code: '*' },
  { name: "wheel carrying the sdist's statement", doc: (d) => (att(d).envelope.statement = att(sdistDoc()).envelope.statement), code: '*' },
  { name: 'wheel attestation judged as the sdist file', file: SDIST, code: '*' },
  { name: 'publisher names another repository', doc: (d) => (d.attestation_bundles[0].publisher.repository = 'pypa/sampleproject-fork'), code: '*' },
  { name: 'publisher names another workflow', doc: (d) => (d.attestation_bundles[0].publisher.workflow = 'other.yml'), code: '*' },
];

function judge(c: Case, trust: ReturnType<typeof createTrustContext>): ArtifactVerdict {
  const doc = wheelDoc();
  c.doc?.(doc);
  return verifyPypiProvenance(doc, c.file ?? WHEEL, trust);
}

function trustFor(c: Case) {
  const root = realRoot();
  c.root?.(root);
  return createTrustContext({ trustedRoot: root as TrustedRootJson });
}

function cold(c: Case): ArtifactVerdict {
  clearParsedCertificates();
  return judge(c, trustFor(c));
}

describeRealData('review4: a warm memo for the real sampleproject leaf changes no verdict', () => {
  describe.each(['native', 'adapter'] as CryptoImpl[])('%s crypto', (impl) => {
    it.each(cases)('$name', (c) => {
      withCrypto(impl, () => {
        const expected = cold(c);
        if (c.code === '*') expect(expected.status).toBe('invalid');
        else expect(expected).toMatchObject({ status: 'invalid', code: c.code });
        // Warm: the sdist (same leaf) verified under the real root, and under the mutated one
        // when the case mutates only the bundle (same trust context as the wheel then).
        const sharedTrust = c.root ? undefined : trustFor(c);
        expect(verifyPypiProvenance(sdistDoc(), SDIST, sharedTrust ?? createTrustContext({ trustedRoot: realRoot() as TrustedRootJson })).status).toBe('verified');
        const trust = sharedTrust ?? trustFor(c);
        if (c.root) verifyPypiProvenance(sdistDoc(), SDIST, trust); // the mutated root sees the leaf first
        expect(judge(c, trust)).toEqual(expected);
        // And the honest wheel after the mutated one, under the real root: still verified.
        const real = sharedTrust ?? createTrustContext({ trustedRoot: realRoot() as TrustedRootJson });
        expect(verifyPypiProvenance(wheelDoc(), WHEEL, real).status).toBe('verified');
        // The mutated case again, after the honest wheel warmed everything: same verdict.
        expect(judge(c, trust)).toEqual(expected);
      });
    });
  });

  it('one trust context, interleaved honest and mutated files in both orders: verdicts never change', () => {
    const trust = createTrustContext({ trustedRoot: realRoot() as TrustedRootJson });
    const docCases = cases.filter((c) => !c.root);
    const first = docCases.map((c) => judge(c, trust));
    expect(verifyPypiProvenance(wheelDoc(), WHEEL, trust).status).toBe('verified');
    const reversed = [...docCases].reverse().map((c) => judge(c, trust)).reverse();
    expect(reversed).toEqual(first);
    clearParsedCertificates();
    expect(docCases.map((c) => judge(c, trust))).toEqual(first);
  });
});

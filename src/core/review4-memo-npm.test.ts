// Review 4 (signing-key memo): real npm attestations (a public-key publish bundle and a
// certificate provenance bundle). Each mutated response is judged cold (new trust context,
// parse memo cleared) and warm (after the honest response verified under the same trust
// material): the two verdicts must be equal, on native crypto, on the adapter, and through
// verifyAhead, and the honest response must verify again afterwards.
import { webcrypto } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { npmVersionOf } from '../testing/fixture-cases';
import { describeRealData, readFixtureJson } from '../testing/fixtures';
import type { NpmVersionInfo, TrustContext } from './api';
import { withCrypto } from './crypto/testing/swap-node-crypto';
import { verifyAhead } from './crypto/verify-ahead';
import { createTrustContext, verifyNpmAttestations } from './index';
import type { ArtifactVerdict } from './verdict';
import { clearParsedCertificates } from './x509-parse-memo';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const SIGSTORE = 'npm/sigstore/sigstore@2.3.1.attestations.json';
const GOGGLES = 'npm/@trishankatdatadog/supreme-goggles/supreme-goggles@1.0.5.attestations.json';
const json = (path: string): Json => structuredClone(readFixtureJson<Json>(path));
const root = (): Json => structuredClone(readFixtureJson<Json>('sigstore/trusted_root.json'));
const keys = () => readFixtureJson('sigstore/npm-registry-keys.json');
const isSlsa = (a: Json) => String(a.predicateType).startsWith('https://slsa.dev/provenance/');
const provenance = (doc: Json): Json => doc.attestations.find(isSlsa).bundle;
const publish = (doc: Json): Json => doc.attestations.find((a: Json) => !isSlsa(a)).bundle;
const leafOf = (b: Json): Json => b.verificationMaterial.x509CertificateChain.certificates[0];

type Case = { name: string; path: string; doc?: (d: Json) => void; root?: (r: Json) => void; version?: (v: NpmVersionInfo) => void };
const cases: Case[] = [
  { name: 'supreme-goggles tampered provenance', path: GOGGLES.replace('.json', '.tampered-provenance.json') },
  { name: 'supreme-goggles tampered publish', path: GOGGLES.replace('.json', '.tampered-publish.json') },
  { name: 'sigstore tampered provenance', path: SIGSTORE.replace('.json', '.tampered-provenance.json') },
  ...[GOGGLES, SIGSTORE].flatMap((path): Case[] => [
    { name: `${path}: provenance entry a year later`, path, doc: (d) => { const e = provenance(d).verificationMaterial.tlogEntries[0]; e.integratedTime = String(Number(e.integratedTime) + 365 * 86400); } },
    { name: `${path}: provenance entry an hour earlier`, path, doc: (d) => { const e = provenance(d).verificationMaterial.tlogEntries[0]; e.integratedTime = String(Number(e.integratedTime) - 3600); } },
    { name: `${path}: publish bundle under an unknown key hint`, path, doc: (d) => (publish(d).verificationMaterial.publicKey.hint = 'SHA256:unknown') },
    { name: `${path}: provenance signature from the publish bundle`, path, doc: (d) => (provenance(d).dsseEnvelope.signatures = publish(d).dsseEnvelope.signatures) },
    { name: `${path}: provenance tlog entry of the publish bundle`, path, doc: (d) => (provenance(d).verificationMaterial.tlogEntries = publish(d).verificationMaterial.tlogEntries) },
    { name: `${path}: no CT logs`, path, root: (r) => (r.ctlogs = []) },
    { name: `${path}: CT 2022 log under the 2021 key`, path, root: (r) => (r.ctlogs[1].publicKey.rawBytes = r.ctlogs[0].publicKey.rawBytes) },
    { name: `${path}: current Fulcio CA ended in 2023`, path, root: (r) => (r.certificateAuthorities[1].validFor.end = '2023-01-01T00:00:00Z') },
    { name: `${path}: another integrity (wrong tarball)`, path, version: (v) => (v.integrity = `sha512-${Buffer.alloc(64, 1).toString('base64')}`) },
    { name: `${path}: another version`, path, version: (v) => (v.version = '9.9.9') },
  ]),
  { name: 'sigstore provenance leaf in the goggles response', path: GOGGLES, doc: (d) => (leafOf(provenance(d)).rawBytes = leafOf(provenance(json(SIGSTORE))).rawBytes) },
];

type Run = (doc: Json, version: NpmVersionInfo, trust: TrustContext) => Promise<ArtifactVerdict>;
const runs: Record<string, { crypto: 'native' | 'adapter'; run: Run }> = {
  native: { crypto: 'native', run: async (d, v, t) => withCrypto('native', () => verifyNpmAttestations(d, v, t)) },
  adapter: { crypto: 'adapter', run: async (d, v, t) => withCrypto('adapter', () => verifyNpmAttestations(d, v, t)) },
  verifyAhead: {
    crypto: 'adapter',
    run: (d, v, t) => verifyAhead(() => withCrypto('adapter', () => verifyNpmAttestations(d, v, t)), webcrypto.subtle as SubtleCrypto),
  },
};

describeRealData('review4: npm verdicts do not depend on what was verified before', () => {
  describe.each(Object.keys(runs))('%s', (name) => {
    const { crypto, run } = runs[name]!;
    const trustFor = (c?: Case) => withCrypto(crypto, () => {
      const r = root();
      c?.root?.(r);
      return createTrustContext({ trustedRoot: r, npmKeys: keys() });
    });
    const input = (c: Case) => {
      const doc = json(c.path);
      c.doc?.(doc);
      const version = npmVersionOf(c.path);
      c.version?.(version);
      return [doc, version] as const;
    };
    const honest = (c: Case, trust: TrustContext) => {
      const path = c.path.replace(/\.tampered-[a-z]+\.json$/, '.json');
      return run(json(path), npmVersionOf(path), trust);
    };

    it.each(cases)('$name', async (c) => {
      clearParsedCertificates();
      const cold = await run(...input(c), trustFor(c));
      expect(cold.status).not.toBe('verified');
      const trust = trustFor(c);
      const good = trustFor();
      expect((await honest(c, good)).status).toBe('verified');
      await honest(c, trust); // the (mutated) trust material sees the honest leaf first
      expect(await run(...input(c), trust)).toEqual(cold);
      expect((await honest(c, good)).status).toBe('verified');
      expect(await run(...input(c), trust)).toEqual(cold);
    });
  });
});

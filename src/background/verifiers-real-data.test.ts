// The worker's verifiers (verifyAhead: one recorded pass, signatures by WebCrypto) against the
// plain synchronous core, both under the noble adapter, on every PyPI and npm fixture that
// index.json lists, untouched and with a flipped DSSE signature byte: the same verdict, to
// the last field. Valid packages must also take the single pass (the point of the wrapper).
import { webcrypto } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import { fixtureCases, type FixtureCase } from '../testing/fixture-cases';
import { clearCryptoMemos } from '../core/crypto/node-crypto';
import { withCrypto } from '../core/crypto/testing/swap-node-crypto';
import { createTrustContext, verifyNpmAttestations, verifyPypiProvenance, type ArtifactVerdict, type TrustContext } from '../core/index';
import { describeRealData, readFixtureJson } from '../testing/fixtures';
import { createWorkerVerifiers } from './verifiers';

let runs = 0;
let subtleVerifies = 0;
const real = webcrypto.subtle as SubtleCrypto;
const counting = {
  importKey: real.importKey.bind(real),
  verify: (...args: Parameters<SubtleCrypto['verify']>) => (subtleVerifies++, real.verify(...args)),
} as unknown as SubtleCrypto;
const core = {
  verifyPypiProvenance: (...a: Parameters<typeof verifyPypiProvenance>) => (runs++, withCrypto('adapter', () => verifyPypiProvenance(...a))),
  verifyNpmAttestations: (...a: Parameters<typeof verifyNpmAttestations>) => (runs++, withCrypto('adapter', () => verifyNpmAttestations(...a))),
};
const wrapped = createWorkerVerifiers({ core, subtle: counting });

/** The document with its first DSSE signature's last byte flipped; undefined if it has none. */
function flipSignature(doc: unknown): unknown {
  const copy = structuredClone(doc) as Record<string, never>;
  const flip = (b64: string): string => {
    const bytes = Buffer.from(b64, 'base64');
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 1;
    return bytes.toString('base64');
  };
  const c = copy as unknown as {
    attestation_bundles?: { attestations: { envelope: { signature: string } }[] }[];
    envelope?: { signature: string };
    attestations?: { bundle: { dsseEnvelope: { signatures: { sig: string }[] } } }[];
  };
  const envelope = c.attestation_bundles?.[0]?.attestations[0]?.envelope ?? c.envelope;
  if (envelope) envelope.signature = flip(envelope.signature);
  const npm = c.attestations?.[0]?.bundle.dsseEnvelope.signatures[0];
  if (npm) npm.sig = flip(npm.sig);
  return envelope || npm ? copy : undefined;
}

type Verify = (v: typeof core | typeof wrapped, doc: unknown) => ArtifactVerdict | Promise<ArtifactVerdict>;

function verifierFor(c: FixtureCase, trust: TrustContext): Verify {
  if (c.pypi) return (v, doc) => v.verifyPypiProvenance(doc, c.pypi!, trust);
  const d = c.npm!.doc;
  const info = { name: d.name, version: d.version, integrity: d.dist.integrity, ...(d.dist.signatures ? { signatures: d.dist.signatures } : {}) };
  return (v, doc) => v.verifyNpmAttestations(doc, info, trust);
}

describeRealData('worker verifiers (verifyAhead) on the real fixtures', () => {
  let cases: FixtureCase[] = [];
  let trust: TrustContext;
  beforeAll(() => {
    cases = fixtureCases();
    const input = { trustedRoot: readFixtureJson('sigstore/trusted_root.json'), npmKeys: readFixtureJson('sigstore/npm-registry-keys.json') };
    trust = withCrypto('adapter', () => createTrustContext(input));
  });

  it('gives the sync core verdict on every fixture, untouched and with a flipped signature', async () => {
    expect(cases.length).toBeGreaterThanOrEqual(10);
    let singlePass = 0;
    let verified = 0;
    let flippedCount = 0;
    for (const c of cases) {
      const verify = verifierFor(c, trust);
      if (flipSignature(readFixtureJson(c.path)) !== undefined) flippedCount++;
      const flipped = flipSignature(readFixtureJson(c.path));
      for (const doc of flipped === undefined ? [readFixtureJson(c.path)] : [readFixtureJson(c.path), flipped]) {
        clearCryptoMemos();
        const expected = await verify(core, doc);
        clearCryptoMemos();
        runs = 0;
        expect({ path: c.path, verdict: await verify(wrapped, doc) }).toEqual({ path: c.path, verdict: expected });
        if (expected.status === 'verified') verified++;
        if (expected.status === 'verified' && runs === 1) singlePass++;
        // Memos warm from that pass: nothing left to ask WebCrypto, still the same verdict.
        subtleVerifies = 0;
        expect(await verify(wrapped, doc)).toEqual(expected);
        if (expected.status === 'verified') expect(subtleVerifies).toBe(0);
      }
    }
    expect(verified).toBeGreaterThan(0);
    expect(flippedCount).toBeGreaterThanOrEqual(10);
    expect(singlePass).toBe(verified);
  });
});
